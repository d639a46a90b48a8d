// The item-level rupture rule's storage (migration 106): the network's chosen rupture statistic, the
// state and result of its background fit, and the patient alliance responses whose item answers it reads.
import type { Db } from "../open.ts";
import { nowIso } from "../ids.ts";
import type { ItemCalibrationTable } from "../schemaNotices.ts";

/** The rupture statistics a network can choose. */
export type RuptureStatisticSetting = "mean" | "items";

/**
 * The network's chosen rupture statistic; null when it never chose (attune's default applies).
 *
 * @example
 * const chosen = (await ruptureStatisticOf(db, networkId)) ?? DEFAULT_RUPTURE_STATISTIC;
 */
export async function ruptureStatisticOf(db: Db, networkId: string): Promise<RuptureStatisticSetting | null> {
  const row = await db
    .selectFrom("networks")
    .select("rupture_statistic")
    .where("id", "=", networkId)
    .executeTakeFirst();
  const v = row?.rupture_statistic;
  return v === "items" || v === "mean" ? v : null;
}

/**
 * Sets the network's rupture statistic.
 *
 * @example
 * await setRuptureStatistic(trx, networkId, "items");
 */
export async function setRuptureStatistic(
  db: Db,
  networkId: string,
  statistic: RuptureStatisticSetting,
): Promise<void> {
  await db
    .updateTable("networks")
    .set({ rupture_statistic: statistic })
    .where("id", "=", networkId)
    .execute();
}

/** One network's background item fit as stored. */
export type ItemCalibrationRow = ItemCalibrationTable;

/**
 * The stored state and last good fit of the network's item model (undefined: never started).
 *
 * @example
 * const row = await getItemCalibration(db, networkId); // { status: "ready", fit: "{…}", … }
 */
export async function getItemCalibration(db: Db, networkId: string): Promise<ItemCalibrationRow | undefined> {
  const row = await db
    .selectFrom("item_calibrations")
    .selectAll()
    .where("network_id", "=", networkId)
    .executeTakeFirst();
  if (!row) return undefined;
  // PostgreSQL's integer columns may come back as strings through some drivers: numbers here.
  return {
    ...row,
    responses: Number(row.responses),
    fit_responses: row.fit_responses === null ? null : Number(row.fit_responses),
  };
}

/**
 * Records that a fit started on `responses` responses (the last good fit is kept).
 *
 * @example
 * await startItemCalibration(db, networkId, 1234);
 */
export async function startItemCalibration(db: Db, networkId: string, responses: number): Promise<void> {
  const now = nowIso();
  await db
    .insertInto("item_calibrations")
    .values({ network_id: networkId, status: "running", started_at: now, responses })
    .onConflict((oc) =>
      oc
        .column("network_id")
        .doUpdateSet({ status: "running", started_at: now, finished_at: null, error: null, responses }),
    )
    .execute();
}

/**
 * Stores a finished fit (JSON) and the data stamp it was fitted on.
 *
 * @example
 * await finishItemCalibration(db, networkId, JSON.stringify(fit), 1234);
 */
export async function finishItemCalibration(
  db: Db,
  networkId: string,
  fit: string,
  responses: number,
): Promise<void> {
  const now = nowIso();
  await db
    .updateTable("item_calibrations")
    .set({ status: "ready", finished_at: now, error: null, fit, fit_responses: responses, fitted_at: now })
    .where("network_id", "=", networkId)
    .execute();
}

/**
 * Records a failed fit and why (the last good fit, if any, is kept).
 *
 * @example
 * await failItemCalibration(db, networkId, "too few sessions with item answers");
 */
export async function failItemCalibration(db: Db, networkId: string, error: string): Promise<void> {
  await db
    .updateTable("item_calibrations")
    .set({ status: "failed", finished_at: nowIso(), error: error.slice(0, 2000) })
    .where("network_id", "=", networkId)
    .execute();
}

/**
 * The current (newest-version) patient responses of these episodes that store a score on `scale`, with
 * their FHIR resource, so the item answers behind the score can be read.
 *
 * @example
 * const rows = await patientResponsesWithScale(db, episodeIds, "alliance");
 */
export async function patientResponsesWithScale(
  db: Db,
  episodeIds: readonly string[],
  scale: string,
): Promise<{ id: string; session_id: string; questionnaire_url: string; resource: string }[]> {
  if (episodeIds.length === 0) return [];
  return db
    .selectFrom("responses as r")
    .innerJoin("scores as sc", "sc.response_id", "r.id")
    .select(["r.id", "r.session_id", "r.questionnaire_url", "r.resource"])
    .where("r.episode_id", "in", [...episodeIds])
    .where("r.rater", "=", "patient")
    .where("sc.scale", "=", scale)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom("responses as r2").select("r2.id").whereRef("r2.supersedes_id", "=", "r.id")),
      ),
    )
    .execute();
}
