// A patient-level study's randomisation as the API shows it: the sequence's parameters, every patient's
// place and arm, and whether each stored arm is the one the recorded seed gives at that place. The seed
// stays concealed from those who enrol (coordinators, therapists): knowing it would reveal the next arm.
import { listPatientAllocations, patientRandomisation, type Db } from "@attune/db";
import { reproducePatientAllocations } from "@attune/core";
import type { PatientRandomisationOut } from "@attune/api";

/**
 * The study's patient-level randomisation, or null before its first enrolment (or for therapist-level studies).
 *
 * @example
 * const out = await patientLevelOut(db, study.id, userCodes, me.role === "researcher");
 */
export async function patientLevelOut(
  db: Db,
  studyId: string,
  users: ReadonlyMap<string, string>,
  showSeed: boolean,
): Promise<PatientRandomisationOut | null> {
  const r = await patientRandomisation(db, studyId);
  if (!r) return null;
  const input = JSON.parse(r.input) as { arms: string[] };
  const seq = { arms: input.arms, blockSize: Number(r.block_size), seed: Number(r.seed) };
  const allocs = (await listPatientAllocations(db, studyId)).filter((a) => a.randomisation_id === r.id);
  return {
    algorithm: r.algorithm,
    blockSize: seq.blockSize,
    seed: showSeed ? seq.seed : null,
    madeAt: r.made_at,
    madeBy: users.get(r.made_by) ?? "",
    reproduced: reproducePatientAllocations(
      seq,
      allocs.map((a) => ({ site: a.site, place: Number(a.place), arm: a.arm })),
    ),
    allocations: allocs.map((a) => ({
      patient: a.patient_code,
      site: a.site,
      place: Number(a.place),
      arm: a.arm,
      allocatedBy: a.allocated_by ? (users.get(a.allocated_by) ?? null) : null,
      allocatedAt: a.allocated_at,
    })),
  };
}
