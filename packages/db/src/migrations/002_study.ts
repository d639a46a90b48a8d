// Running a study: staff invitations (set your own password), recorded randomisations (seed, block size, who, when), who allocated each therapist and
// when, forms a patient declined, and the researcher workspace's analysis runs. Randomisations and
// runs are append-only, like the audit log.
import { sql, type Kysely, type Migration } from "kysely";
import type { DialectName } from "../open.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export function studyMigration(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      const s = db.schema;
      await s
        .createTable("randomisations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("study_id", "text", (c) => c.notNull().references("studies.id"))
        .addColumn("algorithm", "text", (c) => c.notNull())
        .addColumn("seed", "text", (c) => c.notNull())
        .addColumn("block_size", "integer", (c) => c.notNull().check(sql`block_size >= 1`))
        .addColumn("input", "text", (c) => c.notNull())
        .addColumn("made_by", "text", (c) => c.notNull().references("users.id"))
        .addColumn("made_at", "text", (c) => c.notNull())
        .execute();
      await s.createIndex("randomisations_study").on("randomisations").column("study_id").execute();
      await s.alterTable("allocations").addColumn("randomisation_id", "text").execute();
      await s.alterTable("allocations").addColumn("allocated_by", "text").execute();
      await s.alterTable("allocations").addColumn("allocated_at", "text").execute();
      await s
        .createTable("form_declines")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("episode_id", "text", (c) => c.notNull().references("episodes.id"))
        .addColumn("session_id", "text", (c) => c.notNull().references("therapy_sessions.id"))
        .addColumn("questionnaire_url", "text", (c) => c.notNull())
        .addColumn("link_id", "text")
        .addColumn("declined_at", "text", (c) => c.notNull())
        .addUniqueConstraint("form_declines_once", ["session_id", "questionnaire_url"])
        .execute();
      await s
        .createTable("analysis_runs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("run_by", "text", (c) => c.notNull().references("users.id"))
        .addColumn("run_at", "text", (c) => c.notNull())
        .addColumn("attune_version", "text", (c) => c.notNull())
        .addColumn("selection", "text", (c) => c.notNull())
        .addColumn("recipe", "text", (c) => c.notNull())
        .addColumn("rows", "integer", (c) => c.notNull())
        .addColumn("data_sha256", "text", (c) => c.notNull())
        .addColumn("data_csv", "text", (c) => c.notNull())
        .addColumn("results", "text", (c) => c.notNull())
        .execute();
      await s
        .createTable("invitations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("accepted_at", "text")
        .execute();
      await s.createIndex("analysis_runs_network").on("analysis_runs").column("network_id").execute();
      for (const t of ["randomisations", "analysis_runs"]) {
        if (dialect === "sqlite") {
          for (const op of ["update", "delete"])
            await sql`create trigger ${sql.raw(`${t}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(t)}
              begin select raise(abort, ${sql.lit(`${t} is append-only`)}); end`.execute(db);
        } else {
          for (const op of ["update", "delete"])
            await sql`create trigger ${sql.raw(`${t}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(t)}
              for each row execute function attune_append_only()`.execute(db);
        }
      }
    },
  };
}
