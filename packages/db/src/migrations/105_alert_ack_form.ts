// One acknowledgement per outcome form (issue 15): a network following PHQ-9 and the well-being form gets
// a not-on-track alert from each at the same session, and acknowledging PHQ-9's must not hide the
// well-being form's. The acknowledgement names the form (`form`: the outcome form's id; "" for alerts of
// no outcome form — ruptures, incongruence — and for acknowledgements stored before this migration, which
// the dashboard reads as the network's first outcome, the only one then acknowledged), and "once" becomes
// once per episode, kind, session and form. The unique
// constraint cannot be altered in SQLite, so the table is rebuilt (the same on both databases).
import { sql, type Kysely, type Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 105: `alert_acks.form`, unique per (episode, kind, session, form); every stored row kept.
 *
 * @example
 * const migrations = { "105_alert_ack_form": alertAckFormMigration() };
 */
export function alertAckFormMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("alert_acks_105")
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
        .addColumn("form", "text", (c) => c.notNull().defaultTo(""))
        .addUniqueConstraint("alert_acks_once_per_form", ["episode_id", "kind", "session", "form"])
        .execute();
      await sql`insert into alert_acks_105 (id, network_id, episode_id, kind, session, acknowledged_by, at, note, form)
        select id, network_id, episode_id, kind, session, acknowledged_by, at, note, '' from alert_acks`.execute(
        db,
      );
      await db.schema.dropTable("alert_acks").execute();
      await db.schema.alterTable("alert_acks_105").renameTo("alert_acks").execute();
      await db.schema.createIndex("alert_acks_episode").on("alert_acks").column("episode_id").execute();
    },
  };
}
