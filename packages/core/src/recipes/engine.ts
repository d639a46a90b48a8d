// The one place where recipes meet the mixed-model engine (@attune/stats). Everything else in recipes/
// imports engine types from here.
import {
  fitGlmm,
  fitLmm,
  type DataFrame,
  type FitSummary,
  type FixedEffect,
  type GlmmFit,
  type RandomEffects,
} from "@attune/stats";
export type { GlmmFit, GlmmFitSummary } from "@attune/stats";
export type { DataFrame, Column, FitSummary, FixedEffect, RandomEffects, VarCorrEntry } from "@attune/stats";
export { dataFrameFromColumns, dataFrameFromRows } from "@attune/stats";

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
  /** The relative covariance factors' θ̂ in lme4's order (an R script refits from it) [absent: none]. */
  readonly theta?: Float64Array;
  contrast(L: ArrayLike<number>): ContrastResult;
}

/** Fits an lme4 formula to a data frame (REML when `reml` is true). */
export type Fitter = (formula: string, data: DataFrame, options: { reml: boolean }) => FitLike;

/**
 * The default fitter: @attune/stats' `fitLmm` (lme4-compatible, Satterthwaite df).
 *
 * @example
 * defaultFitter("y ~ x + (1 | g)", df, { reml: true }).summary();
 */
export const defaultFitter: Fitter = (formula, data, options) => fitLmm(formula, data, options);

/** Fits a binomial (logit) GLMM as lme4's glmer, Laplace approximation. */
export type GlmmFitter = (formula: string, data: DataFrame) => GlmmFit;

/**
 * The default GLMM fitter: @attune/stats' `fitGlmm`, binomial family with the logit link (glmer's default).
 *
 * @example
 * defaultGlmmFitter("deteriorated ~ condition + (1 | therapist)", frame).summary().fixef;
 */
export const defaultGlmmFitter: GlmmFitter = (formula, data) =>
  fitGlmm(formula, data, { family: "binomial" });
