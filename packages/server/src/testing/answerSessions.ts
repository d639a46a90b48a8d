// Test set-up: one form answered at every session of a study, scored by the form's own rules and stored
// as the API stores it (appendResponse), e.g. the confidence form for a cross-lagged run or observer
// rupture codings for a ruptures run.
import { appendResponse, type Store } from "@attune/db";
import { instrumentUrl, scoreResponse, storedScores, type Instrument, type RaterKind } from "@attune/core";

/** Where the answers go: a harness, or a demo network's store and id (`{ store, a: { networkId } }`). */
export interface AnswerTarget {
  store: Store;
  a: { networkId: string };
}

/**
 * Answers `form` at each session of `study` (in session id order) with `answersOf(k, sessionNumber)`;
 * returns how many responses were stored. A set of answers the form refuses throws, naming the issues.
 *
 * @example
 * await answerSessions(h, study, getInstrument("phq-9"), "patient", (k) => ({ "phq9-1": k % 4 }));
 */
export async function answerSessions(
  h: AnswerTarget,
  study: string,
  form: Instrument,
  rater: RaterKind,
  answersOf: (k: number, sessionNumber: number) => Record<string, number>,
): Promise<number> {
  const sessions = await h.store.db
    .selectFrom("therapy_sessions as s")
    .innerJoin("episodes as e", "e.id", "s.episode_id")
    .select(["s.id as session", "e.id as episode", "e.patient_id as patient", "s.number"])
    .where("e.study_id", "=", study)
    .orderBy("s.id")
    .execute();
  for (const [k, s] of sessions.entries()) {
    const score = scoreResponse(form, answersOf(k, Number(s.number)));
    if (!score.ok) throw new Error(`session ${k + 1}: ${score.issues.map((i) => i.message).join("; ")}`);
    await appendResponse(h.store.db, {
      networkId: h.a.networkId,
      patientId: s.patient,
      episodeId: s.episode,
      sessionId: s.session,
      questionnaireUrl: instrumentUrl(form),
      rater,
      authorKind: "user",
      authorId: null,
      resource: { resourceType: "QuestionnaireResponse", status: "completed" },
      scores: storedScores(form, score),
    });
  }
  return sessions.length;
}
