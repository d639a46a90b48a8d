// Episodes as the access rules and the therapist's dashboard read them: who treats whom, a caseload,
// the codes shown on an episode's page.
import type { Db } from "../open.ts";

/** Whether the therapist has an episode with the patient. */
async function treatsPatient(db: Db, therapistId: string, patientId: string): Promise<boolean> {
  const own = await db
    .selectFrom("episodes")
    .select("id")
    .where("patient_id", "=", patientId)
    .where("therapist_id", "=", therapistId)
    .executeTakeFirst();
  return own !== undefined;
}

/** Whether the episode is the therapist's own. */
async function isTherapistOf(db: Db, therapistId: string, episodeId: string): Promise<boolean> {
  const own = await db
    .selectFrom("episodes")
    .select("id")
    .where("id", "=", episodeId)
    .where("therapist_id", "=", therapistId)
    .executeTakeFirst();
  return own !== undefined;
}

/** The network's episodes (one therapist's when given) with patient and therapist codes. */
async function caseload(db: Db, networkId: string, therapistId?: string) {
  let q = db
    .selectFrom("episodes as e")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .innerJoin("users as t", "t.id", "e.therapist_id")
    .select(["e.id", "e.patient_id", "p.code as patient", "t.code as therapist"])
    .where("e.network_id", "=", networkId);
  if (therapistId !== undefined) q = q.where("e.therapist_id", "=", therapistId);
  return q.execute();
}

/** The patient's and the therapist's codes of an episode that exists. */
async function codesOf(db: Db, episodeId: string) {
  return db
    .selectFrom("episodes as e")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .innerJoin("users as t", "t.id", "e.therapist_id")
    .select(["p.code as patient", "t.code as therapist", "t.display_name as therapistName"])
    .where("e.id", "=", episodeId)
    .executeTakeFirstOrThrow();
}

/** Every episode of the network with its therapist, patient and arm codes (the network model's data). */
async function withCodes(db: Db, networkId: string) {
  return db
    .selectFrom("episodes as e")
    .innerJoin("users as t", "t.id", "e.therapist_id")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .leftJoin("arms as a", "a.id", "e.arm_id")
    .select(["e.id", "e.therapist_id", "t.code as therapist", "p.code as patient", "a.code as arm"])
    .where("e.network_id", "=", networkId)
    .execute();
}

/**
 * Episode queries of the access rules and the dashboard.
 *
 * @example
 * if (!(await EpisodeRepository.treatsPatient(db, me.id, patientId))) throw notFound(`patient ${patientId}`);
 */
export const EpisodeRepository = Object.freeze({
  treatsPatient,
  isTherapistOf,
  caseload,
  codesOf,
  withCodes,
});
