// A custom model: any lme4 formula over the prepared long table (one row per patient × session), as a
// linear mixed model (lmer, REML) or a generalized one (glmer: binomial logit/probit/cloglog, Poisson
// log; Laplace or adaptive Gauss–Hermite quadrature). The table's columns and derived variables are
// listed by `customColumns`, so a page can show what a formula may use.
import { fitGlmm, InputError, type FamilyName, type LinkName } from "@attune/stats";
import type { Column, DataFrame } from "./engine.ts";
import { deriveOutcomeNext, deriveTime } from "./derive.ts";
import { buildFrame } from "./frame.ts";
import { runGlmm, type GlmmModelRun } from "./glmmRun.ts";
import type { RecipeOptions } from "./options.ts";
import type { PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { ModelRun } from "./types.ts";
import { CUSTOM_COLUMNS } from "../records/customColumns.ts";

/** The family of a custom model: gaussian (lmer) or a glmer family. */
export type CustomFamily = "gaussian" | FamilyName;

export interface CustomResult {
  readonly recipe: "custom";
  /** The linear model (gaussian family), else none. */
  readonly models: readonly ModelRun[];
  /** The generalized model (binomial or Poisson), else none. */
  readonly glmms: readonly GlmmModelRun[];
  readonly notes: readonly string[];
}

const LINKS: Record<FamilyName, readonly LinkName[]> = {
  binomial: ["logit", "probit", "cloglog"],
  poisson: ["log"],
};

/**
 * The `custom` recipe: `options.formula` fitted on the prepared table as lmer (family gaussian, the
 * default; REML) or glmer (binomial or Poisson with `options.link` and `options.nAGQ`). Rows with a
 * missing value in a model variable are dropped and counted, as for every model.
 *
 * @example
 * custom(data, { formula: "forms_missed ~ time + (1 | therapist)", family: "poisson" }).glmms[0].summary.fixef;
 */
export function custom(data: PrnData, options: RecipeOptions): CustomResult {
  const formula = options.formula?.trim();
  if (!formula)
    throw new InputError(
      `custom needs a model formula (lme4 syntax), e.g. outcome ~ time + (1 | patient); the table has ${CUSTOM_COLUMNS.map((c) => c.name).join(", ")} and the data's other columns`,
    );
  const family = options.family ?? "gaussian";
  const table = customTable(data);
  const described = `${table.nrow} rows, one per patient × session`;
  if (family === "gaussian") {
    if (options.link !== undefined && options.link !== "identity")
      throw new InputError(`custom: link "${options.link}" needs the binomial or poisson family`);
    if (options.nAGQ !== undefined)
      throw new InputError("custom: quadrature points (nAGQ) need the binomial or poisson family");
    const m = runModel("custom", formula, table, options.fit, data.nrow);
    return {
      recipe: "custom",
      models: [m],
      glmms: [],
      notes: [`Linear mixed model (REML, as lmer) on ${described}.`],
    };
  }
  if (family !== "binomial" && family !== "poisson")
    throw new InputError(`custom: family must be gaussian, binomial or poisson, got "${String(family)}"`);
  const link = (options.link ?? LINKS[family][0]) as LinkName;
  if (!LINKS[family].includes(link))
    throw new InputError(
      `custom: the ${family} family takes the link ${LINKS[family].join(", ")}, not "${options.link}"`,
    );
  const nAGQ = options.nAGQ ?? 1;
  if (!Number.isInteger(nAGQ) || nAGQ < 0 || nAGQ > 25)
    throw new InputError(`custom: nAGQ must be a whole number from 0 to 25, got ${nAGQ}`);
  const m = runGlmm("custom", formula, table, "patient × session", data.nrow, (f, d) =>
    fitGlmm(f, d, { family, link, nAGQ }),
  );
  return {
    recipe: "custom",
    models: [],
    glmms: [m],
    notes: [`Generalized mixed model (glmer, ${family} family, ${link} link) on ${described}.`],
  };
}

/**
 * The table a custom formula sees: the role columns under their canonical names, the derived
 * variables of CUSTOM_COLUMNS (core/records), and the data's other columns as they are (a column named like a
 * canonical or derived one is not read: the recipe's own value wins, as in every recipe).
 *
 * @example
 * customTable(data).names; // ["therapist", "patient", "condition", "session", "time", ..., "forms_missed", "confidence"]
 */
export function customTable(data: PrnData): DataFrame {
  const rows = Array.from({ length: data.nrow }, (_, i) => i);
  const { mean, within } = patientMeans(data, data.alliance_patient);
  const missed = Float64Array.from(
    rows,
    (i) =>
      [data.alliance_patient, data.alliance_therapist, data.outcome].filter(
        (c) => !Number.isFinite(c[i] as number),
      ).length,
  );
  const frame = buildFrame(data, rows, {
    time: deriveTime(data),
    alliance_patient: data.alliance_patient,
    alliance_therapist: data.alliance_therapist,
    outcome: data.outcome,
    outcome_next: deriveOutcomeNext(data),
    alliance_pm: mean,
    alliance_wp: within,
    forms_missed: missed,
  });
  const columns = new Map<string, Column>(frame.columns);
  const roleColumns = new Set<string>(Object.values(data.roles));
  for (const name of data.source.names) {
    if (columns.has(name) || roleColumns.has(name)) continue;
    const col = data.source.columns.get(name);
    if (col) columns.set(name, col);
  }
  return { nrow: frame.nrow, names: [...columns.keys()], columns };
}

/** Each patient's mean of `values` over the rows where it is present, and the deviation from it. */
function patientMeans(data: PrnData, values: Float64Array): { mean: Float64Array; within: Float64Array } {
  const sum = new Map<string, [number, number]>();
  for (let i = 0; i < data.nrow; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    const s = sum.get(data.patient[i] as string) ?? [0, 0];
    s[0] += v;
    s[1]++;
    sum.set(data.patient[i] as string, s);
  }
  const mean = new Float64Array(data.nrow);
  const within = new Float64Array(data.nrow);
  for (let i = 0; i < data.nrow; i++) {
    const s = sum.get(data.patient[i] as string);
    mean[i] = s ? s[0] / s[1] : Number.NaN;
    within[i] = (values[i] as number) - (mean[i] as number);
  }
  return { mean, within };
}
