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
import {
  answeredMean,
  itemLatentSignal,
  itemLatentStart,
  itemLatentUpdate,
  type ItemLatentModel,
} from "./itemLatent.ts";

/** The calibrated rupture rule's settings (part of the network calibration). */
export interface CalibratedRuptureRule extends RuptureSignalSettings {
  /** The network's latent alliance model the statistic comes from. */
  readonly latent: LatentAllianceModel;
  /** The statistic must reach this to open a rupture (set from the alert budget). */
  readonly zThreshold: number;
  /** And the fall must be at least this many points (0–100), so a tiny wobble of a flat series is not a rupture. */
  readonly minDrop: number;
  /** Sessions after which an unresolved rupture closes without a resolved message [3]. */
  readonly maxOpen: number;
  /**
   * The network's item-level model of the patient's form, when its answers are stored (then the
   * statistic and `zThreshold` are the item model's; itemLatent.ts).
   */
  readonly itemLatent?: ItemLatentModel | null;
  /**
   * The form-mean statistic's own bar, kept beside the item model's: a dyad whose sessions carry no stored
   * answers (imported scores) is followed by the mean statistic with this bar (`ruleForDyad`).
   */
  readonly meanBar?: {
    readonly zThreshold: number;
    readonly probabilityBar: number;
    readonly minDrop: number;
  };
}

/**
 * The rule one dyad is read with: the item-level rule when any of its sessions has the patient form's
 * answers, else the form-mean statistic with its own bar. One place, so `attune feedback` and the server
 * treat a network with imported scores beside collected answers alike.
 *
 * @example
 * ruleForDyad(calibration.rupture, history).itemLatent; // null for a dyad of imported scores only
 */
export function ruleForDyad(
  rule: CalibratedRuptureRule,
  history: readonly SessionRecord[],
): CalibratedRuptureRule {
  if (!rule.itemLatent || history.some((r) => r.items?.alliancePatient)) return rule;
  return { ...rule, ...(rule.meanBar ?? {}), itemLatent: null };
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

interface Open {
  session: number;
  level: number;
  resolveWithin: number;
  low: number;
}

/**
 * Rupture alerts of one dyad under the network's calibrated rule. The patient's alliance (0–100) is
 * followed by their latent-level filter, which takes every rated score; a rupture opens when the score's
 * z against the filter's prediction ≥ `zThreshold` and the fall ≥ `minDrop`. The open rupture is only
 * bookkeeping: it is resolved at the first session back within one noise SD (or half the fall, if larger)
 * of the level predicted at the fall, it closes silently after `maxOpen` sessions, and while it is open a
 * second alert needs a session that again passes the bar and lies below the rupture's lowest score. Only
 * sessions up to each alert's session are used for it.
 *
 * Why the filter takes the rupture's scores: keeping them out (the rule before) held the level at its
 * pre-rupture value, so the sessions of an open rupture could not alert and a false alert blinded the
 * rule for up to `maxOpen` sessions. On the second simulator's training seeds 1–5, taking them flagged
 * more large ruptures (+1 to +4 points) at fewer false alerts (docs/feedback.md).
 *
 * @example
 * calibratedRuptureAlerts(history, patientScale, therapistScale, calibration.rupture);
 */
export function calibratedRuptureAlerts(
  history: readonly SessionRecord[],
  patientScale: FeedbackScale,
  therapistScale: FeedbackScale,
  calibrated: CalibratedRuptureRule,
): Alert[] {
  const rule = ruleForDyad(calibrated, history);
  const alerts: Alert[] = [];
  const track = tracker(rule, patientScale);
  let prevTherapist: number | null = null;
  let open: Open | null = null;
  for (const r of [...history].sort((a, b) => a.session - b.session)) {
    const seen = track(r);
    if (seen === null) continue;
    const therapist = toPercent(therapistScale, r.allianceTherapist);
    const therapistChange = therapist !== null && prevTherapist !== null ? therapist - prevTherapist : null;
    if (therapist !== null) prevTherapist = therapist;
    const { sig, patient, noiseSd } = seen;
    if (sig === null) continue;
    const fires = sig.z >= rule.zThreshold && sig.drop >= rule.minDrop;
    if (open && r.session - open.session > rule.maxOpen) open = null;
    if (open && patient >= open.level - open.resolveWithin) {
      alerts.push(resolved(r, open, patient));
      open = null;
      continue;
    }
    if (open) {
      if (fires && patient < open.low) {
        alerts.push(rupture(r, sig, therapistChange, "further-fall", rule));
        open.low = patient;
      }
      continue;
    }
    if (fires) {
      alerts.push(rupture(r, sig, therapistChange, "calibrated-fall", rule));
      open = {
        session: r.session,
        level: sig.level,
        resolveWithin: Math.max(noiseSd, sig.drop / 2),
        low: patient,
      };
    }
  }
  return alerts;
}

/** One rated session as the rule reads it: the statistic (null at the patient's first), the score, the noise SD. */
interface Seen {
  sig: Pick<LatentSignal, "level" | "sd" | "drop" | "z"> | null;
  /** The patient's alliance (0–100). */
  patient: number;
  /** The session noise SD around the predicted level (points): how close to it counts as back. */
  noiseSd: number;
}

/**
 * The patient's filter as the rule walks their sessions: the item-level model when the network's form
 * has stored answers (itemLatent.ts), else the latent score of the form's mean (latentAlliance.ts). Each
 * call reads one session (null when it has no patient form) and then takes it into the filter.
 */
function tracker(
  rule: CalibratedRuptureRule,
  patientScale: FeedbackScale,
): (r: SessionRecord) => Seen | null {
  const items = rule.itemLatent ?? null;
  if (items) {
    let state = itemLatentStart(items);
    return (r) => {
      const answers = r.items?.alliancePatient;
      if (!answers) return null;
      const sig = state.session === null ? null : itemLatentSignal(items, state, answers, r.session);
      state = itemLatentUpdate(items, state, answers, r.session).state;
      if (state.session !== r.session) return null; // answers off the form's scale
      const patient = (100 * ((answeredMean(answers) ?? NaN) - items.min)) / (items.categories - 1);
      return { sig, patient, noiseSd: sig?.sd ?? 0 };
    };
  }
  const model = rule.latent;
  let state: LatentState = latentStart(model);
  return (r) => {
    const patient = toPercent(patientScale, r.alliancePatient);
    if (patient === null) return null;
    const sig = state.last === null ? null : latentSignal(model, state, patient, r.session);
    const before = state;
    state = latentUpdate(model, state, patient, r.session);
    const noiseSd = sig ? Math.sqrt(Math.max(0, sig.sd * sig.sd - before.variance)) : 0;
    return { sig, patient, noiseSd };
  };
}

function rupture(
  r: SessionRecord,
  sig: Seen["sig"] & object,
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
