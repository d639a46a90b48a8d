// Session modality and episode end (issue 13): how each session was held (in person, video, phone) and
// when and why an episode ended (completed, dropout, referred, other). Both are nullable: what was
// stored before is "not recorded", never guessed. The closed lists are @attune/core records/sessionFacts.ts;
// the checks repeat them so no path in can store another word.
import { sql, type Kysely, type Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 070: `therapy_sessions.modality`, `episodes.ended_at`, `episodes.end_reason`.
 *
 * @example
 * const migrations = { "070_session_facts": sessionFactsMigration() };
 */
export function sessionFactsMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable("therapy_sessions")
        .addColumn("modality", "text", (c) => c.check(sql`modality in ('in person', 'video', 'phone')`))
        .execute();
      await db.schema.alterTable("episodes").addColumn("ended_at", "text").execute();
      await db.schema
        .alterTable("episodes")
        .addColumn("end_reason", "text", (c) =>
          c.check(sql`end_reason in ('completed', 'dropout', 'referred', 'other')`),
        )
        .execute();
    },
  };
}
