// Analysis runs on the wire: the selection a run recorded, its redactions after erasures, the record.
import { z } from "zod";
import { RECIPE_NAMES } from "@attune/core/records";
import { Code, Id } from "./common.ts";

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
/** The families a custom model can use: lmer (gaussian) or glmer. */
export const ModelFamily = z.enum(["gaussian", "binomial", "poisson"]);
/** The links of glmer's families (binomial: logit, probit, cloglog; poisson: log). */
export const ModelLink = z.enum(["logit", "probit", "cloglog", "log"]);
/** The cross-lagged recipe's two models (docs/recipes.md); a bad value is refused, naming it. */
export const CrossLaggedModel = z.enum(["stacked", "separate"], {
  error: (iss) =>
    `crossLaggedModel must be "stacked" or "separate", got ${JSON.stringify(iss.input)?.slice(0, 40)}`,
});
/**
 * Options of particular recipes that a run request may carry and a run records (absent = the recipe's
 * default): deterioration's reliable-change threshold and planned sessions; the custom model's formula,
 * family, link and quadrature points (docs/recipes.md).
 */
export const RecipeChoices = z.object({
  /** deterioration: the outcome's reliability for the Jacobson–Truax threshold [0.8]. */
  reliability: z.number().gt(0).lt(1).optional(),
  /** deterioration: the reliable-change threshold in raw points, instead of computing it. */
  rci: z.number().positive().optional(),
  /** deterioration: planned number of sessions; fewer is a dropout [the largest session number]. */
  plannedSessions: z.number().int().min(2).max(500).optional(),
  /** custom: the lme4 formula over the prepared table. */
  formula: z.string().min(3).max(500).optional(),
  family: ModelFamily.optional(),
  link: ModelLink.optional(),
  /** custom: glmer's nAGQ (1 = Laplace; 2–25 adaptive Gauss–Hermite for one scalar random effect; 0). */
  nAGQ: z.number().int().min(0).max(25).optional(),
});
/** A run request: which data (a study, a session date range, arms), which recipe, and its options. */
export const RunBody = z.object({
  study: Id.optional(),
  from: Day.optional(),
  to: Day.optional(),
  arms: z.array(Code).max(50).optional(),
  recipe: z.enum(["all", ...RECIPE_NAMES]),
  byCondition: z.boolean().optional(),
  rater: z.enum(["patient", "therapist"]).optional(),
  detrend: z.boolean().optional(),
  /** growth / lagged: columns of the analysis table (session-level measures, therapist attributes). */
  predictors: z.array(z.string().max(80)).max(20).optional(),
  /** growth / lagged: therapist-level columns (attributes, once-only scores) moderating the focal slope. */
  moderators: z.array(z.string().max(80)).max(10).optional(),
  /** The measure analysed as the outcome: a column of the long table (wellbeing, phq9, gad7, …). */
  outcome: z.string().max(80).optional(),
  /**
   * lagged (and all): split the patient's mean alliance into between-patient (alliance_pb = patient mean −
   * therapist mean) and between-therapist (alliance_tm) parts [false].
   */
  betweenTherapist: z.boolean().optional(),
  /** Without a study: the study whose arms the condition column shows (none when absent). */
  armsFrom: Id.optional(),
  /**
   * cross-lagged: the second process, lagged both ways with the outcome — a measure of the long table
   * (confidence, phq9, …) or an alliance rating (alliance_patient, alliance_therapist).
   */
  process2: z.string().min(1).max(80).optional(),
  /** cross-lagged: both processes in one model ("stacked") or two equations ("separate") ["stacked"]. */
  crossLaggedModel: CrossLaggedModel.optional(),
  ...RecipeChoices.shape,
});
export type RunBody = z.input<typeof RunBody>;
export const Selection = z.object({
  study: z.string().nullable(),
  studyName: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  arms: z.array(z.string()).nullable(),
  /** Whole-network runs: the study whose arms the condition shows (absent or null: none). */
  armsFrom: z.string().nullable().optional(),
  armsFromName: z.string().nullable().optional(),
  options: z.object({
    /** The outcome measure (a long-table column; absent in older runs: wellbeing). */
    outcome: z.string().optional(),
    byCondition: z.boolean(),
    rater: z.enum(["patient", "therapist"]),
    detrend: z.boolean(),
    /** growth / lagged: predictors split into within-patient, between-patient, between-therapist parts. */
    predictors: z.array(z.string()).optional(),
    /** growth / lagged: therapist attributes moderating the focal slope (cross-level interactions). */
    moderators: z.array(z.string()).optional(),
    /** lagged: the patient mean of alliance split into between-patient and between-therapist parts. */
    betweenTherapist: z.boolean().optional(),
    /** cross-lagged: the second process and the model (recorded even when the default, "stacked"). */
    process2: z.string().optional(),
    crossLaggedModel: CrossLaggedModel.optional(),
    ...RecipeChoices.shape,
  }),
});
/** An erasure removed a patient's rows from the run's CSV (docs/study.md, "Erasure and runs"). */
export const RedactionOut = z.object({
  at: z.string(),
  rowsRemoved: z.number(),
  /** sha256 of the CSV before and after; the newest `after` is the sha256 of data.csv now. */
  before: z.string(),
  after: z.string(),
});
export const RunOut = z.object({
  id: z.string(),
  runAt: z.string(),
  runBy: z.string(),
  attuneVersion: z.string(),
  recipe: z.string(),
  selection: Selection,
  rows: z.number(),
  /** sha256 of the CSV as recorded and analysed (unchanged by redactions). */
  dataSha256: z.string(),
  /** Oldest first; empty if no erased patient was in the run's data. */
  redactions: z.array(RedactionOut),
});

const Num = z.number().nullable();
/** One fixed effect of a model's summary (Satterthwaite df; null for a z test: JSON has no Infinity). */
export const FixedEffectOut = z.object({
  term: z.string(),
  estimate: z.number(),
  se: z.number(),
  df: Num,
  /** t of a linear model (Satterthwaite df). */
  t: z.number().optional(),
  /** Wald z of a generalized model (then there is no df or t). */
  z: z.number().optional(),
  p: z.number(),
});
export const VarCorrOut = z.looseObject({
  group: z.string(),
  term: z.string().nullable().optional(),
  terms: z.array(z.string()).optional(),
  sd: z.number().optional(),
  cor: z.number().optional(),
});
/** A fitted model as the recipes' JSON contract gives it (docs/recipes.md). */
export const ModelSummaryOut = z.looseObject({
  formula: z.string(),
  method: z.string(),
  nobs: z.number(),
  groups: z.record(z.string(), z.number()),
  fixef: z.array(FixedEffectOut),
  varcorr: z.array(VarCorrOut),
  sigma: z.number(),
  deviance: z.number(),
  logLik: z.number(),
  AIC: z.number().optional(),
  BIC: z.number().optional(),
  nDropped: z.number().optional(),
  singular: z.boolean().optional(),
  warnings: z.array(z.string()).optional(),
  /** Generalized models (glmer): the family, link and quadrature points; absent for linear models. */
  family: z.string().optional(),
  link: z.string().optional(),
  nAGQ: z.number().optional(),
});
const SurfaceParameter = z.object({ estimate: z.number(), se: z.number(), z: z.number(), p: z.number() });
/** The response-surface parameters a1..a5 (recipe rsa). */
export const SurfaceOut = z.object({
  a1: SurfaceParameter,
  a2: SurfaceParameter,
  a3: SurfaceParameter,
  a4: SurfaceParameter,
  a5: SurfaceParameter,
});
/** A headline quantity: a label and its estimate with 95% interval (df null for a z test). */
export const DerivedQuantity = z.object({
  label: z.string(),
  estimate: z.number(),
  se: z.number(),
  df: Num,
  p: z.number(),
  lower: z.number(),
  upper: z.number(),
});
/** Per-therapist estimates with 95% intervals (fixed part + conditional mode). */
export const DerivedUnits = z.object({
  label: z.string(),
  units: z.array(
    z.object({
      unit: z.string(),
      arm: z.string().nullable(),
      estimate: z.number(),
      lower: z.number(),
      upper: z.number(),
    }),
  ),
});
/** Everything derived for one model of a run, keyed by the model's contract name (server analysis/derived.ts). */
export const DerivedModel = z.object({
  /** 95% interval of each fixed effect, in the order of `fixef` (t with Satterthwaite df). */
  ci: z.array(z.object({ term: z.string(), lower: z.number(), upper: z.number() })),
  quantities: z.array(DerivedQuantity),
  units: z.array(DerivedUnits),
});
/** A run's results: the recipes' JSON contract (docs/recipes.md) plus `derived`, for the run page. */
export const RunResults = z.looseObject({
  recipe: z.string(),
  models: z.record(z.string(), ModelSummaryOut),
  surface: SurfaceOut.optional(),
  surfaceBy: z.record(z.string(), SurfaceOut).optional(),
  center: z.number().optional(),
  centers: z.record(z.string(), z.number()).optional(),
  derived: z.record(z.string(), DerivedModel).optional(),
  /** deterioration: each arm's odds ratio by "<model>: <arm> vs <reference>". */
  oddsRatios: z
    .record(
      z.string(),
      z.object({ oddsRatio: z.number(), lower: z.number(), upper: z.number(), z: z.number(), p: z.number() }),
    )
    .optional(),
  /** deterioration: events and rates per arm, by outcome. */
  rates: z
    .record(
      z.string(),
      z.array(z.object({ arm: z.string(), n: z.number(), events: z.number(), rate: z.number() })),
    )
    .optional(),
  notes: z.array(z.string()).optional(),
});
export const RunWithResults = RunOut.extend({ results: RunResults });

/**
 * One of a run's figures: the report's own (packages/report figures.ts), its SVG at
 * GET /api/runs/{id}/figures/{index}, with its title, caption and the numbers it draws.
 */
export const FigureOut = z.object({
  index: z.number().int(),
  kind: z.enum(["caterpillar", "trajectory", "surface", "contour"]),
  /** The model whose numbers it draws. */
  model: z.string(),
  /** The per-therapist estimate's label, the rater, or the surface's model. */
  about: z.string(),
  title: z.string(),
  caption: z.string(),
  data: z.object({
    head: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  }),
});
/** GET /api/runs/{id}/figures: the figures of the run's report, in the report's order. */
export const RunFiguresOut = z.object({ figures: z.array(FigureOut) });

export type Selection = z.infer<typeof Selection>;
export type RecipeChoices = z.infer<typeof RecipeChoices>;
export type RedactionOut = z.infer<typeof RedactionOut>;
export type RunOut = z.infer<typeof RunOut>;
export type FigureOut = z.infer<typeof FigureOut>;
export type RunFiguresOut = z.infer<typeof RunFiguresOut>;
export type FixedEffectOut = z.infer<typeof FixedEffectOut>;
export type VarCorrOut = z.infer<typeof VarCorrOut>;
export type ModelSummaryOut = z.infer<typeof ModelSummaryOut>;
export type SurfaceOut = z.infer<typeof SurfaceOut>;
export type DerivedQuantity = z.infer<typeof DerivedQuantity>;
export type DerivedUnits = z.infer<typeof DerivedUnits>;
export type DerivedModel = z.infer<typeof DerivedModel>;
export type RunResults = z.infer<typeof RunResults>;
export type RunWithResults = z.infer<typeof RunWithResults>;
