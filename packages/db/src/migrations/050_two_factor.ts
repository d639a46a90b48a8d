// Two-factor sign-in for staff (issue 12): a TOTP secret per account (stored encrypted by the server, so a
// read of the database alone does not give it), the last accepted time step (a code is never accepted
// twice), single-use recovery codes (hashes only), a network setting that requires two-factor sign-in,
// and a stage on sign-in sessions: "full", or half signed in ("second-factor": the password was right and
// a code is due; "enrol": the network requires two-factor sign-in and the account must enrol first).
import { sql, type Kysely, type Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 050: TOTP columns on `users`, `recovery_codes`, `networks.require_totp`, `auth_sessions.stage`.
 *
 * @example
 * const migrations = { "050_two_factor": twoFactorMigration() };
 */
export function twoFactorMigration(): Migration {
  return {
    async up(db: AnyDb) {
      const s = db.schema;
      await s.alterTable("users").addColumn("totp_secret", "text").execute();
      await s.alterTable("users").addColumn("totp_pending", "text").execute();
      await s.alterTable("users").addColumn("totp_enabled_at", "text").execute();
      await s.alterTable("users").addColumn("totp_last_step", "integer").execute();
      await s
        .alterTable("networks")
        .addColumn("require_totp", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await s
        .alterTable("auth_sessions")
        .addColumn("stage", "text", (c) =>
          c
            .notNull()
            .defaultTo("full")
            .check(sql`stage in ('full', 'second-factor', 'enrol')`),
        )
        .execute();
      await s
        .alterTable("auth_sessions")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await s
        .createTable("recovery_codes")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("code_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("used_at", "text")
        .execute();
      await s.createIndex("recovery_codes_user").on("recovery_codes").column("user_id").execute();
    },
  };
}
