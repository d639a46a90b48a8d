// The one place where recipes meet the mixed-model engine (@attune/stats). Everything else in recipes/
// imports engine types from here.
export type { DataFrame, Column } from "../../../stats/src/frame/dataFrame.ts";
export { dataFrameFromColumns, dataFrameFromRows } from "../../../stats/src/frame/dataFrame.ts";
export type { FitSummary, FixedEffect, RandomEffects, VarCorrEntry } from "../../../stats/src/lmm/types.ts";
import type { DataFrame } from "../../../stats/src/frame/dataFrame.ts";
import type { FitSummary, FixedEffect, RandomEffects } from "../../../stats/src/lmm/types.ts";

/** Test of one linear combination of the fixed effects (Satterthwaite df). */
export interface ContrastResult {
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly t: number;
  readonly p: number;
}

/** What recipes use of a fitted linear mixed model (`LmmFit` of @attune/stats). */
export interface FitLike {
  summary(): FitSummary;
  readonly fixef: readonly FixedEffect[];
  readonly fixefNames: readonly string[];
  /** Var(β̂), p × p row-major. */
  readonly vcov: Float64Array;
  readonly ranef: readonly RandomEffects[];
  readonly sigma: number;
  contrast(L: ArrayLike<number>): ContrastResult;
}

/** Fits an lme4 formula to a data frame (REML when `reml` is true). */
export type Fitter = (formula: string, data: DataFrame, options: { reml: boolean }) => FitLike;
