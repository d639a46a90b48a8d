// What the dashboard API answers for the therapist's pages: the caseload, one dyad's series with its
// alerts and expected band, and the attunement profile (shapes of /api/dashboard/*).

/** One session of a dyad: both alliance ratings and the outcome, null where a form is missing. */
export interface Point {
  sessionId: string;
  session: number;
  date?: string;
  alliancePatient: number | null;
  allianceTherapist: number | null;
  outcome: number | null;
}

/** An alert with why it fired (numbers by key), what it means and what the research suggests. */
export interface Alert {
  kind: string;
  session: number;
  date?: string;
  clearedSession?: number;
  clearedDate?: string;
  acknowledged?: { at: string; by: string };
  severity: string;
  why: Record<string, number | string | boolean | null>;
  message: { en: string; fr: string };
  suggestion: { en: string; fr: string };
  evidence: string;
}

/** One patient on the caseload. */
export interface CaseRow {
  episodeId: string;
  patientCode: string;
  therapistCode: string;
  lastSession: number | null;
  last: Point | null;
  gap: number | null;
  direction: string | null;
  awaitingTherapist: boolean;
  alerts: Alert[];
}

export interface Caseload {
  therapist: { code: string; name: string } | null;
  model: { source: string; note: string };
  patients: CaseRow[];
}

/** One patient's page: the dyad's series, congruence, alerts and expected band. */
export interface Dyad {
  episodeId: string;
  forms: { patient: string[]; therapist: string[] };
  patientCode: string;
  therapistCode: string;
  series: Point[];
  congruence: {
    session: number;
    gap: number | null;
    direction: string | null;
    patient: number | null;
    therapist: number | null;
  }[];
  trend: { label: string | null; gapSlope: number | null };
  alerts: Alert[];
  openAlerts: Alert[];
  band: { session: number; mean: number; lower: number; upper: number }[];
  model: { source: string; note: string };
  threshold: number;
}

export interface Estimate {
  estimate: number;
  lower: number;
  upper: number;
}

/** The therapist's attunement profile beside the network's spread. */
export interface Attunement {
  me: {
    therapist: string;
    directionalBias: Estimate;
    truthForce: Estimate;
    temporalCongruence: Estimate | null;
    sessions: number;
    describes?: { session: number; patientRating: number };
    observed?: {
      from: number;
      to: number;
      sessions: number;
      therapistHigher: number;
      patientHigher: number;
      meanGap: number;
    } | null;
  } | null;
  network: {
    therapist: string;
    directionalBias: Estimate;
    truthForce: Estimate;
    temporalCongruence: Estimate | null;
  }[];
}
