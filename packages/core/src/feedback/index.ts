// Public API of the feedback rules: congruence, ruptures, not on track, incongruence, attunement.
export type * from "./types.ts";
export {
  resolveRuptureOptions,
  resolveCongruenceOptions,
  resolveIncongruenceOptions,
  type FeedbackConfig,
  type RuptureOptions,
  type ResolvedRuptureOptions,
  type CongruenceOptions,
  type IncongruenceOptions,
  type NotOnTrackOptions,
} from "./config.ts";
export { feedbackScale, toPercent, toBetterPercent, seriesPercent, commonMetricScale } from "./scale.ts";
export { congruencePoints, congruenceTrend } from "./congruence.ts";
export { ruptureAlerts } from "./rupture.ts";
export { ruptureCalibration, type RuptureCalibration, type CalibrationOptions } from "./calibration.ts";
export { incongruenceAlerts } from "./incongruence.ts";
export { notOnTrackAlerts } from "./notOnTrack.ts";
export { evaluateDyad, type DyadFeedback } from "./evaluateDyad.ts";
export { predictNewUnit, type PredictiveModel, type PredictiveMoments } from "./prediction.ts";
export {
  fitExpectedRecovery,
  expectedRecoveryModel,
  recoveryDataSufficient,
  expectedBand,
  BUILT_IN_RECOVERY_MODEL,
  RECOVERY_FORMULA,
  type ExpectedRecoveryModel,
  type ExpectedBand,
  type RecoveryObservation,
  type RecoveryDataRule,
} from "./expectedRecovery.ts";
export {
  attunementProfiles,
  type AttunementRow,
  type AttunementWindows,
  type AttunementPoint,
  type AttunementProfiles,
} from "./attunement.ts";
export { EVIDENCE } from "./messages.ts";
export { evaluateAlerts, simulatedHistories, SIMULATED_SCALE, type AlertEvaluation } from "./evaluation.ts";
export * from "./calibrated/index.ts";
