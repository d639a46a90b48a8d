// E-mail and SMS (issue 14): the send log per network, the idle time of a sign-in session, and the
// language a patient reads their messages in. The log says what kind of message went to whom and
// when, and whether it was delivered or why not — never the message itself (bodies carry one-time
// links). An erasure nulls the recipient of the patient's rows; the rest stays as a count.
import { sql, type Kysely, type Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 060: `message_log`, `auth_sessions.last_seen_at`, `patient_contacts.language`.
 *
 * @example
 * const migrations = { "060_messages": messagesMigration() };
 */
export function messagesMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("message_log")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("kind", "text", (c) =>
          c
            .notNull()
            .check(
              sql`kind in ('patient-link', 'patient-reminder', 'therapist-reminder', 'invitation', 'password-reset')`,
            ),
        )
        .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
        // The address or phone number (null once the patient is erased).
        .addColumn("recipient", "text")
        // No foreign keys: the row outlives an erased patient (as a count) and names a staff member by id.
        .addColumn("patient_id", "text")
        .addColumn("user_id", "text")
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('queued', 'sent', 'failed')`))
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("queued_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addColumn("error", "text")
        .addColumn("queued_by", "text")
        .execute();
      await db.schema
        .createIndex("message_log_network")
        .on("message_log")
        .columns(["network_id", "queued_at"])
        .execute();
      await db.schema.createIndex("message_log_patient").on("message_log").column("patient_id").execute();
      await db.schema.alterTable("auth_sessions").addColumn("last_seen_at", "text").execute();
      await db.schema.alterTable("patient_contacts").addColumn("language", "text").execute();
    },
  };
}
