// A therapist's acknowledgement of a feedback alert: which alert (episode, kind, session), who, when, and
// an optional note. Alerts themselves are computed, never stored; the acknowledgement is what is recorded,
// so the alert stops heading the caseload while it stays visible on the patient's page. Numbered 020
// (gaps left) so parallel branches adding migrations do not collide.
import { sql, type Kysely, type Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 020: the `alert_acks` table (one acknowledgement per episode, kind and session).
 *
 * @example
 * const migrations = { "020_alert_acks": alertAcksMigration() };
 */
export function alertAcksMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("alert_acks")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("episode_id", "text", (c) => c.notNull().references("episodes.id"))
        .addColumn("kind", "text", (c) =>
          c.notNull().check(sql`kind in ('rupture', 'not-on-track', 'incongruence')`),
        )
        .addColumn("session", "integer", (c) => c.notNull().check(sql`session >= 1`))
        .addColumn("acknowledged_by", "text", (c) => c.notNull().references("users.id"))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .addUniqueConstraint("alert_acks_once", ["episode_id", "kind", "session"])
        .execute();
      await db.schema.createIndex("alert_acks_episode").on("alert_acks").column("episode_id").execute();
    },
  };
}
