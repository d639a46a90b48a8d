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
export { pTwoSidedT, pTwoSidedZ, pUpperChisq, qNormal } from "./distributions/index.ts";
export { pUpperF } from "./distributions/upperF.ts";
export { qT } from "./distributions/quantileT.ts";
export { formatSummary } from "./lmm/format.ts";
export { likelihoodRatioTest, lrtTable } from "./lmm/anova.ts";
export type { LrtModel, LrtRow } from "./lmm/anova.ts";
export type { Prediction, PredictOptions } from "./lmm/fit.ts";
export { compareModels } from "./lmm/compare.ts";
export type { ModelComparison } from "./lmm/compare.ts";
export {
  fixedAndRandomVariances,
  icc,
  r2Nakagawa,
  varianceComponents,
  zeroVarianceReason,
} from "./lmm/effectSizes.ts";
export type { IccResult, R2Result, VarianceComponents } from "./lmm/effectSizes.ts";
export { linearContrast, parseContrast } from "./lmm/contrast.ts";
export type { NamedContrast } from "./lmm/contrast.ts";
export { orthogonalPoly, evalPoly, rawPoly } from "./model/poly.ts";
export type { PolyCoefs } from "./model/poly.ts";
export { formatRNumber } from "./formula/rformat.ts";
export { nelderMead } from "./optim/nelderMead.ts";
export type { NelderMeadOptions, OptimResult } from "./optim/nelderMead.ts";
export { formatComparison, formatContrasts, formatEffectSizes } from "./lmm/formatExtras.ts";
export { fitGlmm, GlmmFit } from "./glmm/fit.ts";
export type { GlmmOptions } from "./glmm/fit.ts";
export { family, familyLinks } from "./glmm/family.ts";
export type { Family, FamilyName, LinkName } from "./glmm/family.ts";
export { formatGlmmSummary } from "./glmm/format.ts";
export { compareGlmms } from "./glmm/compare.ts";
export { glmmContrast } from "./glmm/contrast.ts";
export type { WaldContrast } from "./glmm/contrast.ts";
export { glmmIcc, glmmR2, glmmVarianceComponents } from "./glmm/effectSizes.ts";
export type { GlmmVarianceComponents } from "./glmm/effectSizes.ts";
export type { GlmmFitSummary, GlmmFixedEffect, GlmmVarCorrEntry } from "./glmm/types.ts";
export { splitCbindResponse } from "./formula/cbind.ts";
