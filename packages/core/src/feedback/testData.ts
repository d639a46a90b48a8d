// Helpers for the feedback tests: a 0–100 scale (raw = percent) and short histories.
import type { FeedbackScale, SessionRecord } from "./types.ts";

export const PERCENT: FeedbackScale = {
  id: "percent",
  min: 0,
  max: 100,
  higherIsBetter: true,
  reliableChange: 10,
  reliableChangeSource: "test",
};

/** Sessions 1..n from patient and therapist ratings (null = missing) and optional outcomes. */
export function history(
  patient: readonly (number | null)[],
  therapist: readonly (number | null)[] = patient.map(() => null),
  outcome: readonly (number | null)[] = patient.map(() => null),
): SessionRecord[] {
  return patient.map((p, i) => ({
    session: i + 1,
    alliancePatient: p,
    allianceTherapist: therapist[i] ?? null,
    outcome: outcome[i] ?? null,
  }));
}
