// All feedback rules over one dyad's history.
import type { FeedbackConfig } from "./config.ts";
import { congruencePoints, congruenceTrend } from "./congruence.ts";
import { incongruenceAlerts } from "./incongruence.ts";
import { notOnTrackAlerts } from "./notOnTrack.ts";
import { ruptureAlerts } from "./rupture.ts";
import type { Alert, CongruencePoint, CongruenceTrend, SessionRecord } from "./types.ts";
import type { NetworkCalibration } from "./calibrated/calibrate.ts";
import { episodeNotOnTrackAlerts } from "./calibrated/notOnTrackEpisode.ts";
import { calibratedRuptureAlerts } from "./calibrated/ruptureAlerts.ts";

/** What the therapist sees for one dyad. */
export interface DyadFeedback {
  readonly congruence: readonly CongruencePoint[];
  readonly trend: CongruenceTrend;
  /** Alerts in session order (rupture rules first within a session). */
  readonly alerts: readonly Alert[];
}

const ORDER = { rupture: 0, "rupture-resolved": 1, "not-on-track": 2, incongruence: 3 } as const;

/**
 * Runs every feedback rule over a dyad's sessions: congruence per session and its trend, ruptures and
 * their resolution, not on track (when `config.notOnTrack.model` is set), and persistent incongruence.
 * With the network's `calibration` (calibrateNetwork), ruptures and not on track use the calibrated
 * rules (calibrated/) — the server and `attune feedback` both go through here.
 * Pure: the same history and config give the same result.
 *
 * @example
 * const { congruence, alerts } = evaluateDyad(history, {
 *   patientAlliance: feedbackScale(getInstrument("alliance-checkin-patient"), { threshold: 15 }),
 *   therapistAlliance: feedbackScale(getInstrument("alliance-checkin-therapist")),
 *   outcome: feedbackScale(getInstrument("who-5")),
 *   notOnTrack: { model: BUILT_IN_RECOVERY_MODEL },
 * });
 */
export function evaluateDyad(
  history: readonly SessionRecord[],
  config: FeedbackConfig,
  calibration?: NetworkCalibration,
): DyadFeedback {
  const congruence = congruencePoints(
    history,
    config.patientAlliance,
    config.therapistAlliance,
    config.congruence,
  );
  const alerts = [
    ...(calibration
      ? calibratedRuptureAlerts(
          history,
          config.patientAlliance,
          config.therapistAlliance,
          calibration.rupture,
        )
      : ruptureAlerts(history, config.patientAlliance, config.therapistAlliance, config.rupture)),
    ...(calibration
      ? episodeNotOnTrackAlerts(history, config.outcome, calibration.notOnTrack)
      : notOnTrackAlerts(history, config.outcome, config.notOnTrack)),
    ...incongruenceAlerts(congruence, config.incongruence),
  ].sort((a, b) => a.session - b.session || ORDER[a.kind] - ORDER[b.kind]);
  return { congruence, trend: congruenceTrend(congruence, config.congruence), alerts };
}
