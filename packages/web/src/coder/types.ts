// What the coder's pages read: GET /api/coding/sessions (see the OpenAPI at /api/openapi.json).

/** One session assigned to the signed-in coder. */
export interface CodingSession {
  sessionId: string;
  number: number;
  date: string | null;
  /** Pseudonymous codes. */
  patient: string;
  therapist: string;
  studyId: string | null;
  study: string | null;
  /** Questionnaire urls of the observer forms to use. */
  forms: string[];
  /** When this coder first saved a coding of it; null: not coded yet. */
  codedAt: string | null;
  /** This coder's codings as they stand (newest versions). */
  responses: { id: string; questionnaire: string; version: number; submittedAt: string }[];
}

/**
 * A moment as the coder reads it, in their own time zone.
 *
 * @example
 * when("2026-11-22T13:05:00Z"); // "22 Nov 2026, 14:05" in Zurich
 */
export const when = (iso: string): string =>
  new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

/**
 * Sessions to code first (oldest session first), then the coded ones (most recently coded first).
 *
 * @example
 * const list = [...sessions].sort(codingOrder);
 */
export function codingOrder(a: CodingSession, b: CodingSession): number {
  if ((a.codedAt === null) !== (b.codedAt === null)) return a.codedAt === null ? -1 : 1;
  if (a.codedAt !== null && b.codedAt !== null) return b.codedAt.localeCompare(a.codedAt);
  return (
    (a.date ?? "").localeCompare(b.date ?? "") || a.patient.localeCompare(b.patient) || a.number - b.number
  );
}
