// A coordinator's erasure request: the one case where stored answers are deleted. The request is
// recorded first (the append-only triggers allow deleting responses only of an erased patient, and
// rewriting a run's CSV only as a recorded redaction).
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import { redactRuns, type RunRedactionReport } from "./runRedactions.ts";

export interface ErasureReport {
  patientId: string;
  responses: number;
  sessions: number;
  episodes: number;
  /** How many recorded analysis runs had the patient's rows removed from their CSV. */
  runsRedacted: number;
  runs: RunRedactionReport[];
}

/**
 * Erases a patient in one transaction: records the erasure, deletes their answers, sessions, episodes,
 * links and contact details, and removes their rows from every recorded analysis run of the network.
 *
 * @example
 * const rep = await erasePatient(db, { patientId, networkId, requestedBy: coordinatorId, reason: "art. 17" });
 */
export async function erasePatient(
  db: Db,
  r: { patientId: string; networkId: string; requestedBy: string; reason: string },
): Promise<ErasureReport> {
  return db.transaction().execute(async (trx) => {
    const patient = await trx
      .selectFrom("patients")
      .select("code")
      .where("id", "=", r.patientId)
      .where("network_id", "=", r.networkId)
      .executeTakeFirst();
    const erasureId = newId();
    await trx
      .insertInto("erasures")
      .values({
        id: erasureId,
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
      await trx.deleteFrom("alert_acks").where("episode_id", "in", episodeIds).execute();
      await trx.deleteFrom("therapy_sessions").where("episode_id", "in", episodeIds).execute();
      await trx.deleteFrom("episodes").where("patient_id", "=", r.patientId).execute();
    }
    await trx.deleteFrom("patient_contacts").where("patient_id", "=", r.patientId).execute();
    await trx.deleteFrom("patients").where("id", "=", r.patientId).execute();
    // Runs hold the pseudonymised tidy CSV they analysed: the code identifies the patient's rows there.
    const runs = patient
      ? await redactRuns(trx, {
          networkId: r.networkId,
          erasureId,
          patientCode: patient.code,
          requestedBy: r.requestedBy,
        })
      : [];
    return {
      patientId: r.patientId,
      responses: responseIds.length,
      sessions: sessionIds.length,
      episodes: episodeIds.length,
      runsRedacted: runs.length,
      runs,
    };
  });
}
