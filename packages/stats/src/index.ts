// @attune/stats: linear mixed models (lme4-compatible) and the distributions they need.
export { InputError } from "./errors.ts";
export { dataFrameFromColumns, dataFrameFromRows, isMissingText, toNumber } from "./frame/dataFrame.ts";
export type { CategoricalColumn, Column, DataFrame, NumericColumn } from "./frame/dataFrame.ts";
export { parseFormula } from "./formula/parse.ts";
export { expandFormula } from "./formula/terms.ts";
export { fitLmm, LmmFit } from "./lmm/fit.ts";
export type { FitOptions } from "./lmm/fit.ts";
export type { ContrastTest } from "./lmm/satterthwaite.ts";
export type { FitSummary, FixedEffect, RandomEffects, VarCorrEntry } from "./lmm/types.ts";
export { pTwoSidedT, pTwoSidedZ, pUpperChisq, pUpperF, qNormal, qT } from "./distributions/index.ts";
export { formatSummary } from "./lmm/format.ts";
export { likelihoodRatioTest } from "./lmm/anova.ts";
export type { LrtRow } from "./lmm/anova.ts";
export type { Prediction, PredictOptions } from "./lmm/fit.ts";
