import type { FamilyName, LinkName } from "./family.ts";

/** One row of glmer's fixed-effects table: Wald z test. */
export interface GlmmFixedEffect {
  /** R's column name: `(Intercept)`, `period2`, `a:b`. */
  readonly term: string;
  readonly estimate: number;
  readonly se: number;
  readonly z: number;
  /** Two-sided p from the standard normal. */
  readonly p: number;
}

/** A random-effect SD or correlation (as.data.frame(VarCorr)); GLMMs have no residual entry. */
export type GlmmVarCorrEntry =
  | { readonly group: string; readonly term: string; readonly sd: number }
  | { readonly group: string; readonly terms: readonly [string, string]; readonly cor: number };

/** The JSON shape of a generalized fit (`attune fit --family ... --json`). */
export interface GlmmFitSummary {
  readonly formula: string;
  /** "Laplace" (nAGQ = 1) or "AGQ" (adaptive Gauss–Hermite quadrature, nAGQ > 1). */
  readonly method: "Laplace" | "AGQ";
  readonly nAGQ: number;
  readonly family: FamilyName;
  readonly link: LinkName;
  readonly nobs: number;
  readonly groups: Readonly<Record<string, number>>;
  readonly fixef: readonly GlmmFixedEffect[];
  readonly varcorr: readonly GlmmVarCorrEntry[];
  /** As lme4's logLik(): −deviance/2 (for AGQ lme4's deviance-residual scale, see docs/glmm.md). */
  readonly logLik: number;
  /** −2 logLik (the "deviance" column of summary(glmer)). */
  readonly deviance: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly theta: readonly number[];
  /** Where the fixed-effect covariance came from: lme4's finite-difference Hessian, or RX. */
  readonly vcovSource: "hessian" | "RX";
  /** Rows dropped because a model variable was missing. */
  readonly nDropped: number;
  readonly singular: boolean;
  readonly warnings: readonly string[];
}
