// Which of a session's forms are answered (declines: repo/study.ts, declinedForms).
import type { Db } from "../open.ts";

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
 * A session's answered forms.
 *
 * @example
 * const answered = await FormRepository.answeredAt(db, link.session_id, forms);
 */
export const FormRepository = Object.freeze({ answeredAt });
