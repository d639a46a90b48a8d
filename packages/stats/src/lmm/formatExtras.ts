import type { ModelComparison } from "./compare.ts";
import type { WaldContrast } from "../glmm/contrast.ts";
import type { NamedContrast } from "./contrast.ts";
import type { IccResult, R2Result } from "./effectSizes.ts";

/**
 * The ICC and R² lines of the text summary.
 *
 * @example
 * console.log(formatEffectSizes(icc(fit), r2Nakagawa(fit)));
 */
export function formatEffectSizes(i: IccResult, r2: R2Result): string {
  if (i.unavailable !== null) {
    return [
      `Intraclass correlation: not available: ${i.unavailable}`,
      `R² (Nakagawa & Schielzeth): marginal ${f3(r2.marginal)} (without the random effects), conditional not available`,
    ].join("\n");
  }
  const out = [
    `Intraclass correlation (adjusted ICC): ${f3(i.adjusted ?? NaN)}  (unadjusted: ${f3(i.unadjusted ?? NaN)})`,
  ];
  if (i.byGroup)
    out.push(`  by grouping level: ${i.byGroup.map((g) => `${g.group} ${f3(g.icc)}`).join("; ")}`);
  else
    out.push(
      "  with random slopes: mean random-effect variance over the rows (Johnson 2014); no ICC per level",
    );
  out.push(
    `R² (Nakagawa & Schielzeth): marginal ${f3(r2.marginal)}, conditional ${f3(r2.conditional ?? NaN)}`,
  );
  return out.join("\n");
}

/**
 * lme4's `anova()` table for a model comparison.
 *
 * @example
 * console.log(formatComparison(compareModels(fit, "y ~ 1 + (1 | g)")));
 */
export function formatComparison(c: ModelComparison): string {
  const out: string[] = [];
  if (c.refitML) out.push("refitting model(s) with ML (instead of REML)");
  out.push("Models:");
  for (const r of c.rows) out.push(`${r.model}: ${r.formula}`);
  const rows = [["", "npar", "AIC", "BIC", "logLik", "deviance", "Chisq", "Df", "Pr(>Chisq)", ""]];
  for (const r of c.rows) {
    rows.push([
      r.model,
      String(r.npar),
      r.AIC.toFixed(1),
      r.BIC.toFixed(1),
      sig(r.logLik, 5),
      r.deviance.toFixed(1),
      r.chisq === null ? "" : sig(r.chisq, 5),
      r.df === null ? "" : String(r.df),
      r.p === null ? "" : pval(r.p),
      r.p === null ? "" : stars(r.p),
    ]);
  }
  out.push(...table(rows));
  out.push("---");
  out.push("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1");
  return out.join("\n");
}

/**
 * The table of tested linear contrasts: Satterthwaite df and t for a linear model, Wald z for a
 * generalized one.
 *
 * @example
 * console.log(formatContrasts([linearContrast(fit, "b - a")]));
 */
export function formatContrasts(cs: readonly (NamedContrast | WaldContrast)[]): string {
  const wald = cs.length > 0 && cs.every((c) => "z" in c);
  const rows = [
    wald
      ? ["", "Estimate", "Std. Error", "z value", "Pr(>|z|)", ""]
      : ["", "Estimate", "Std. Error", "df", "t value", "Pr(>|t|)", ""],
  ];
  for (const c of cs) {
    const stat = "z" in c ? [c.z.toFixed(3)] : [c.df.toFixed(2), c.t.toFixed(3)];
    rows.push([c.contrast, sig(c.estimate, 5), sig(c.se, 5), ...stat, pval(c.p), stars(c.p)]);
  }
  return [wald ? "Linear contrasts (Wald z):" : "Linear contrasts (Satterthwaite df):", ...table(rows)].join(
    "\n",
  );
}

function table(rows: string[][]): string[] {
  const widths = (rows[0] as string[]).map((_, j) => Math.max(...rows.map((r) => (r[j] ?? "").length)));
  return rows.map((r) =>
    r
      .map((c, j) => (j === 0 ? c.padEnd(widths[j] as number) : c.padStart(widths[j] as number)))
      .join(" ")
      .trimEnd(),
  );
}

function f3(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : "NA";
}

function sig(v: number, digits: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : "NA";
}

function pval(p: number): string {
  if (!Number.isFinite(p)) return "NA";
  // R writes exponents with two digits (1.226e-06).
  return p < 2.2e-16
    ? "< 2.2e-16"
    : p < 1e-4
      ? p.toExponential(3).replace(/e([+-])(\d)$/, "e$10$2")
      : p.toFixed(4);
}

function stars(p: number): string {
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
}
