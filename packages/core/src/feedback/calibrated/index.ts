// Alerts calibrated on the network's own data: noise, rupture bar, not-on-track band, and the replay.
export {
  levelNoise,
  levelResiduals,
  noiseAt,
  robustSd,
  cronbachAlpha,
  type LevelNoise,
  type LevelResidual,
} from "./noise.ts";
export {
  ruptureSignal,
  statelessSignals,
  probabilityOfFall,
  type RuptureSignal,
  type RuptureSignalSettings,
} from "./ruptureSignal.ts";
export {
  fitLatentAlliance,
  growthBetween,
  latentStart,
  latentUpdate,
  latentSignal,
  latentSignals,
  budgetBar,
  type LatentAllianceModel,
  type LatentSignal,
  type LatentState,
} from "./latentAlliance.ts";
export { calibratedRuptureAlerts, ruleForDyad, type CalibratedRuptureRule } from "./ruptureAlerts.ts";
export {
  bandCentreShift,
  episodeBandAt,
  episodeBandZ,
  episodeNotOnTrackAlerts,
  SHORT_EPISODE_SESSIONS,
  type EpisodeBandRule,
} from "./notOnTrackEpisode.ts";
export {
  calibrateNetwork,
  notOnTrackCalibration,
  type AlertBudget,
  type DyadHistory,
  type FormCalibration,
  type NetworkCalibration,
} from "./calibrate.ts";
export { answeredMean } from "./itemLatent.ts";
export {
  replayHistories,
  byDyadCode,
  parseDeclaredRange,
  REPLAY_COLUMNS,
  type DeclaredRange,
  type ReplayScales,
} from "./replayInput.ts";
export {
  replayFeedback,
  declaredScale,
  calibrationSummary,
  therapistWeeks,
  type ReplayAlert,
  type ReplayResult,
} from "./replay.ts";
export {
  DEFAULT_RUPTURE_STATISTIC,
  fitItemRupture,
  withItemRupture,
  type ItemRuptureFit,
} from "./itemRupture.ts";
