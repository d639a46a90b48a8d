// Session scheduling (issue 14): a session made ahead has a time of day beside its date, and its patient
// link opens on the session's day, not before. `therapy_sessions.time` is the clinic's local "HH:MM" (null:
// no time given); `patient_links.opens_at` is the instant the link starts working (the start of the
// session's day in the clinic's time zone; null: at once, as every link made before this migration).
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 080: `therapy_sessions.time`, `patient_links.opens_at`.
 *
 * @example
 * const migrations = { "080_session_schedule": sessionScheduleMigration() };
 */
export function sessionScheduleMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable("therapy_sessions").addColumn("time", "text").execute();
      await db.schema.alterTable("patient_links").addColumn("opens_at", "text").execute();
      // The caseload's upcoming sessions are read by date across a therapist's episodes.
      await db.schema.createIndex("therapy_sessions_date").on("therapy_sessions").column("date").execute();
    },
  };
}
