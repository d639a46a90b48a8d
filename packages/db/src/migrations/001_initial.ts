// The initial schema, written once with Kysely's schema builder for both dialects.
// Only the append-only triggers differ per dialect (SQLite has no trigger functions).
import { sql, type Kysely, type Migration } from "kysely";
import type { DialectName } from "../open.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export function initialMigration(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      const s = db.schema;
      await s
        .createTable("networks")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await s
        .createTable("sites")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await s
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("site_id", "text", (c) => c.references("sites.id"))
        .addColumn("code", "text", (c) => c.notNull())
        .addColumn("email", "text", (c) => c.unique())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) =>
          c.notNull().check(sql`role in ('coordinator', 'therapist', 'researcher', 'coder')`),
        )
        .addColumn("password_hash", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("disabled_at", "text")
        .addUniqueConstraint("users_network_code", ["network_id", "code"])
        .execute();
      await s
        .createTable("studies")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await s
        .createTable("arms")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("study_id", "text", (c) => c.notNull().references("studies.id"))
        .addColumn("code", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addUniqueConstraint("arms_study_code", ["study_id", "code"])
        .execute();
      await s
        .createTable("allocations")
        .addColumn("study_id", "text", (c) => c.notNull().references("studies.id"))
        .addColumn("therapist_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("arm_id", "text", (c) => c.notNull().references("arms.id"))
        .addPrimaryKeyConstraint("allocations_pk", ["study_id", "therapist_id"])
        .execute();
      await s
        .createTable("schedule_items")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("study_id", "text", (c) => c.notNull().references("studies.id"))
        .addColumn("questionnaire_url", "text", (c) => c.notNull())
        .addColumn("rater", "text", (c) => c.notNull())
        .addColumn("sessions", "text", (c) => c.notNull())
        .execute();
      await s
        .createTable("questionnaires")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("version", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("resource", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("questionnaires_url_version", ["url", "version"])
        .execute();
      await s
        .createTable("patients")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("site_id", "text", (c) => c.references("sites.id"))
        .addColumn("code", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("patients_network_code", ["network_id", "code"])
        .execute();
      await s
        .createTable("patient_contacts")
        .addColumn("patient_id", "text", (c) => c.primaryKey().references("patients.id"))
        .addColumn("name", "text")
        .addColumn("email", "text")
        .addColumn("phone", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await s
        .createTable("episodes")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("patient_id", "text", (c) => c.notNull().references("patients.id"))
        .addColumn("therapist_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("study_id", "text", (c) => c.references("studies.id"))
        .addColumn("arm_id", "text", (c) => c.references("arms.id"))
        .addColumn("started_at", "text", (c) => c.notNull())
        .execute();
      await s.createIndex("episodes_therapist").on("episodes").column("therapist_id").execute();
      await s.createIndex("episodes_patient").on("episodes").column("patient_id").execute();
      await s
        .createTable("therapy_sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("episode_id", "text", (c) => c.notNull().references("episodes.id"))
        .addColumn("number", "integer", (c) => c.notNull().check(sql`number >= 1`))
        .addColumn("date", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("sessions_episode_number", ["episode_id", "number"])
        .execute();
      await s
        .createTable("coder_assignments")
        .addColumn("coder_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("session_id", "text", (c) => c.notNull().references("therapy_sessions.id"))
        .addPrimaryKeyConstraint("coder_assignments_pk", ["coder_id", "session_id"])
        .execute();
      await s
        .createTable("responses")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("patient_id", "text", (c) => c.notNull().references("patients.id"))
        .addColumn("episode_id", "text", (c) => c.notNull().references("episodes.id"))
        .addColumn("session_id", "text", (c) => c.notNull().references("therapy_sessions.id"))
        .addColumn("questionnaire_url", "text", (c) => c.notNull())
        .addColumn("rater", "text", (c) =>
          c.notNull().check(sql`rater in ('patient', 'therapist', 'observer')`),
        )
        .addColumn("author_kind", "text", (c) => c.notNull())
        .addColumn("author_id", "text")
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("supersedes_id", "text", (c) => c.unique().references("responses.id"))
        .addColumn("resource", "text", (c) => c.notNull())
        .addColumn("submitted_at", "text", (c) => c.notNull())
        .execute();
      await s.createIndex("responses_session").on("responses").column("session_id").execute();
      await s.createIndex("responses_episode").on("responses").column("episode_id").execute();
      await s.createIndex("responses_patient").on("responses").column("patient_id").execute();
      await s.createIndex("responses_network").on("responses").columns(["network_id", "id"]).execute();
      await s
        .createTable("scores")
        .addColumn("response_id", "text", (c) => c.notNull().references("responses.id"))
        .addColumn("scale", "text", (c) => c.notNull())
        .addColumn("value", "double precision", (c) => c.notNull())
        .addPrimaryKeyConstraint("scores_pk", ["response_id", "scale"])
        .execute();
      await s
        .createTable("patient_links")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("episode_id", "text", (c) => c.notNull().references("episodes.id"))
        .addColumn("session_id", "text", (c) => c.notNull().references("therapy_sessions.id"))
        .addColumn("forms", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("submitted_at", "text")
        .addColumn("submission_hash", "text")
        .addColumn("result", "text")
        .execute();
      await s
        .createTable("auth_sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await s
        .createTable("audit_log")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("network_id", "text")
        .addColumn("actor_kind", "text", (c) => c.notNull())
        .addColumn("actor_id", "text")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("entity", "text", (c) => c.notNull())
        .addColumn("entity_id", "text")
        .addColumn("ip", "text")
        .addColumn("user_agent", "text")
        .addColumn("detail", "text")
        .execute();
      await s.createIndex("audit_network").on("audit_log").columns(["network_id", "id"]).execute();
      await s
        .createTable("erasures")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("patient_id", "text", (c) => c.notNull())
        .addColumn("network_id", "text", (c) => c.notNull())
        .addColumn("requested_by", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
      await appendOnlyTriggers(db, dialect);
    },
  };
}

/**
 * Responses and the audit log are append-only in the database itself, not only by convention:
 * UPDATE always fails; DELETE of a response fails unless an erasure of its patient is recorded.
 */
async function appendOnlyTriggers(db: AnyDb, dialect: DialectName): Promise<void> {
  if (dialect === "sqlite") {
    for (const t of ["responses", "audit_log", "erasures"]) {
      await sql`create trigger ${sql.raw(`${t}_no_update`)} before update on ${sql.table(t)}
        begin select raise(abort, ${sql.lit(`${t} is append-only`)}); end`.execute(db);
    }
    for (const t of ["audit_log", "erasures"]) {
      await sql`create trigger ${sql.raw(`${t}_no_delete`)} before delete on ${sql.table(t)}
        begin select raise(abort, ${sql.lit(`${t} is append-only`)}); end`.execute(db);
    }
    await sql`create trigger responses_no_delete before delete on responses
      when not exists (select 1 from erasures e where e.patient_id = old.patient_id)
      begin select raise(abort, 'responses are append-only'); end`.execute(db);
    return;
  }
  await sql`create function attune_append_only() returns trigger language plpgsql as $$
    begin raise exception '% is append-only', tg_table_name; end $$`.execute(db);
  await sql`create function attune_response_delete() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from erasures e where e.patient_id = old.patient_id) then
        raise exception 'responses are append-only';
      end if;
      return old;
    end $$`.execute(db);
  for (const t of ["responses", "audit_log", "erasures"]) {
    await sql`create trigger ${sql.raw(`${t}_no_update`)} before update on ${sql.table(t)}
      for each row execute function attune_append_only()`.execute(db);
  }
  for (const t of ["audit_log", "erasures"]) {
    await sql`create trigger ${sql.raw(`${t}_no_delete`)} before delete on ${sql.table(t)}
      for each row execute function attune_append_only()`.execute(db);
  }
  await sql`create trigger responses_no_delete before delete on responses
    for each row execute function attune_response_delete()`.execute(db);
}
