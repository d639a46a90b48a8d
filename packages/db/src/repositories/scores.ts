// The dashboard's time series: an episode's sessions and the current (not superseded) scores on the
// scales it plots.
import type { Db } from "../open.ts";

/** Sessions of the episodes, by session number. */
async function sessionsOf(db: Db, episodeIds: readonly string[]) {
  return db
    .selectFrom("therapy_sessions")
    .select(["id", "episode_id", "number", "date"])
    .where("episode_id", "in", [...episodeIds])
    .orderBy("number")
    .execute();
}

/** The episodes' current scores on the given scales (a corrected answer replaces the one it supersedes). */
async function currentScores(db: Db, episodeIds: readonly string[], scales: readonly string[]) {
  return db
    .selectFrom("responses as r")
    .innerJoin("scores as sc", "sc.response_id", "r.id")
    .select([
      "r.session_id",
      "r.rater",
      "r.questionnaire_url",
      "sc.scale",
      "sc.value",
      "sc.range_min",
      "sc.range_max",
    ])
    .where("r.episode_id", "in", [...episodeIds])
    .where("sc.scale", "in", [...scales])
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom("responses as r2").select("r2.id").whereRef("r2.supersedes_id", "=", "r.id")),
      ),
    )
    .execute();
}

/** The patient forms the network's studies schedule (oldest study first, then schedule order). */
async function scheduledPatientForms(db: Db, networkId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("schedule_items as si")
    .innerJoin("studies as st", "st.id", "si.study_id")
    .select(["si.questionnaire_url"])
    .where("st.network_id", "=", networkId)
    .where("si.rater", "=", "patient")
    .orderBy("st.created_at")
    .orderBy("si.id")
    .execute();
  return [...new Set(rows.map((r) => r.questionnaire_url))];
}

/**
 * Sessions and current scores for the dashboard's series, and the patient forms a network schedules
 * (which outcome its not-on-track follows).
 *
 * @example
 * const sessions = await SeriesRepository.sessionsOf(db, [episodeId]);
 */
export const SeriesRepository = Object.freeze({ sessionsOf, currentScores, scheduledPatientForms });
