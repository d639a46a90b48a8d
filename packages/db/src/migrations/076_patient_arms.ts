// Patient-level arms (issue 13): a study randomises therapists (as before) or patients. A patient-level
// study's first enrolment records its randomisation (seed drawn then, block size, arms); every patient
// then takes the next place of their site's sequence. The place is kept, so an allocation can be
// re-derived from the seed; an erased patient's allocation keeps its place with the patient left out.
import { sql, type Kysely, type Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 076: `studies.allocation_level`, `studies.block_size`, `patient_allocations`.
 *
 * @example
 * const migrations = { "076_patient_arms": patientArmsMigration() };
 */
export function patientArmsMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable("studies")
        .addColumn("allocation_level", "text", (c) =>
          c
            .notNull()
            .defaultTo("therapist")
            .check(sql`allocation_level in ('therapist', 'patient')`),
        )
        .execute();
      // The block size of a patient-level study's sequence (null for therapist-level studies).
      await db.schema.alterTable("studies").addColumn("block_size", "integer").execute();
      await db.schema
        .createTable("patient_allocations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("study_id", "text", (c) => c.notNull().references("studies.id"))
        // No foreign key: the place outlives an erased patient (then null).
        .addColumn("patient_id", "text")
        .addColumn("arm_id", "text", (c) => c.notNull().references("arms.id"))
        .addColumn("randomisation_id", "text", (c) => c.notNull().references("randomisations.id"))
        .addColumn("site", "text", (c) => c.notNull())
        .addColumn("place", "integer", (c) => c.notNull().check(sql`place >= 1`))
        .addColumn("allocated_by", "text")
        .addColumn("allocated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("patient_allocations_once", ["study_id", "patient_id"])
        .addUniqueConstraint("patient_allocations_place", ["randomisation_id", "site", "place"])
        .execute();
    },
  };
}
