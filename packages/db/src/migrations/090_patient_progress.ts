// Patients see their own progress (issue 14 item 8): a network may show a patient, right after they send
// a form through their link, a graph of their own well-being and alliance over their sessions. Off by
// default: every network stored before this migration shares nothing until a coordinator turns it on.
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 090: `networks.share_progress` (1 = patients see their own progress after sending; 0 = not).
 *
 * @example
 * const migrations = { "090_patient_progress": patientProgressMigration() };
 */
export function patientProgressMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable("networks")
        .addColumn("share_progress", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
