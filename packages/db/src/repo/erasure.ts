// A coordinator's erasure request: the one case where stored answers are deleted. The request is
// recorded first (the append-only triggers allow deleting responses only of an erased patient).
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";

export interface ErasureReport {
  patientId: string;
  responses: number;
  sessions: number;
  episodes: number;
}

export async function erasePatient(
  db: Db,
  r: { patientId: string; networkId: string; requestedBy: string; reason: string },
): Promise<ErasureReport> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("erasures")
      .values({
        id: newId(),
        patient_id: r.patientId,
        network_id: r.networkId,
        requested_by: r.requestedBy,
        reason: r.reason,
        at: nowIso(),
      })
      .execute();
    const episodes = await trx
      .selectFrom("episodes")
      .select("id")
      .where("patient_id", "=", r.patientId)
      .execute();
    const episodeIds = episodes.map((e) => e.id);
    const sessions = episodeIds.length
      ? await trx.selectFrom("therapy_sessions").select("id").where("episode_id", "in", episodeIds).execute()
      : [];
    const sessionIds = sessions.map((s) => s.id);
    const responses = await trx
      .selectFrom("responses")
      .select("id")
      .where("patient_id", "=", r.patientId)
      .execute();
    const responseIds = responses.map((x) => x.id);
    if (responseIds.length) {
      await trx.deleteFrom("scores").where("response_id", "in", responseIds).execute();
      await trx.deleteFrom("responses").where("patient_id", "=", r.patientId).execute();
    }
    if (sessionIds.length)
      await trx.deleteFrom("coder_assignments").where("session_id", "in", sessionIds).execute();
    if (episodeIds.length) {
      await trx.deleteFrom("form_declines").where("episode_id", "in", episodeIds).execute();
      await trx.deleteFrom("patient_links").where("episode_id", "in", episodeIds).execute();
      await trx.deleteFrom("therapy_sessions").where("episode_id", "in", episodeIds).execute();
      await trx.deleteFrom("episodes").where("patient_id", "=", r.patientId).execute();
    }
    await trx.deleteFrom("patient_contacts").where("patient_id", "=", r.patientId).execute();
    await trx.deleteFrom("patients").where("id", "=", r.patientId).execute();
    return {
      patientId: r.patientId,
      responses: responseIds.length,
      sessions: sessionIds.length,
      episodes: episodeIds.length,
    };
  });
}
