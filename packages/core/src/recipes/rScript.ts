import type { DataFrame } from "./engine.ts";
import type { RecipeResult } from "./run.ts";
import type { ModelRun } from "./types.ts";
import type { GlmmModelRun } from "./glmmRun.ts";
import { csvCell } from "../records/csvCell.ts";
import { rFormula, rString } from "./rSafe.ts";
import { contrastChecks, type ContrastCheck } from "./contrastChecks.ts";

export type { ContrastCheck } from "./contrastChecks.ts";

/** Options of `rScript`. */
export interface RScriptOptions {
  /** File name of the exported model data that the script reads ["attune-models.csv"]. */
  csvName?: string;
  /** The command line that produced the run, quoted in the header [none]. */
  command?: string;
  /** Further header lines, each printed as an R comment (e.g. that the data were redacted) [none]. */
  notes?: readonly string[];
}

const MODEL_COLUMN = "attune_model";

function modelDataCsv(models: readonly Pick<ModelRun, "name" | "frame">[]): string {
  const columns: string[] = [];
  for (const m of models) for (const n of m.frame.names) if (!columns.includes(n)) columns.push(n);
  const lines = [[MODEL_COLUMN, ...columns].map(csvCell).join(",")];
  for (const m of models) {
    const f: DataFrame = m.frame;
    for (let i = 0; i < f.nrow; i++) {
      const cells = columns.map((n) => csvCell(f.columns.get(n)?.values[i] ?? null));
      lines.push([csvCell(m.name), ...cells].join(","));
    }
  }
  return lines.join("\n") + "\n";
}

const rNum = (v: number): string => (Number.isFinite(v) ? String(v) : "NA");
// Data (names, terms, notes) enter the script only as R string literals; comments carry none.
const rStr = rString;

function modelBlock(m: ModelRun): string {
  const v = `m_${m.name.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const est = m.summary.fixef.map((f) => `${rStr(f.term)} = ${rNum(f.estimate)}`).join(", ");
  const se = m.summary.fixef.map((f) => `${rStr(f.term)} = ${rNum(f.se)}`).join(", ");
  const df = m.summary.fixef.map((f) => `${rStr(f.term)} = ${rNum(f.df)}`).join(", ");
  return [
    `# ---- model ----`,
    `cat("\\n---- ", ${rStr(m.name)}, " (${m.frame.nrow} rows) ----\\n", sep = "")`,
    `d <- d0[d0$${MODEL_COLUMN} == ${rStr(m.name)}, ]`,
    `${v} <- lmer(${rFormula(m.formula)}, data = d, REML = TRUE)`,
    `print(summary(${v}))`,
    `compare(${rStr(m.name)}, ${v},`,
    `  estimate = c(${est}),`,
    `  se = c(${se}),`,
    `  df = c(${df}),`,
    `  deviance = ${rNum(m.summary.deviance)}${m.fit.theta ? `,\n  theta = c(${Array.from(m.fit.theta, rNum).join(", ")})` : ""})`,
    "",
  ].join("\n");
}

function glmmBlock(m: GlmmModelRun): string {
  const v = `m_${m.name.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const est = m.summary.fixef.map((f) => `${rStr(f.term)} = ${rNum(f.estimate)}`).join(", ");
  const se = m.summary.fixef.map((f) => `${rStr(f.term)} = ${rNum(f.se)}`).join(", ");
  return [
    `# ---- generalized model ----`,
    `cat("\\n---- ", ${rStr(m.name)}, " (${m.frame.nrow} rows) ----\\n", sep = "")`,
    `d <- d0[d0$${MODEL_COLUMN} == ${rStr(m.name)}, ]`,
    `${v} <- glmer(${rFormula(m.formula)}, data = d, family = ${m.family}(link = ${rStr(m.link)})${m.nAGQ === 1 ? "" : `, nAGQ = ${m.nAGQ}`})`,
    `print(summary(${v}))`,
    `compare_glmer(${rStr(m.name)}, ${v},`,
    `  estimate = c(${est}),`,
    `  se = c(${se}),`,
    `  logLik = ${rNum(m.summary.logLik)})`,
    "",
  ].join("\n");
}

function surfaceBlock(model: string): string {
  const v = `m_${model.replace(/[^A-Za-z0-9_]/g, "_")}`;
  return [
    "# response-surface parameters of the model above (delta method, z tests)",
    `b <- fixef(${v}); V <- as.matrix(vcov(${v})); nm <- c("X", "Y", "X2", "XY", "Y2")`,
    `L <- rbind(a1 = c(1, 1, 0, 0, 0), a2 = c(0, 0, 1, 1, 1), a3 = c(1, -1, 0, 0, 0), a4 = c(0, 0, 1, -1, 1), a5 = c(0, 0, 1, 0, -1))`,
    `est <- drop(L %*% b[nm]); se <- sqrt(diag(L %*% V[nm, nm] %*% t(L)))`,
    `print(cbind(estimate = est, se = se, z = est / se, p = 2 * pnorm(-abs(est / se))))`,
    "",
  ].join("\n");
}

function contrastBlock(model: string, checks: readonly ContrastCheck[]): string {
  const v = `m_${model.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const rows = checks.map((c) => `  ${rStr(c.label)} = c(${Array.from(c.L, rNum).join(", ")})`).join(",\n");
  return [
    "# derived quantities of the model above: contrasts L'b with SE sqrt(L'VL), lme4 beside attune",
    `L <- rbind(\n${rows})`,
    `est <- drop(L %*% fixef(${v})); se <- sqrt(diag(L %*% as.matrix(vcov(${v})) %*% t(L)))`,
    `print(data.frame(quantity = rownames(L), lme4 = est, attune = c(${checks.map((c) => rNum(c.estimate)).join(", ")}),`,
    `  se_lme4 = se, se_attune = c(${checks.map((c) => rNum(c.se)).join(", ")}), row.names = NULL), digits = 6)`,
    "",
  ].join("\n");
}

/**
 * An R script that refits every model of a run with lme4 + lmerTest (generalized ones with glmer) from the exported model data, prints
 * lme4's summaries (and the response-surface parameters), and compares each fixed effect with attune's
 * numbers; plus that CSV (one block of rows per model, marked in column `attune_model`, derived columns
 * exactly as attune fitted them).
 *
 * @example
 * const { script, csv } = rScript(results, { csvName: "out.csv" });
 * // write both, then: Rscript out.R out.csv
 */
export function rScript(
  results: readonly RecipeResult[],
  options: RScriptOptions = {},
  checks: readonly ContrastCheck[] = results.flatMap(contrastChecks),
): { script: string; csv: string } {
  const csvName = options.csvName ?? "attune-models.csv";
  const models = results.flatMap((r) => r.models);
  const header = [
    "# Reproduces every model of an attune analysis run with lme4 + lmerTest.",
    // The run's command and notes are data: printed by cat(), never written as comments.
    options.command ? `cat("Run: ", ${rStr(options.command)}, "\\n", sep = "")` : null,
    ...(options.notes ?? []).map((n) => `cat(${rStr(n)}, "\\n", sep = "")`),
    "# Usage: Rscript this-file.R [the model CSV]",
    "# The CSV holds each model's rows with the derived variables attune computed (column attune_model",
    "# names the model). compare() prints attune's and lme4's estimates side by side.",
    "suppressPackageStartupMessages({ library(lme4); library(lmerTest) })",
    "args <- commandArgs(TRUE)",
    `d0 <- read.csv(if (length(args)) args[1] else ${rStr(csvName)}, stringsAsFactors = FALSE)`,
    "compare <- function(name, m, estimate, se, df, deviance, theta = NULL) {",
    "  # lme4 can stop on the wrong side of a boundary (a correlation at +-1) above attune's criterion:",
    "  # then refit from attune's theta and compare that fit, saying so.",
    "  if (!is.null(theta) && REMLcrit(m) > deviance + 1e-6 * abs(deviance)) {",
    "    m2 <- tryCatch(update(m, start = list(theta = theta)), error = function(e) NULL)",
    "    if (!is.null(m2) && REMLcrit(m2) < REMLcrit(m)) {",
    '      cat("\\n(", name, ": lme4 stopped at REML criterion ", REMLcrit(m), ", above attune\'s; refitted from attune\'s theta)\\n", sep = "")',
    "      m <- m2",
    "    }",
    "  }",
    "  co <- summary(m)$coefficients",
    "  t <- data.frame(term = rownames(co), lme4 = co[, 1], attune = estimate[rownames(co)],",
    "    diff_in_se = (estimate[rownames(co)] - co[, 1]) / co[, 2], se_lme4 = co[, 2], se_attune = se[rownames(co)],",
    "    df_lme4 = co[, 3], df_attune = df[rownames(co)], row.names = NULL)",
    '  cat("\\n== ", name, ": REML criterion lme4 ", REMLcrit(m), ", attune ", deviance, "\\n", sep = "")',
    "  print(t, digits = 6)",
    '  cat("== ", name, ": largest |lme4 - attune| / SE ", max(abs(t$diff_in_se)), ", largest SE ratio - 1 ", max(abs(t$se_attune / t$se_lme4 - 1)), "\\n", sep = "")',
    "  invisible(t)",
    "}",
    "compare_glmer <- function(name, m, estimate, se, logLik) {",
    "  co <- summary(m)$coefficients",
    "  t <- data.frame(term = rownames(co), lme4 = co[, 1], attune = estimate[rownames(co)],",
    "    diff_in_se = (estimate[rownames(co)] - co[, 1]) / co[, 2], se_lme4 = co[, 2], se_attune = se[rownames(co)],",
    "    exp_lme4 = exp(co[, 1]), exp_attune = exp(estimate[rownames(co)]), row.names = NULL)",
    '  cat("\\n== ", name, ": logLik lme4 ", as.numeric(logLik(m)), ", attune ", logLik, "\\n", sep = "")',
    "  print(t, digits = 6)",
    '  cat("== ", name, ": largest |lme4 - attune| / SE ", max(abs(t$diff_in_se)), ", largest SE ratio - 1 ", max(abs(t$se_attune / t$se_lme4 - 1)), "\\n", sep = "")',
    "  invisible(t)",
    "}",
    "",
  ].filter((l): l is string => l !== null);
  const blocks: string[] = [];
  for (const r of results) {
    for (const m of r.models) {
      blocks.push(modelBlock(m));
      if (r.recipe === "rsa" && m.name !== "rsa_moderated") blocks.push(surfaceBlock(m.name));
      const mine = checks.filter((c) => c.model === m.name);
      if (mine.length) blocks.push(contrastBlock(m.name, mine));
    }
    if ("glmms" in r) blocks.push(...r.glmms.map(glmmBlock));
  }
  const glmms = results.flatMap((r) => ("glmms" in r ? r.glmms : []));
  return { script: [...header, ...blocks].join("\n"), csv: modelDataCsv([...models, ...glmms]) };
}
