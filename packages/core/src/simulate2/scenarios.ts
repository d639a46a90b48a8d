// Scenarios of the second simulator: forms and networks unlike the first simulator's (continuous 1–5
// scores): ordinal 5- and 7-point items, short and long treatments, symptom outcomes scored lower-is-better.

/** One kind of network to simulate. */
export interface Scenario {
  readonly name: string;
  /** Planned sessions per treatment (some patients stop early). */
  readonly sessions: number;
  readonly therapists: number;
  /** Patients per therapist (treated in parallel, weekly). */
  readonly caseload: number;
  /** Points of every alliance item (answers 1..points). */
  readonly alliancePoints: 5 | 7;
  readonly patientItems: number;
  readonly therapistItems: number;
  /** Outcome items: answers 0..outcomePoints−1; symptom scales are scored lower = better. */
  readonly outcomePoints: number;
  readonly outcomeItems: number;
  readonly outcomeLowerIsBetter: boolean;
  /** Share of patients who tick (nearly) the top box whatever happens. */
  readonly topBoxShare: number;
  /** Probability that a form is not returned (each form, each session). */
  readonly missing: number;
  /** Probability per session that a rupture begins (outside an ongoing one). */
  readonly ruptureRate: number;
  /** Share of patients whose outcome deteriorates over treatment. */
  readonly deterioratingShare: number;
  /** Probability per session of a life event (a transient outcome drop). */
  readonly lifeEventRate: number;
}

const BASE = {
  therapists: 30,
  caseload: 8,
  ruptureRate: 0.05,
  deterioratingShare: 0.12,
  lifeEventRate: 0.04,
} as const;

/** The scenarios the evaluation runs (docs/feedback.md). */
export const SCENARIOS: readonly Scenario[] = [
  {
    ...BASE,
    name: "short-5pt-wellbeing",
    sessions: 6,
    alliancePoints: 5,
    patientItems: 4,
    therapistItems: 4,
    outcomePoints: 6,
    outcomeItems: 5,
    outcomeLowerIsBetter: false,
    topBoxShare: 0.25,
    missing: 0.1,
  },
  {
    ...BASE,
    name: "short-7pt-symptoms",
    sessions: 6,
    alliancePoints: 7,
    patientItems: 6,
    therapistItems: 6,
    outcomePoints: 4,
    outcomeItems: 9,
    outcomeLowerIsBetter: true,
    topBoxShare: 0.15,
    missing: 0.15,
  },
  {
    ...BASE,
    name: "long-7pt-symptoms",
    sessions: 20,
    alliancePoints: 7,
    patientItems: 12,
    therapistItems: 10,
    outcomePoints: 5,
    outcomeItems: 10,
    outcomeLowerIsBetter: true,
    topBoxShare: 0.15,
    missing: 0.15,
  },
  {
    ...BASE,
    name: "long-5pt-topbox",
    sessions: 20,
    alliancePoints: 5,
    patientItems: 6,
    therapistItems: 6,
    outcomePoints: 6,
    outcomeItems: 5,
    outcomeLowerIsBetter: false,
    topBoxShare: 0.4,
    missing: 0.2,
  },
];
