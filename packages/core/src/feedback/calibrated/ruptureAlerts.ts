// Rupture and rupture-resolved alerts with the network's calibration: each patient's alliance is followed
// by the latent-score model (latentAlliance.ts); a session opens a rupture when its score falls below the
// predicted level by the bar the network's alert budget set (in SDs of the one-step-ahead prediction).
import { EVIDENCE, resolvedText, ruptureText } from "../messages.ts";
import { toPercent } from "../scale.ts";
import type { Alert, FeedbackScale, SessionRecord } from "../types.ts";
import {
  latentSignal,
  latentStart,
  latentUpdate,
  type LatentAllianceModel,
  type LatentSignal,
  type LatentState,
} from "./latentAlliance.ts";
import { probabilityOfFall, type RuptureSignalSettings } from "./ruptureSignal.ts";

/** The calibrated rupture rule's settings (part of the network calibration). */
export interface CalibratedRuptureRule extends RuptureSignalSettings {
  /** The network's latent alliance model the statistic comes from. */
  readonly latent: LatentAllianceModel;
  /** The statistic must reach this to open a rupture (set from the alert budget). */
  readonly zThreshold: number;
  /** And the fall must be at least this many points (0–100), so a tiny wobble of a flat series is not a rupture. */
  readonly minDrop: number;
  /** Sessions after which an unresolved rupture's level becomes the patient's new level [3]. */
  readonly maxOpen: number;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

interface Open {
  session: number;
  level: number;
  resolveWithin: number;
  low: number;
  lowSession: number;
  /** Scores during the rupture and their sessions (they join the patient's level if it does not resolve). */
  scores: { score: number; session: number }[];
}

/**
 * Rupture alerts of one dyad under the network's calibrated rule. The patient's alliance (0–100) is
 * predicted by their latent-level filter (fed with sessions outside ruptures); a rupture opens when
 * z ≥ `zThreshold` and the fall ≥ `minDrop`. It is resolved at the first session back within one noise SD
 * (or half the fall, if larger) of the predicted level; after `maxOpen` sessions the lower level becomes
 * the patient's level (the filter takes the rupture's scores, its level allowed to jump). While open, a
 * second alert needs a further fall of the same strength below the rupture's lowest score. Only sessions
 * up to each alert's session are used for it.
 *
 * @example
 * calibratedRuptureAlerts(history, patientScale, therapistScale, calibration.rupture);
 */
export function calibratedRuptureAlerts(
  history: readonly SessionRecord[],
  patientScale: FeedbackScale,
  therapistScale: FeedbackScale,
  rule: CalibratedRuptureRule,
): Alert[] {
  const alerts: Alert[] = [];
  const model = rule.latent;
  let state: LatentState = latentStart(model);
  let prevTherapist: number | null = null;
  let open: Open | null = null;
  for (const r of [...history].sort((a, b) => a.session - b.session)) {
    const patient = toPercent(patientScale, r.alliancePatient);
    if (patient === null) continue;
    const therapist = toPercent(therapistScale, r.allianceTherapist);
    const therapistChange = therapist !== null && prevTherapist !== null ? therapist - prevTherapist : null;
    if (therapist !== null) prevTherapist = therapist;
    if (state.last === null) {
      state = latentUpdate(model, state, patient, r.session);
      continue;
    }
    if (open && r.session - open.session > rule.maxOpen) {
      // Unresolved for maxOpen sessions: the lower level is the patient's level now.
      state = { ...state, variance: state.variance + model.tau2 };
      for (const y of open.scores) state = latentUpdate(model, state, y.score, y.session);
      open = null;
    }
    if (open) {
      if (patient >= open.level - open.resolveWithin) {
        alerts.push(resolved(r, open, patient));
        open = null;
        state = latentUpdate(model, state, patient, r.session);
        continue;
      }
      const further = latentSignal(
        model,
        { ...state, mean: open.low, session: open.lowSession },
        patient,
        r.session,
      );
      if (further.z >= rule.zThreshold && further.drop >= rule.minDrop) {
        alerts.push(rupture(r, further, therapistChange, "further-fall", rule));
        open.low = patient;
        open.lowSession = r.session;
      }
      open.scores.push({ score: patient, session: r.session });
      continue;
    }
    const sig = latentSignal(model, state, patient, r.session);
    if (sig.z >= rule.zThreshold && sig.drop >= rule.minDrop) {
      alerts.push(rupture(r, sig, therapistChange, "calibrated-fall", rule));
      const noiseSd = Math.sqrt(Math.max(0, sig.sd * sig.sd - state.variance));
      open = {
        session: r.session,
        level: sig.level,
        resolveWithin: Math.max(noiseSd, sig.drop / 2),
        low: patient,
        lowSession: r.session,
        scores: [{ score: patient, session: r.session }],
      };
      continue;
    }
    state = latentUpdate(model, state, patient, r.session);
  }
  return alerts;
}

function rupture(
  r: SessionRecord,
  sig: LatentSignal,
  therapistChange: number | null,
  trigger: string,
  rule: CalibratedRuptureRule,
): Alert {
  const unnoticed = therapistChange !== null && therapistChange >= 0;
  return {
    kind: "rupture",
    session: r.session,
    ...(r.date ? { date: r.date } : {}),
    severity: unnoticed || sig.z >= rule.zThreshold + 1 ? "high" : "moderate",
    why: {
      trigger,
      patient: round2(sig.level - sig.drop),
      predictedLevel: round2(sig.level),
      drop: round2(sig.drop),
      predictionSd: round2(sig.sd),
      z: round2(sig.z),
      probabilityOfFall: round2(probabilityOfFall(sig.z)),
      zThreshold: round2(rule.zThreshold),
      therapistChange: therapistChange === null ? null : round2(therapistChange),
    },
    ...ruptureText({ drop: sig.drop, unnoticed }),
    evidence: EVIDENCE.rupture,
  };
}

function resolved(r: SessionRecord, open: Open, patient: number): Alert {
  return {
    kind: "rupture-resolved",
    session: r.session,
    ...(r.date ? { date: r.date } : {}),
    severity: "info",
    why: {
      ruptureSession: open.session,
      patient: round2(patient),
      levelBeforeRupture: round2(open.level),
      resolveWithin: round2(open.resolveWithin),
    },
    ...resolvedText({ sessions: r.session - open.session }),
    evidence: EVIDENCE.resolved,
  };
}
