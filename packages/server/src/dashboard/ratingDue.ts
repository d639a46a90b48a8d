// Which session the therapist's own rating is for, one rule for the caseload's "rating due" badge and the
// patient page's rating form: the last session held (the newest with any answer) while the patient has
// rated it and the therapist has not. A session made ahead for the next appointment (no answers yet) does
// not take the form away from the session actually held.

/** The scores of one session of a dyad (0–100, null where a form is missing). */
export interface RatedSession {
  readonly sessionId: string;
  readonly session: number;
  readonly alliancePatient: number | null;
  readonly allianceTherapist: number | null;
  readonly outcome: number | null;
}

/**
 * `due`: the session the caseload marks "rating due" (null when none); `toRate`: the session the patient
 * page's rating form is for — the due one, else the newest session the therapist has not rated.
 *
 * @example
 * ratingDue([{ sessionId: "s5", session: 5, alliancePatient: 60, allianceTherapist: null, outcome: 50 },
 *            { sessionId: "s6", session: 6, alliancePatient: null, allianceTherapist: null, outcome: null }]);
 * // { due: s5, toRate: s5 }
 */
export function ratingDue<S extends RatedSession>(series: readonly S[]): { due: S | null; toRate: S | null } {
  const held = series.filter(
    (x) => x.alliancePatient !== null || x.allianceTherapist !== null || x.outcome !== null,
  );
  const last = held.at(-1);
  const due = last && last.alliancePatient !== null && last.allianceTherapist === null ? last : null;
  const unrated = [...series].reverse().find((s) => s.allianceTherapist === null) ?? null;
  return { due, toRate: due ?? unrated };
}
