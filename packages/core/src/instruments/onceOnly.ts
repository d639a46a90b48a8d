// Which forms a network may ask every therapist to answer once (at enrolment): therapist-rated forms that
// are not about one session. The API refuses the others with this reason; the page does not offer them.
import type { Instrument } from "./types.ts";

/**
 * Why `instrument` cannot be a once-only therapist questionnaire, or null when it can.
 *
 * @example
 * onceOnlyRefusal(getInstrument("therapist-experiences"));
 * // "Therapist experiences (therapist-experiences) is answered after each session, ..."
 */
export function onceOnlyRefusal(instrument: Instrument): string | null {
  const name = `${instrument.shortTitle} (${instrument.id})`;
  if (instrument.rater !== "therapist")
    return `${name} is rated by the ${instrument.rater}, not by the therapist: a once-only therapist questionnaire must be the therapist's own`;
  if (instrument.perSession)
    return `${name} is answered after each session, about that session: it cannot be a once-only therapist questionnaire (it is scheduled per session; choose a form answered once, such as a background questionnaire)`;
  return null;
}
