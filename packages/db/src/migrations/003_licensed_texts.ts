// Licensed texts: the licensed wording a network imported into an instrument shell. Each import, added
// language, replacement or withdrawal is a new row (revision n+1 of that network's form); nothing is
// updated or deleted, so the wording patients answered stays on record and every change is traceable.
import { sql, type Kysely, type Migration } from "kysely";
import type { DialectName } from "../open.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 003: the `licensed_texts` table and its append-only triggers, for the given dialect.
 *
 * @example
 * const migrations = { "003_licensed_texts": licensedTextsMigration("postgres") };
 */
export function licensedTextsMigration(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("licensed_texts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("instrument_id", "text", (c) => c.notNull())
        .addColumn("questionnaire_url", "text", (c) => c.notNull())
        .addColumn("version", "text", (c) => c.notNull())
        .addColumn("revision", "integer", (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn("action", "text", (c) =>
          c.notNull().check(sql`action in ('import', 'add-language', 'replace', 'withdraw')`),
        )
        .addColumn("languages", "text", (c) => c.notNull())
        .addColumn("language", "text")
        .addColumn("file", "text")
        .addColumn("file_sha256", "text")
        .addColumn("questionnaire", "text")
        .addColumn("attestation", "text")
        .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        // Two coordinators importing at once: one wins, the other gets a conflict, not two heads.
        .addUniqueConstraint("licensed_texts_revision", ["network_id", "questionnaire_url", "revision"])
        .execute();
      for (const op of ["update", "delete"]) {
        if (dialect === "sqlite")
          await sql`create trigger ${sql.raw(`licensed_texts_no_${op}`)} before ${sql.raw(op)} on licensed_texts
            begin select raise(abort, 'licensed_texts is append-only'); end`.execute(db);
        else
          await sql`create trigger ${sql.raw(`licensed_texts_no_${op}`)} before ${sql.raw(op)} on licensed_texts
            for each row execute function attune_append_only()`.execute(db);
      }
    },
  };
}
