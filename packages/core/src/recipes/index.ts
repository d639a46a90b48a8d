export { defaultFitter, type Fitter, type FitLike, type ContrastResult } from "./engine.ts";
export { DEFAULT_ROLES, ROLE_NAMES, resolveRoles, type Roles, type RoleName } from "./roles.ts";
export type { RecipeOptions } from "./options.ts";
export type { ModelRun, Estimate, Arm, UnitEstimate } from "./types.ts";
export { preparePrnData, requireRole, type PrnData } from "./prepare.ts";
export { outcomeDirection, type OutcomeDirection } from "./outcomeDirection.ts";
export { deriveTime, deriveOutcomeNext } from "./derive.ts";
export { designRow, slopeRow, quadraticForm } from "./design.ts";
export { zEstimate, contrastEstimate } from "./estimate.ts";
export {
  surfaceParameters,
  subBlock,
  SURFACE_CONTRASTS,
  type SurfaceParameter,
  type SurfaceParameters,
} from "./surface.ts";
export { congruence, type CongruenceResult, type ArmAttunement, type Moderation } from "./congruence.ts";
export { dyadCongruence, type DyadCongruence, type CongruenceQuantities } from "./congruenceDyad.ts";
export { armQuantity, quantityJson, type ArmQuantity, type QuantityEstimate } from "./quantities.ts";
export { rsa, type RsaResult, type FittedSurface } from "./rsa.ts";
export { moderatedSurface, RSA_MODERATED_FORMULA, type ModeratedSurface } from "./rsaModerated.ts";
export { growth, type GrowthResult, type RaterGrowth, type TrajectoryPoint } from "./growth.ts";
export { lagged, type LaggedResult } from "./lagged.ts";
export { therapistSlopes, type TherapistSlopesResult } from "./therapistSlopes.ts";
export { raters, type RatersResult } from "./raters.ts";
export { crossLagged, type CrossLaggedResult } from "./crossLagged.ts";
export { ruptures, type RupturesResult } from "./ruptures.ts";
export { modality, type ModalityResult } from "./modality.ts";
export {
  deterioration,
  type DeteriorationResult,
  type OddsRatio,
  type ArmRate,
  type RciInfo,
} from "./deterioration.ts";
export { runGlmm, type GlmmModelRun } from "./glmmRun.ts";
export { custom, customTable, type CustomFamily, type CustomResult } from "./custom.ts";
export { termEstimate, type EffectsResult } from "./effects.ts";
export { describeSample, type SampleDescription } from "./sample.ts";
export {
  runRecipes,
  runRecipesOn,
  recipeJson,
  RECIPES,
  RECIPE_NAMES,
  CORE_RECIPES,
  type RecipeName,
  type RecipeResult,
} from "./run.ts";
export { rScript } from "./rScript.ts";
export { networkRates, type GroupRates, type NetworkRates, type NetworkRateOptions } from "./networkRates.ts";
