// Sessions of an episode as the next-session link, the FHIR bundle, the long import and the test fleet
// read and write them: the newest one, one by number, whether one is answered, the forms stored at each,
// bulk inserts.
import type { Insertable } from "kysely";
import type { Db } from "../open.ts";
import type { TherapySessionTable } from "../schema.ts";

/** How many sessions the episode has. */
async function count(db: Db, episodeId: string): Promise<number> {
  const r = await db
    .selectFrom("therapy_sessions")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("episode_id", "=", episodeId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The episode's session with the highest number, if any. */
async function newest(
  db: Db,
  episodeId: string,
): Promise<{ id: string; number: number; date: string | null; time: string | null } | undefined> {
  return db
    .selectFrom("therapy_sessions")
    .select(["id", "number", "date", "time"])
    .where("episode_id", "=", episodeId)
    .orderBy("number", "desc")
    .executeTakeFirst();
}

/** The episode's session of that number, if any (its id). */
async function numbered(db: Db, episodeId: string, number: number): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("therapy_sessions")
    .select("id")
    .where("episode_id", "=", episodeId)
    .where("number", "=", number)
    .executeTakeFirst();
}

/** The episodes the given sessions belong to. */
async function episodesOf(db: Db, sessionIds: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom("therapy_sessions")
    .select("episode_id")
    .where("id", "in", sessionIds.length ? [...sessionIds] : [""])
    .execute();
  return new Set(rows.map((s) => s.episode_id));
}

/** Whether any form was answered at the session. */
async function answered(db: Db, sessionId: string): Promise<boolean> {
  const r = await db
    .selectFrom("responses")
    .select("id")
    .where("session_id", "=", sessionId)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * The forms stored at each of the given sessions (one episode's: at most a thousand), by session id: what
 * an import checks before adding to a session, read once per episode instead of once per row. A
 * correction keeps its session and form (repo/responses.ts), so every version of a response names the
 * same pair and no newest-version filter is needed — which also keeps the plan on responses_session
 * even before PostgreSQL has statistics of a freshly imported table (an anti-join on supersedes_id
 * then scans every response).
 */
async function formsAt(db: Db, sessionIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (sessionIds.length === 0) return out;
  const rows = await db
    .selectFrom("responses")
    .select(["session_id", "questionnaire_url"])
    .distinct()
    .where("session_id", "in", [...sessionIds])
    .execute();
  for (const r of rows) out.set(r.session_id, [...(out.get(r.session_id) ?? []), r.questionnaire_url]);
  return out;
}

/** Stores new sessions (one or many rows). */
async function insert(
  db: Db,
  rows: Insertable<TherapySessionTable> | readonly Insertable<TherapySessionTable>[],
): Promise<void> {
  await db
    .insertInto("therapy_sessions")
    .values(Array.isArray(rows) ? [...rows] : (rows as Insertable<TherapySessionTable>))
    .execute();
}

/** Sets a session's clock time. */
async function setTime(db: Db, sessionId: string, time: string | null): Promise<void> {
  await db.updateTable("therapy_sessions").set({ time }).where("id", "=", sessionId).execute();
}

/**
 * Sessions of an episode.
 *
 * @example
 * const next = (await SessionRepository.count(db, episodeId)) + 1;
 * const last = await SessionRepository.newest(db, episodeId);
 * const forms = await SessionRepository.formsAt(db, [sessionId]); // Map { sessionId => [url, …] }
 */
export const SessionRepository = Object.freeze({
  count,
  newest,
  numbered,
  episodesOf,
  answered,
  formsAt,
  insert,
  setTime,
});
