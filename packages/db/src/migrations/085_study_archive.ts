// Study maintenance in the browser (issue 14 item 7): a test study can be archived. An archived study keeps
// everything it holds (arms, allocations, patients, answers, runs) and can be restored; it only leaves the
// list of active studies and takes no new enrolments.
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 085: `studies.archived_at` (null = active).
 *
 * @example
 * const migrations = { "085_study_archive": studyArchiveMigration() };
 */
export function studyArchiveMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable("studies").addColumn("archived_at", "text").execute();
    },
  };
}
