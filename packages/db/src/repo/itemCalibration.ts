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

/** What a process saw of the network's job before claiming it, and when a running job counts as lost. */
export interface ItemCalibrationClaim {
  /** `started_at` of the row the caller read (null: no row), so a job claimed since is not claimed again. */
  readonly seen: string | null;
  /** A job still marked running that started before this (ISO time) was lost (a restart): it may be taken over. */
  readonly staleBefore: string;
}

/**
 * Claims the network's next fit on `responses` responses, atomically across processes on one database: it
 * succeeds only if the row is still the one the caller read (`seen`) and no live job runs on it, so of two
 * processes that found the same fit due, one fits and the other sees it claimed. Returns the claim's
 * `started_at` (the token `finishItemCalibration` and `failItemCalibration` need), or null when another process
 * holds the job. The last good fit is kept.
 *
 * @example
 * const claim = await claimItemCalibration(db, networkId, 1234, { seen: row?.started_at ?? null, staleBefore });
 * if (claim) … fit, then finishItemCalibration(db, networkId, claim, fit, 1234);
 */
export async function claimItemCalibration(
  db: Db,
  networkId: string,
  responses: number,
  { seen, staleBefore }: ItemCalibrationClaim,
): Promise<string | null> {
  const now = nowIso();
  const row = await db
    .insertInto("item_calibrations")
    .values({ network_id: networkId, status: "running", started_at: now, responses })
    // One statement, so the check and the claim cannot interleave with another process's claim. With no row
    // seen, a row now there was inserted by another process: nothing to take over.
    .onConflict((oc) =>
      seen === null
        ? oc.column("network_id").doNothing()
        : oc
            .column("network_id")
            .doUpdateSet({ status: "running", started_at: now, finished_at: null, error: null, responses })
            .where((eb) =>
              eb.and([
                eb("item_calibrations.started_at", "=", seen),
                eb.or([
                  eb("item_calibrations.status", "<>", "running"),
                  eb("item_calibrations.started_at", "<", staleBefore),
                ]),
              ]),
            ),
    )
    .returning("started_at")
    .executeTakeFirst();
  return row?.started_at ?? null;
}

/**
 * Stores a finished fit (JSON) and the data stamp it was fitted on, if the job is still this claim's (a job
 * taken over as lost is not overwritten by its late first owner). Returns whether it was stored.
 *
 * @example
 * await finishItemCalibration(db, networkId, claim, JSON.stringify(fit), 1234);
 */
export async function finishItemCalibration(
  db: Db,
  networkId: string,
  claim: string,
  fit: string,
  responses: number,
): Promise<boolean> {
  const now = nowIso();
  const r = await db
    .updateTable("item_calibrations")
    .set({ status: "ready", finished_at: now, error: null, fit, fit_responses: responses, fitted_at: now })
    .where("network_id", "=", networkId)
    .where("started_at", "=", claim)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Records a failed fit and why, if the job is still this claim's (the last good fit, if any, is kept).
 *
 * @example
 * await failItemCalibration(db, networkId, claim, "too few sessions with item answers");
 */
export async function failItemCalibration(
  db: Db,
  networkId: string,
  claim: string,
  error: string,
): Promise<boolean> {
  const r = await db
    .updateTable("item_calibrations")
    .set({ status: "failed", finished_at: nowIso(), error: error.slice(0, 2000) })
    .where("network_id", "=", networkId)
    .where("started_at", "=", claim)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
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
