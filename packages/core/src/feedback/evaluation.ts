// How well the rules find what a simulated network holds: ruptures (sensitivity, false alerts per 100
// sessions) and deteriorating patients (not on track).
import type { SimulatedPrn } from "../simulate/simulate.ts";
import { ruptureCalibration } from "./calibration.ts";
import type { FeedbackConfig } from "./config.ts";
import { evaluateDyad } from "./evaluateDyad.ts";
import { expectedRecoveryModel } from "./expectedRecovery.ts";
import { toBetterPercent } from "./scale.ts";
import type { Alert, FeedbackScale, SessionRecord } from "./types.ts";

/** The simulator's 1–5 item-mean scales (alliance and well-being). */
export const SIMULATED_SCALE: FeedbackScale = {
  id: "simulated-1-5",
  min: 1,
  max: 5,
  higherIsBetter: true,
  reliableChange: null,
  reliableChangeSource: "estimated from the network with ruptureCalibration",
};

/** Alert counts and agreement with the simulator's ground truth. */
export interface AlertEvaluation {
  readonly sessions: number;
  readonly ruptures: number;
  readonly rupturesFlagged: number;
  /** rupturesFlagged / ruptures. */
  readonly sensitivity: number;
  readonly ruptureAlerts: number;
  /** Rupture alerts with no true rupture onset in that session or the one before. */
  readonly falseRuptureAlerts: number;
  readonly falsePer100Sessions: number;
  readonly alertsPer100Sessions: Readonly<Record<Alert["kind"], number>>;
  readonly deteriorating: number;
  readonly deterioratingFlagged: number;
  readonly othersFlagged: number;
  readonly others: number;
  /** Rupture threshold and within SD used (0–100 points), and the not-on-track model's source. */
  readonly settings: { threshold: number; withinSd: number; model: string };
}

/** Histories per patient from simulated rows (NaN → null). */
export function simulatedHistories(sim: SimulatedPrn): Map<string, SessionRecord[]> {
  const out = new Map<string, SessionRecord[]>();
  const val = (v: number): number | null => (Number.isNaN(v) ? null : v);
  for (const r of sim.rows) {
    const list = out.get(r.patient) ?? [];
    list.push({
      session: r.session,
      alliancePatient: val(r.alliance_patient),
      allianceTherapist: val(r.alliance_therapist),
      outcome: val(r.outcome),
    });
    out.set(r.patient, list);
  }
  return out;
}

/**
 * Runs evaluateDyad on every patient of a simulated network, calibrating the rupture rule and fitting
 * the expected-recovery model on that network's own data (as a network would), and scores the alerts
 * against the simulator's truth. `reliability` [0.93] enters the Jacobson–Truax threshold of the calibration. A rupture counts as flagged when a rupture alert fires in its onset
 * session or the next; a rupture alert is false when no rupture began in its session or the one before.
 *
 * @example
 * evaluateAlerts(simulatePrn({ seed: 1 })).sensitivity; // ≈ 0.8
 */
export function evaluateAlerts(
  sim: SimulatedPrn,
  overrides: Partial<FeedbackConfig> = {},
  reliability = 0.93,
): AlertEvaluation {
  const histories = simulatedHistories(sim);
  const cal = ruptureCalibration([...histories.values()], SIMULATED_SCALE, { reliability });
  const model = expectedRecoveryModel(
    [...histories].flatMap(([patient, h]) =>
      h.flatMap((r) => {
        const score = toBetterPercent(SIMULATED_SCALE, r.outcome);
        return score === null ? [] : [{ patient, session: r.session, score }];
      }),
    ),
  );
  const config: FeedbackConfig = {
    patientAlliance: SIMULATED_SCALE,
    therapistAlliance: SIMULATED_SCALE,
    outcome: SIMULATED_SCALE,
    ...overrides,
    rupture: { threshold: cal.threshold, withinSd: cal.withinSd, ...overrides.rupture },
    notOnTrack: { model, ...overrides.notOnTrack },
  };
  const onsets = new Set(sim.truth.ruptures.map((o) => `${o.patient}\u0000${o.session}`));
  const flaggedAt = new Set<string>();
  const counts: Record<Alert["kind"], number> = {
    rupture: 0,
    "rupture-resolved": 0,
    "not-on-track": 0,
    incongruence: 0,
  };
  let falseRupture = 0;
  const notOnTrack = new Set<string>();
  for (const [patient, h] of histories) {
    for (const a of evaluateDyad(h, config).alerts) {
      counts[a.kind]++;
      if (a.kind === "not-on-track") notOnTrack.add(patient);
      if (a.kind !== "rupture") continue;
      flaggedAt.add(`${patient}\u0000${a.session}`);
      if (!onsets.has(`${patient}\u0000${a.session}`) && !onsets.has(`${patient}\u0000${a.session - 1}`)) {
        falseRupture++;
      }
    }
  }
  const flagged = sim.truth.ruptures.filter(
    (o) =>
      flaggedAt.has(`${o.patient}\u0000${o.session}`) || flaggedAt.has(`${o.patient}\u0000${o.session + 1}`),
  ).length;
  const sessions = sim.rows.length;
  const per100 = (n: number): number => (100 * n) / sessions;
  const deteriorating = new Set(sim.truth.deteriorating);
  const others = [...histories.keys()].filter((p) => !deteriorating.has(p));
  return {
    sessions,
    ruptures: sim.truth.ruptures.length,
    rupturesFlagged: flagged,
    sensitivity: sim.truth.ruptures.length > 0 ? flagged / sim.truth.ruptures.length : Number.NaN,
    ruptureAlerts: counts.rupture,
    falseRuptureAlerts: falseRupture,
    falsePer100Sessions: per100(falseRupture),
    alertsPer100Sessions: {
      rupture: per100(counts.rupture),
      "rupture-resolved": per100(counts["rupture-resolved"]),
      "not-on-track": per100(counts["not-on-track"]),
      incongruence: per100(counts.incongruence),
    },
    deteriorating: deteriorating.size,
    deterioratingFlagged: [...deteriorating].filter((p) => notOnTrack.has(p)).length,
    others: others.length,
    othersFlagged: others.filter((p) => notOnTrack.has(p)).length,
    settings: { threshold: cal.threshold, withinSd: cal.withinSd, model: model.source },
  };
}
