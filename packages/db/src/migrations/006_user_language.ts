// A staff member's language for the pages (English or French), chosen once and kept with the account so it
// follows them to any browser; null = not chosen (the browser's language decides).
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export function userLanguageMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable("users").addColumn("language", "text").execute();
    },
  };
}
