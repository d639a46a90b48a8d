// The item-level rupture rule in the server (issue 15): a network chooses its rupture statistic
// (`networks.rupture_statistic`: "mean" or "items"; null = attune's default, core's
// DEFAULT_RUPTURE_STATISTIC, so a change of the default reaches every network that never chose), and the item model's fit, which takes
// seconds to minutes, is computed in the background and stored (`item_calibrations`, one row per
// network) so that a restart does not lose it and no request waits for it.
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 106: `networks.rupture_statistic` and `item_calibrations` (state of the background fit, the
 * last good fit as JSON and the data stamp it was fitted on).
 *
 * @example
 * const migrations = { "106_item_calibration": itemCalibrationMigration() };
 */
export function itemCalibrationMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable("networks").addColumn("rupture_statistic", "text").execute();
      await db.schema
        .createTable("item_calibrations")
        .addColumn("network_id", "text", (c) => c.primaryKey().references("networks.id"))
        // "running" | "ready" | "failed": the state of the latest job.
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .addColumn("error", "text")
        // Responses the network had when the latest job started (its data stamp).
        .addColumn("responses", "integer", (c) => c.notNull())
        // The last good fit (JSON: item model, bar), kept while a newer job runs or after one fails.
        .addColumn("fit", "text")
        .addColumn("fit_responses", "integer")
        .addColumn("fitted_at", "text")
        .execute();
    },
  };
}
