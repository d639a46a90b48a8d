/** One row of the fixed-effects table, as lmerTest's summary prints it. */
export interface FixedEffect {
  /** R's column name: `(Intercept)`, `Days`, `SexMale`, `a:b`. */
  readonly term: string;
  readonly estimate: number;
  readonly se: number;
  /** Satterthwaite denominator degrees of freedom (lmerTest). */
  readonly df: number;
  readonly t: number;
  /** Two-sided p from t(df). */
  readonly p: number;
}

/** A random-effect standard deviation, a correlation, or the residual SD (as.data.frame(VarCorr)). */
export type VarCorrEntry =
  | { readonly group: string; readonly term: string; readonly sd: number }
  | { readonly group: string; readonly terms: readonly [string, string]; readonly cor: number }
  | { readonly group: "Residual"; readonly term: null; readonly sd: number };

/** Conditional modes (BLUPs) of one random-effects term. */
export interface RandomEffects {
  /** Grouping factor name, e.g. `therapist` or `patient:therapist`. */
  readonly group: string;
  /** Names of the k effects of the term, e.g. `["(Intercept)", "time"]`. */
  readonly terms: readonly string[];
  /** Level labels of the grouping factor (sorted, as R's factor levels). */
  readonly levels: readonly string[];
  /** Conditional modes, level-major: value of effect e for level l at `l * k + e`. */
  readonly modes: Float64Array;
  /** Conditional SDs (sqrt of the diagonal of lme4's condVar), same layout as `modes`. */
  readonly condSd: Float64Array;
  /** Conditional covariance of each level's effects (k×k row-major per level, level after level). */
  readonly condCov: Float64Array;
}

/** The JSON shape of a fit: the fields of shared/golden/reference.json entries. */
export interface FitSummary {
  readonly formula: string;
  readonly method: "REML" | "ML";
  readonly nobs: number;
  readonly groups: Readonly<Record<string, number>>;
  readonly fixef: readonly FixedEffect[];
  readonly varcorr: readonly VarCorrEntry[];
  readonly sigma: number;
  readonly logLik: number;
  /** REML criterion for REML fits, −2 logLik for ML fits. */
  readonly deviance: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly theta: readonly number[];
  /** Rows dropped because a model variable was missing. */
  readonly nDropped: number;
  readonly singular: boolean;
  readonly warnings: readonly string[];
}
