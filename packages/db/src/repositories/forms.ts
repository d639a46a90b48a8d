// What became of a session's forms: answered or declined.
import type { Db } from "../open.ts";

/** The forms the patient declined at the session. */
async function declinedAt(db: Db, sessionId: string): Promise<{ questionnaire_url: string }[]> {
  return db
    .selectFrom("form_declines")
    .select("questionnaire_url")
    .where("session_id", "=", sessionId)
    .execute();
}

/** Which of the given forms have an answer at the session. */
async function answeredAt(
  db: Db,
  sessionId: string,
  questionnaireUrls: readonly string[],
): Promise<{ questionnaire_url: string }[]> {
  return db
    .selectFrom("responses")
    .select("questionnaire_url")
    .where("session_id", "=", sessionId)
    .where("questionnaire_url", "in", [...questionnaireUrls])
    .execute();
}

/**
 * A session's answered and declined forms.
 *
 * @example
 * const declined = await FormRepository.declinedAt(db, link.session_id);
 */
export const FormRepository = Object.freeze({ declinedAt, answeredAt });
