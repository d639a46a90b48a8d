// The networks the evaluation runs on, from either simulator, in one shape: dyad histories (as
// `attune feedback` reads them), declared scales, and the simulator's truth.
import {
  declaredScale,
  simulatePrn,
  simulatedHistories,
  type DyadHistory,
  type FeedbackScale,
} from "@attune/core";
import {
  network2Histories,
  simulateNetwork2,
  type Scenario,
} from "../../packages/core/src/simulate2/index.ts";

export interface TrueRupture {
  patient: string;
  session: number;
  duration: number;
  /** Size in SDs (null when the simulator does not say). */
  size: number | null;
  topBox: boolean;
}

export interface EvalNetwork {
  dyads: DyadHistory[];
  scales: { patientAlliance: FeedbackScale; therapistAlliance: FeedbackScale; outcome: FeedbackScale };
  ruptures: TrueRupture[];
  deteriorating: Set<string>;
  sessions: number;
}

/** A network of the second simulator. */
export function fromSimulator2(scenario: Scenario, seed: number): EvalNetwork {
  const net = simulateNetwork2(scenario, seed);
  const p = scenario.alliancePoints;
  return {
    dyads: network2Histories(net),
    scales: {
      patientAlliance: declaredScale("alliance_patient", 1, p, true),
      therapistAlliance: declaredScale("alliance_therapist", 1, p, true),
      outcome: declaredScale("outcome", 0, scenario.outcomePoints - 1, !scenario.outcomeLowerIsBetter),
    },
    ruptures: net.truth.ruptures.map((r) => ({ ...r })),
    deteriorating: new Set(net.truth.deteriorating),
    sessions: net.rows.length,
  };
}

/** A network of the first simulator (simulatePrn defaults, 10% deteriorating as scripts/alerts-eval.ts). */
export function fromSimulator1(sessions: number, seed: number): EvalNetwork {
  const sim = simulatePrn({ seed, sessions, deterioration: { rate: 0.1 } });
  const therapistOf = new Map(sim.rows.map((r) => [r.patient, r.therapist]));
  const s15 = declaredScale("s", 1, 5, true);
  return {
    dyads: [...simulatedHistories(sim)].map(([patient, list]) => ({
      therapist: therapistOf.get(patient) as string,
      patient,
      sessions: list,
    })),
    scales: { patientAlliance: s15, therapistAlliance: s15, outcome: s15 },
    ruptures: sim.truth.ruptures.map((r) => ({
      patient: r.patient,
      session: r.session,
      duration: 1,
      size: null,
      topBox: false,
    })),
    deteriorating: new Set(sim.truth.deteriorating),
    sessions: sim.rows.length,
  };
}
