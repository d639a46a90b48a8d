// Rupture and rupture-resolved alerts with the network's calibration: a session opens a rupture when the
// calibrated statistic (ruptureSignal.ts) reaches the bar the network's alert budget set.
import { EVIDENCE, resolvedText, ruptureText } from "../messages.ts";
import { toPercent } from "../scale.ts";
import type { Alert, FeedbackScale, SessionRecord } from "../types.ts";
import { probabilityOfFall, ruptureSignal, type RuptureSignalSettings } from "./ruptureSignal.ts";

/** The calibrated rupture rule's settings (part of the network calibration). */
export interface CalibratedRuptureRule extends RuptureSignalSettings {
  /** The statistic must reach this to open a rupture (set from the alert budget). */
  readonly zThreshold: number;
  /** And the fall must be at least this many points (0–100), so a tiny wobble of a flat series is not a rupture. */
  readonly minDrop: number;
  /** Sessions after which an unresolved rupture's level becomes the patient's new level [3]. */
  readonly maxOpen: number;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

interface Rated {
  readonly session: number;
  readonly date: string | undefined;
  readonly patient: number;
  readonly therapist: number | null;
  inRupture: boolean;
}

/**
 * Rupture alerts of one dyad under the network's calibrated rule. The patient's alliance (0–100) is
 * compared with the mean of their last `window` rated sessions outside a rupture; a rupture opens when
 * z ≥ `zThreshold` and the fall ≥ `minDrop`. It is resolved at the first session back within one noise SD
 * (or half the fall, if larger) of that mean; after `maxOpen` sessions the lower level becomes the
 * patient's level (no alert). While open, a second alert needs a further fall of the same strength against
 * the rupture session. Only sessions up to each alert's session are used for it.
 *
 * @example
 * calibratedRuptureAlerts(history, patientScale, therapistScale, calibration.rupture.rule);
 */
export function calibratedRuptureAlerts(
  history: readonly SessionRecord[],
  patientScale: FeedbackScale,
  therapistScale: FeedbackScale,
  rule: CalibratedRuptureRule,
): Alert[] {
  const alerts: Alert[] = [];
  const rated: Rated[] = [];
  let open: { session: number; level: number; resolveWithin: number; low: number } | null = null;
  let poolStart = 0;
  for (const r of [...history].sort((a, b) => a.session - b.session)) {
    const patient = toPercent(patientScale, r.alliancePatient);
    if (patient === null) continue;
    const therapist = toPercent(therapistScale, r.allianceTherapist);
    const prev = rated.at(-1);
    const entry: Rated = { session: r.session, date: r.date, patient, therapist, inRupture: false };
    if (!prev) {
      rated.push(entry);
      continue;
    }
    if (open && r.session - open.session > rule.maxOpen) {
      const onset = open.session;
      poolStart = rated.findIndex((x) => x.session >= onset);
      for (const x of rated.slice(poolStart)) x.inRupture = false;
      open = null;
    }
    const therapistChange = therapist !== null && prev.therapist !== null ? therapist - prev.therapist : null;
    if (open) {
      if (patient >= open.level - open.resolveWithin) {
        alerts.push(resolved(r, open, patient));
        open = null;
        rated.push(entry);
        continue;
      }
      const further = ruptureSignal(patient, [...before(rated, poolStart), open.low], rule);
      if (further.z >= rule.zThreshold && further.drop >= rule.minDrop) {
        alerts.push(rupture(r, further, therapistChange, "further-fall", rule));
        open.low = patient;
      }
      entry.inRupture = true;
      rated.push(entry);
      continue;
    }
    const pool = before(rated, poolStart);
    const sig = ruptureSignal(patient, pool.length > 0 ? pool : [prev.patient], rule);
    if (sig.z >= rule.zThreshold && sig.drop >= rule.minDrop) {
      alerts.push(rupture(r, sig, therapistChange, "calibrated-fall", rule));
      open = {
        session: r.session,
        level: sig.level,
        resolveWithin: Math.max(sig.sd, sig.drop / 2),
        low: patient,
      };
      entry.inRupture = true;
    }
    rated.push(entry);
  }
  return alerts;
}

/** The patient's earlier rated scores outside ruptures since the last change of level. */
function before(rated: readonly Rated[], from: number): number[] {
  return rated
    .slice(from)
    .filter((x) => !x.inRupture)
    .map((x) => x.patient);
}

function rupture(
  r: SessionRecord,
  sig: ReturnType<typeof ruptureSignal>,
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
      recentLevel: round2(sig.level),
      sessionsInLevel: sig.k,
      drop: round2(sig.drop),
      noiseSd: round2(sig.sd),
      z: round2(sig.z),
      probabilityOfFall: round2(probabilityOfFall(sig.z)),
      zThreshold: round2(rule.zThreshold),
      therapistChange: therapistChange === null ? null : round2(therapistChange),
    },
    ...ruptureText({ drop: sig.drop, unnoticed }),
    evidence: EVIDENCE.rupture,
  };
}

function resolved(
  r: SessionRecord,
  open: { session: number; level: number; resolveWithin: number },
  patient: number,
): Alert {
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
