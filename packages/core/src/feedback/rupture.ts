// Ruptures: a fall of the patient's alliance beyond reliable change and beyond their own noise; their
// resolution when the alliance comes back near its level before the fall (with hysteresis).
import { resolveRuptureOptions, type RuptureOptions } from "./config.ts";
import { EVIDENCE, resolvedText, ruptureText } from "./messages.ts";
import { toPercent } from "./scale.ts";
import type { Alert, FeedbackScale, SessionRecord } from "./types.ts";

interface Rated {
  readonly session: number;
  readonly patient: number;
  readonly therapist: number | null;
  inRupture: boolean;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Rupture and rupture-resolved alerts over one dyad's sessions (0–100 metric). A session opens a rupture
 * when the patient's alliance
 * - falls by at least the reliable-change threshold against their previous rated session or their
 *   running mean (last `window` rated sessions outside a rupture), and the fall below the running mean
 *   exceeds `noiseZ` × the patient's session-to-session SD × √(1 + 1/k) (k sessions in the mean; the SD
 *   pools `withinSd` with the patient's own), or
 * - falls by at least `unnoticedDrop` against both while the therapist's rating stays the same or rises.
 * While a rupture is open no new one opens unless the alliance falls again by a reliable change against
 * the previous session. It is resolved at the first session back within `resolveWithin` of the running
 * mean before the fall; after `maxOpen` sessions without that, the lower level is taken as the patient's
 * new level (no alert) and the running mean restarts from the rupture session. A session without a patient rating changes nothing; the first rated session
 * cannot open a rupture.
 *
 * @example
 * ruptureAlerts(history, checkInPatientScale, checkInTherapistScale, { threshold: 15 });
 * // [{ kind: "rupture", session: 4, why: { dropFromMean: 25, ... }, ... }, { kind: "rupture-resolved", session: 6, ... }]
 */
export function ruptureAlerts(
  history: readonly SessionRecord[],
  patientScale: FeedbackScale,
  therapistScale: FeedbackScale,
  options: RuptureOptions = {},
): Alert[] {
  const o = resolveRuptureOptions(options, patientScale);
  const alerts: Alert[] = [];
  const rated: Rated[] = [];
  let open: { session: number; baseline: number } | null = null;
  let poolStart = 0;
  for (const r of [...history].sort((a, b) => a.session - b.session)) {
    const patient = toPercent(patientScale, r.alliancePatient);
    if (patient === null) continue;
    const therapist = toPercent(therapistScale, r.allianceTherapist);
    const prev = rated[rated.length - 1];
    if (!prev) {
      rated.push({ session: r.session, patient, therapist, inRupture: false });
      continue;
    }
    const dropFromPrevious = prev.patient - patient;
    const therapistChange = therapist !== null && prev.therapist !== null ? therapist - prev.therapist : null;
    if (open && r.session - open.session > o.maxOpen) {
      // A fall that lasts is the patient's new level: the running mean restarts at the rupture session.
      const onset = open.session;
      poolStart = rated.findIndex((x) => x.session >= onset);
      for (const x of rated.slice(poolStart)) x.inRupture = false;
      open = null;
    }
    if (open) {
      if (patient >= open.baseline - o.resolveWithin) {
        alerts.push(resolvedAlert(r.session, open, patient, o.resolveWithin));
        open = null;
        rated.push({ session: r.session, patient, therapist, inRupture: false });
        continue;
      }
      const noise = o.noiseZ * o.withinSd * Math.SQRT2;
      if (dropFromPrevious >= Math.max(o.threshold, noise)) {
        alerts.push(
          ruptureAlert(r.session, {
            patient,
            previous: prev.patient,
            runningMean: open.baseline,
            sessionsInMean: 0,
            dropFromPrevious,
            dropFromMean: open.baseline - patient,
            threshold: o.threshold,
            noiseLimit: noise,
            therapistChange,
            trigger: "further-fall",
          }),
        );
      }
      rated.push({ session: r.session, patient, therapist, inRupture: true });
      continue;
    }
    const pool = rated
      .slice(poolStart)
      .filter((x) => !x.inRupture)
      .slice(-o.window);
    const base = pool.length > 0 ? pool : [prev];
    const k = base.length;
    const runningMean = base.reduce((s, x) => s + x.patient, 0) / k;
    const dropFromMean = runningMean - patient;
    const sd = pooledSd(
      base.map((x) => x.patient),
      o.withinSd,
      o.priorDf,
    );
    const noiseLimit = o.noiseZ * sd * Math.sqrt(1 + 1 / k);
    const reliable = Math.max(dropFromPrevious, dropFromMean) >= o.threshold && dropFromMean >= noiseLimit;
    const unnoticed =
      therapistChange !== null &&
      therapistChange >= 0 &&
      Math.min(dropFromPrevious, dropFromMean) >= o.unnoticedDrop;
    if (reliable || unnoticed) {
      alerts.push(
        ruptureAlert(r.session, {
          patient,
          previous: prev.patient,
          runningMean,
          sessionsInMean: k,
          dropFromPrevious,
          dropFromMean,
          threshold: o.threshold,
          noiseLimit,
          therapistChange,
          trigger: reliable ? "reliable-fall" : "unnoticed-fall",
        }),
      );
      open = { session: r.session, baseline: runningMean };
    }
    rated.push({ session: r.session, patient, therapist, inRupture: open !== null });
  }
  return alerts;
}

/** SD pooling a prior SD (weight priorDf) with the SD of the values (weight n − 1). */
function pooledSd(values: readonly number[], priorSd: number, priorDf: number): number {
  const n = values.length;
  if (n < 3) return priorSd;
  const m = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((s, v) => s + (v - m) ** 2, 0);
  return Math.sqrt((priorDf * priorSd * priorSd + ss) / (priorDf + n - 1));
}

function ruptureAlert(
  session: number,
  n: {
    patient: number;
    previous: number;
    runningMean: number;
    sessionsInMean: number;
    dropFromPrevious: number;
    dropFromMean: number;
    threshold: number;
    noiseLimit: number;
    therapistChange: number | null;
    trigger: "reliable-fall" | "unnoticed-fall" | "further-fall";
  },
): Alert {
  const unnoticed = n.therapistChange !== null && n.therapistChange >= 0;
  const drop = Math.max(n.dropFromMean, n.dropFromPrevious);
  return {
    kind: "rupture",
    session,
    severity: unnoticed || drop >= 2 * n.threshold ? "high" : "moderate",
    why: {
      trigger: n.trigger,
      patient: round2(n.patient),
      previous: round2(n.previous),
      runningMean: round2(n.runningMean),
      sessionsInMean: n.sessionsInMean,
      dropFromPrevious: round2(n.dropFromPrevious),
      dropFromMean: round2(n.dropFromMean),
      reliableChangeThreshold: round2(n.threshold),
      noiseLimit: round2(n.noiseLimit),
      therapistChange: n.therapistChange === null ? null : round2(n.therapistChange),
    },
    ...ruptureText({ drop, unnoticed }),
    evidence: EVIDENCE.rupture,
  };
}

function resolvedAlert(
  session: number,
  open: { session: number; baseline: number },
  patient: number,
  resolveWithin: number,
): Alert {
  return {
    kind: "rupture-resolved",
    session,
    severity: "info",
    why: {
      ruptureSession: open.session,
      patient: round2(patient),
      meanBeforeRupture: round2(open.baseline),
      resolveWithin: round2(resolveWithin),
    },
    ...resolvedText({ sessions: session - open.session }),
    evidence: EVIDENCE.resolved,
  };
}
