// Patient-level arms: a patient enrolled in a patient-level study is allocated there and then, taking the
// next place of their site's sequence (core's patientArmAt). The study's randomisation (seed, block size,
// arms) is recorded at its first enrolment — the seed drawn at that moment, so no one could know the
// sequence before — and every later allocation re-derives from it.
import { randomInt } from "node:crypto";
import { PATIENT_RANDOMISATION_ALGORITHM, patientArmAt } from "@attune/core";
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { Arm, Randomisation, Study } from "../schema.ts";

/** The stratum of patients without a site. */
export const NO_SITE_STRATUM = "(no site)";

/** A patient's allocation in a patient-level study. */
export interface PatientArm {
  arm: Arm;
  place: number;
  site: string;
  randomisationId: string;
}

/**
 * The patient-level randomisation of a study (its first enrolment made it), if any.
 *
 * @example
 * const r = await patientRandomisation(db, study.id); // undefined before the first enrolment
 */
export async function patientRandomisation(db: Db, studyId: string): Promise<Randomisation | undefined> {
  return db
    .selectFrom("randomisations")
    .selectAll()
    .where("study_id", "=", studyId)
    .where("algorithm", "=", PATIENT_RANDOMISATION_ALGORITHM)
    .executeTakeFirst();
}

/**
 * Allocates a patient in a patient-level study (or returns their allocation): the next place of their
 * site's sequence. Run it in the enrolment's transaction; two enrolments racing for one place meet the
 * unique (randomisation, site, place) key, and one is refused.
 *
 * @example
 * const { arm } = await allocatePatient(trx, { study, patientId, site: "Geneva", by: coordinatorId });
 */
export async function allocatePatient(
  db: Db,
  a: { study: Study; patientId: string; site: string; by: string | null },
): Promise<PatientArm> {
  const arms = await db
    .selectFrom("arms")
    .selectAll()
    .where("study_id", "=", a.study.id)
    .orderBy("id")
    .execute();
  const existing = await db
    .selectFrom("patient_allocations")
    .selectAll()
    .where("study_id", "=", a.study.id)
    .where("patient_id", "=", a.patientId)
    .executeTakeFirst();
  if (existing) {
    const arm = arms.find((x) => x.id === existing.arm_id)!;
    return {
      arm,
      place: Number(existing.place),
      site: existing.site,
      randomisationId: existing.randomisation_id,
    };
  }
  let r = await patientRandomisation(db, a.study.id);
  if (!r) {
    // The first enrolment: the seed is drawn now and recorded with the arms and block size it applies to.
    const by = a.by ?? (await anyCoordinator(db, a.study.network_id));
    r = {
      id: newId(),
      study_id: a.study.id,
      algorithm: PATIENT_RANDOMISATION_ALGORITHM,
      seed: String(randomInt(0, 2 ** 32 - 1)),
      block_size: Number(a.study.block_size ?? 2 * arms.length),
      input: JSON.stringify({ level: "patient", arms: arms.map((x) => x.code), strata: "site" }),
      made_by: by,
      made_at: nowIso(),
    };
    await db.insertInto("randomisations").values(r).execute();
  }
  const input = JSON.parse(r.input) as { arms: string[] };
  const last = await db
    .selectFrom("patient_allocations")
    .select((eb) => eb.fn.max<number>("place").as("place"))
    .where("randomisation_id", "=", r.id)
    .where("site", "=", a.site)
    .executeTakeFirst();
  const place = Number(last?.place ?? 0) + 1;
  const code = patientArmAt(
    { arms: input.arms, blockSize: Number(r.block_size), seed: Number(r.seed) },
    a.site,
    place,
  );
  const arm = arms.find((x) => x.code === code);
  if (!arm)
    throw new Error(`arm ${code} of the recorded randomisation is not an arm of study ${a.study.name}`);
  await db
    .insertInto("patient_allocations")
    .values({
      id: newId(),
      study_id: a.study.id,
      patient_id: a.patientId,
      arm_id: arm.id,
      randomisation_id: r.id,
      site: a.site,
      place,
      allocated_by: a.by,
      allocated_at: nowIso(),
    })
    .execute();
  return { arm, place, site: a.site, randomisationId: r.id };
}

/** A coordinator of the network, who the randomisation is recorded as made by when an import enrols. */
async function anyCoordinator(db: Db, networkId: string): Promise<string> {
  const c = await db
    .selectFrom("users")
    .select("id")
    .where("network_id", "=", networkId)
    .where("role", "=", "coordinator")
    .orderBy("id")
    .executeTakeFirst();
  if (!c) throw new Error("a patient-level study needs a coordinator to record its randomisation");
  return c.id;
}

/**
 * A study's patient allocations with patient codes (null once erased), in allocation order.
 *
 * @example
 * (await listPatientAllocations(db, studyId)).map((a) => [a.patient_code, a.arm]);
 */
export async function listPatientAllocations(db: Db, studyId: string) {
  return db
    .selectFrom("patient_allocations as pa")
    .innerJoin("arms as a", "a.id", "pa.arm_id")
    .leftJoin("patients as p", "p.id", "pa.patient_id")
    .select([
      "pa.patient_id",
      "p.code as patient_code",
      "a.code as arm",
      "pa.site",
      "pa.place",
      "pa.randomisation_id",
      "pa.allocated_by",
      "pa.allocated_at",
    ])
    .where("pa.study_id", "=", studyId)
    .orderBy("pa.id")
    .execute();
}
