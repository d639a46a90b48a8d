// Writes of a session's modality and an episode's end (migration 070). Callers check who may write and
// audit it; these only store what the record contract (core records/sessionFacts.ts) already accepted.
import type { EndReason, Modality } from "@attune/core";
import type { Db } from "../open.ts";
import type { Episode, TherapySession } from "../schema.ts";

/**
 * Sets (or clears, with null) how a session was held; returns the updated session, or undefined if none.
 *
 * @example
 * await setSessionModality(db, sessionId, "video");
 */
export async function setSessionModality(
  db: Db,
  sessionId: string,
  modality: Modality | null,
): Promise<TherapySession | undefined> {
  await db.updateTable("therapy_sessions").set({ modality }).where("id", "=", sessionId).execute();
  return db.selectFrom("therapy_sessions").selectAll().where("id", "=", sessionId).executeTakeFirst();
}

/**
 * An episode's end: the reason, and the day (null when an import knows the reason only — a
 * researcher's pseudonymised long table carries no dates). An episode is open while it has no reason.
 */
export interface EpisodeEnd {
  endedAt: string | null;
  reason: EndReason;
}

/**
 * Ends an episode on a day for a reason, or reopens it (null); returns the updated episode.
 *
 * @example
 * await setEpisodeEnd(db, episodeId, { endedAt: "2026-03-01", reason: "dropout" });
 */
export async function setEpisodeEnd(
  db: Db,
  episodeId: string,
  end: EpisodeEnd | null,
): Promise<Episode | undefined> {
  await db
    .updateTable("episodes")
    .set({ ended_at: end?.endedAt?.slice(0, 10) ?? null, end_reason: end?.reason ?? null })
    .where("id", "=", episodeId)
    .execute();
  return db.selectFrom("episodes").selectAll().where("id", "=", episodeId).executeTakeFirst();
}

/**
 * The date of an episode's last dated session (for the end-date check), or null.
 *
 * @example
 * await lastSessionDate(db, episodeId); // "2026-02-20"
 */
export async function lastSessionDate(db: Db, episodeId: string): Promise<string | null> {
  const r = await db
    .selectFrom("therapy_sessions")
    .select((eb) => eb.fn.max("date").as("last"))
    .where("episode_id", "=", episodeId)
    .executeTakeFirst();
  return (r?.last as string | null | undefined) ?? null;
}
