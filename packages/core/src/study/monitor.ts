// The completion monitor's assembly: from a study's schedule and what was stored (sessions, answers,
// declines), each episode's forms with their status. Imported, already-scored answers arrive on a
// carrier form per rater and stand for that rater's scheduled forms of the session.
import {
  completionStatus,
  type CompletionOptions,
  type FormStatus,
  type ScheduleLine,
} from "./completion.ts";

/** A stored answer or decline: which form, at which session. */
export interface FormAtSession {
  sessionId: string;
  questionnaire: string;
}

/** What the monitor reads for one study. */
export interface CompletionInput<E extends { id: string }> {
  schedule: readonly ScheduleLine[];
  episodes: readonly E[];
  sessions: readonly { id: string; episodeId: string; number: number; date: string | null }[];
  answered: readonly FormAtSession[];
  declined: readonly FormAtSession[];
  /** Carrier forms (questionnaire URL → rater) whose answer counts for that rater's scheduled forms. */
  carriers: ReadonlyMap<string, ScheduleLine["rater"]>;
}

/** One episode's due forms and its last session number (null before the first session). */
export interface EpisodeCompletion<E> {
  episode: E;
  forms: FormStatus[];
  lastSession: number | null;
}

/**
 * Each episode's forms and where they stand (done, declined, open, late, missed, upcoming).
 *
 * @example
 * assembleCompletion({
 *   schedule: [{ questionnaire: "q", rater: "patient", sessions: "all" }],
 *   episodes: [{ id: "e1" }],
 *   sessions: [{ id: "s1", episodeId: "e1", number: 1, date: "2025-01-01" }],
 *   answered: [{ sessionId: "s1", questionnaire: "q" }], declined: [], carriers: new Map(),
 * }, { now: "2025-01-10T00:00:00Z" })[0]?.forms[0]?.status; // "done"
 */
export function assembleCompletion<E extends { id: string }>(
  input: CompletionInput<E>,
  options: CompletionOptions,
): EpisodeCompletion<E>[] {
  const key = (a: FormAtSession) => `${a.sessionId} ${a.questionnaire}`;
  const done = new Set(input.answered.map(key));
  for (const a of input.answered) {
    const rater = input.carriers.get(a.questionnaire);
    if (rater)
      for (const line of input.schedule)
        if (line.rater === rater) done.add(`${a.sessionId} ${line.questionnaire}`);
  }
  const declined = new Set(input.declined.map(key));
  return input.episodes.map((episode) => {
    const sessions = input.sessions
      .filter((s) => s.episodeId === episode.id)
      .map((s) => ({ id: s.id, number: s.number, date: s.date }));
    const forms = completionStatus(input.schedule, sessions, done, declined, options);
    const lastSession = sessions.length ? Math.max(...sessions.map((x) => x.number)) : null;
    return { episode, forms, lastSession };
  });
}
