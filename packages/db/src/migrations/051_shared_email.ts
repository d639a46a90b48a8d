// One e-mail address, accounts in several networks (issue 12, account enumeration): `users.email` is unique
// across the installation (001), so a second network's account for an address already used elsewhere keeps
// it in `shared_email` instead. Sign-in looks at both columns and enters the account whose password
// matches; a coordinator creating the account sees the same answer whether or not the address is used in
// another network (docs/platform.md, "Accounts and sessions").
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 051: `users.shared_email` and its index.
 *
 * @example
 * const migrations = { "051_shared_email": sharedEmailMigration() };
 */
export function sharedEmailMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable("users").addColumn("shared_email", "text").execute();
      await db.schema.createIndex("users_shared_email").on("users").column("shared_email").execute();
      await db.schema
        .createIndex("users_network_shared_email")
        .on("users")
        .columns(["network_id", "shared_email"])
        .unique()
        .execute();
    },
  };
}
