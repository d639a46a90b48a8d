// The scale a stored score is on, when it is not the instrument's own: scores imported from a long CSV or
// REDCap arrive already scored on whatever scale the network used (item means 1–5, 1–7, totals 0–27 …);
// the import declares it and the dashboard puts the score on 0–100 with it instead of assuming 1–5.
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export function scoreRangeMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable("scores").addColumn("range_min", "double precision").execute();
      await db.schema.alterTable("scores").addColumn("range_max", "double precision").execute();
    },
  };
}
