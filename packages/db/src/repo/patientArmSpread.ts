// A patient-level arm in whole-network runs: when the researcher takes the arms from a study that
// randomises patients, the arm belongs to the patient, not to one episode — so the patient's other
// episodes (outside that study) carry it too. Only episodes that started on or after the patient's
// first episode in the study do: an earlier episode was treated before the allocation, so it has no arm.
import type { Db } from "../open.ts";

/** When the patient's arm starts (their first episode in the study with an arm) and its code. */
export interface PatientArm {
  readonly from: string;
  readonly code: string;
}

/** Timestamps as ISO text on both databases (PostgreSQL may hand back a Date). */
const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/**
 * Each patient's arm in a patient-level study (by patient id), or null when the study allocates
 * therapists (their arms stay with the study's episodes).
 *
 * @example
 * const arms = await patientArms(db, studyId); // Map { "01J…" => { from: "2026-03-01T…", code: "feedback" } }
 */
export async function patientArms(db: Db, studyId: string): Promise<Map<string, PatientArm> | null> {
  const study = await db
    .selectFrom("studies")
    .select("allocation_level")
    .where("id", "=", studyId)
    .executeTakeFirst();
  if (study?.allocation_level !== "patient") return null;
  const rows = await db
    .selectFrom("episodes as e")
    .innerJoin("arms as a", "a.id", "e.arm_id")
    .select(["e.patient_id", "e.started_at", "a.code"])
    .where("e.study_id", "=", studyId)
    .execute();
  const out = new Map<string, PatientArm>();
  for (const r of rows) {
    const from = iso(r.started_at);
    const seen = out.get(r.patient_id);
    if (!seen || from < seen.from) out.set(r.patient_id, { from, code: r.code });
  }
  return out;
}

/**
 * The arm an episode outside the study takes from its patient's allocation: the patient's arm when the
 * episode started on or after it, else none.
 *
 * @example
 * spreadArm(arms, patientId, "2026-05-02T10:00:00.000Z"); // "feedback"
 */
export function spreadArm(
  arms: ReadonlyMap<string, PatientArm>,
  patientId: string,
  episodeStarted: unknown,
): string | null {
  const arm = arms.get(patientId);
  return arm && iso(episodeStarted) >= arm.from ? arm.code : null;
}
