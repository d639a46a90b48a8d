// Erasure reaches recorded analysis runs: an erased patient's rows are removed from the tidy CSV of every run
// of the network, and each such redaction is recorded (run, erasure, when, rows removed, sha256 before and
// after). Runs stay append-only for everything else: the rewrite is allowed only as the application of the
// newest, not yet applied redaction of that run (the run's `redacted_by` names it), changing nothing but the
// CSV — the way responses may be deleted only for a patient with a recorded erasure (migration 001).
import { sql, type Kysely, type Migration } from "kysely";
import type { DialectName } from "../open.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

const REFUSAL = "analysis_runs is append-only (only an erasure may redact a run's data)";

/** Everything of the run but its CSV stays as recorded (the results are what was published). */
const UNCHANGED = `new.id = old.id and new.network_id = old.network_id and new.run_by = old.run_by
  and new.run_at = old.run_at and new.attune_version = old.attune_version and new.selection = old.selection
  and new.recipe = old.recipe and new.rows = old.rows and new.data_sha256 = old.data_sha256
  and new.results = old.results`;

/**
 * Migration 005: the `run_redactions` table (append-only), `analysis_runs.redacted_by`, and the
 * analysis_runs update trigger that lets an erasure, and nothing else, rewrite a run's CSV.
 *
 * @example
 * const migrations = { "005_run_redactions": runRedactionsMigration("sqlite") };
 */
export function runRedactionsMigration(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("run_redactions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("run_id", "text", (c) => c.notNull().references("analysis_runs.id"))
        .addColumn("erasure_id", "text", (c) => c.notNull().references("erasures.id"))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("rows_removed", "integer", (c) => c.notNull().check(sql`rows_removed >= 1`))
        .addColumn("before_sha256", "text", (c) => c.notNull())
        .addColumn("after_sha256", "text", (c) => c.notNull())
        // One redaction per run and erasure: an erasure removes all of the patient's rows at once.
        .addUniqueConstraint("run_redactions_once", ["run_id", "erasure_id"])
        .execute();
      await db.schema.createIndex("run_redactions_run").on("run_redactions").column("run_id").execute();
      // The redaction the run's CSV currently reflects (null: as recorded).
      await db.schema.alterTable("analysis_runs").addColumn("redacted_by", "text").execute();
      await sql`drop trigger analysis_runs_no_update${sql.raw(dialect === "postgres" ? " on analysis_runs" : "")}`.execute(
        db,
      );
      if (dialect === "sqlite") {
        for (const op of ["update", "delete"])
          await sql`create trigger ${sql.raw(`run_redactions_no_${op}`)} before ${sql.raw(op)} on run_redactions
            begin select raise(abort, 'run_redactions is append-only'); end`.execute(db);
        // SQLite has no sha256: the newest redaction, applied once (redacted_by changes to it), of an
        // erasure in the run's network, and the CSV only shrinks. `is not 1` also refuses when a part is null.
        await sql`create trigger analysis_runs_no_update before update on analysis_runs
          when (${sql.raw(UNCHANGED)}
            and new.redacted_by is not null and new.redacted_by is not old.redacted_by
            and length(new.data_csv) < length(old.data_csv)
            and new.redacted_by = (select r.id from run_redactions r join erasures e on e.id = r.erasure_id
              where r.run_id = old.id and e.network_id = old.network_id order by r.id desc limit 1)) is not 1
          begin select raise(abort, ${sql.lit(REFUSAL)}); end`.execute(db);
        return;
      }
      for (const op of ["update", "delete"])
        await sql`create trigger ${sql.raw(`run_redactions_no_${op}`)} before ${sql.raw(op)} on run_redactions
          for each row execute function attune_append_only()`.execute(db);
      // PostgreSQL can also check the CSV itself: before and after must hash to the redaction's sha256s.
      await sql`create function attune_run_redaction() returns trigger language plpgsql as $$
        begin
          if ${sql.raw(UNCHANGED)}
            and new.redacted_by is not null and new.redacted_by is distinct from old.redacted_by
            and new.redacted_by = (select r.id from run_redactions r join erasures e on e.id = r.erasure_id
              where r.run_id = old.id and e.network_id = old.network_id order by r.id desc limit 1)
            and exists (select 1 from run_redactions r where r.id = new.redacted_by
              and r.before_sha256 = encode(sha256(convert_to(old.data_csv, 'UTF8')), 'hex')
              and r.after_sha256 = encode(sha256(convert_to(new.data_csv, 'UTF8')), 'hex'))
          then
            return new;
          end if;
          raise exception '${sql.raw(REFUSAL.replace(/'/g, "''"))}';
        end $$`.execute(db);
      await sql`create trigger analysis_runs_no_update before update on analysis_runs
        for each row execute function attune_run_redaction()`.execute(db);
    },
  };
}
