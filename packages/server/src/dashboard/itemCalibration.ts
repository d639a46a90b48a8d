// The item-level rupture rule in the server: when the network chose `ruptureStatistic: "items"`, its fit
// (seconds to minutes) runs on the analysis workers' background lane (analysis/pool.ts: researchers' runs
// do not wait behind it), never inside a request. It starts when the setting changes to "items", when the
// network's responses grew by REFIT_GROWTH since the fit in use, and when a job was lost (a restart while it
// ran, after STALE_MS). The job is claimed in the database first (claimItemCalibration), so of several server
// processes on one database only one fits a network. Its result is stored (item_calibrations, migration
// 106), so a restart keeps it. Until a fit exists, or while every fit failed, the alerts use the mean
// statistic and the coordinator's page says why.
import {
  claimItemCalibration,
  countResponses,
  EpisodeRepository,
  failItemCalibration,
  finishItemCalibration,
  getItemCalibration,
  ruptureStatisticOf,
  type ItemCalibrationRow,
} from "@attune/db";
import {
  answeredMean,
  byDyadCode,
  DEFAULT_RUPTURE_STATISTIC,
  type DyadHistory,
  type ItemRuptureFit,
  type NetworkCalibration,
  type SessionRecord,
} from "@attune/core";
import type { ItemCalibrationOut } from "@attune/api";
import type { Ctx } from "../context.ts";
import { loadAllianceItems, type AllianceItemForm } from "./itemAnswers.ts";
import { loadSeries, type SeriesSession } from "./series.ts";

/** A new fit starts when the network has this share more responses than the fit in use saw (as the mean calibration). */
export const REFIT_GROWTH = 0.1;
/** A job marked running this long ago was lost (its process stopped): another may take it over. */
const STALE_MS = 10 * 60 * 1000;

/** What is stored in `item_calibrations.fit`: the rule and the form it reads. */
export interface StoredItemFit {
  readonly form: AllianceItemForm;
  readonly fit: ItemRuptureFit;
}

/** The item rule the alerts use now (null: the mean statistic) and a key that changes with it. */
export interface ItemRuleInUse {
  readonly key: string;
  readonly stored: StoredItemFit | null;
}

/** How a background fit of this process ended: stored, failed (the reason is stored), or not ours to run. */
export type ItemFitOutcome = "ready" | "failed" | "claimed elsewhere";

const inFlight = new WeakMap<Ctx, Map<string, Promise<ItemFitOutcome>>>();
const parsed = new Map<string, StoredItemFit | null>();

function flights(ctx: Ctx): Map<string, Promise<ItemFitOutcome>> {
  let m = inFlight.get(ctx);
  if (!m) inFlight.set(ctx, (m = new Map()));
  return m;
}

/** Responses at which the next fit starts, given the stamp of the fit in use. */
const refitAt = (fitResponses: number): number => Math.floor(fitResponses * (1 + REFIT_GROWTH)) + 5;

/**
 * The network's chosen rupture statistic (attune's default when it never chose).
 *
 * @example
 * await ruptureStatistic(ctx, networkId); // "mean"
 */
export async function ruptureStatistic(ctx: Ctx, networkId: string): Promise<"mean" | "items"> {
  return (await ruptureStatisticOf(ctx.store.db, networkId)) ?? DEFAULT_RUPTURE_STATISTIC;
}

/**
 * The item rule the network's alerts use now, starting a background fit when one is due (setting "items"
 * and no fit, data grown by REFIT_GROWTH, or a lost job). Never waits for a fit.
 *
 * @example
 * const { stored } = await itemRuleInUse(ctx, networkId, await countResponses(db, networkId));
 */
export async function itemRuleInUse(ctx: Ctx, networkId: string, responses: number): Promise<ItemRuleInUse> {
  if ((await ruptureStatistic(ctx, networkId)) !== "items") return { key: "mean", stored: null };
  const row = await getItemCalibration(ctx.store.db, networkId);
  if (due(ctx, networkId, row, responses)) startItemFit(ctx, networkId, responses, row?.started_at ?? null);
  if (!row?.fit || !row.fitted_at) return { key: "items:none", stored: null };
  const key = `items:${row.fitted_at}`;
  if (!parsed.has(key)) {
    if (parsed.size > 32) parsed.clear();
    parsed.set(key, JSON.parse(row.fit) as StoredItemFit | null);
  }
  return { key, stored: parsed.get(key) ?? null };
}

function due(ctx: Ctx, networkId: string, row: ItemCalibrationRow | undefined, responses: number): boolean {
  if (flights(ctx).has(networkId)) return false;
  if (!row) return true;
  if (row.status === "running") return Date.now() - Date.parse(row.started_at) > STALE_MS;
  // A failed fit is retried once the data grew as for a refit (not on every request).
  const stamp = row.status === "failed" ? row.responses : (row.fit_responses ?? row.responses);
  return responses >= refitAt(stamp);
}

/**
 * Starts the background fit now (the setting changed to "items", or `itemRuleInUse` found one due): unless one
 * runs in this process, or another process claimed the job since the row was read (`seen`: its `started_at`,
 * null when there was none; left out, the row is read now, as when the setting changes).
 *
 * @example
 * startItemFit(ctx, networkId, await countResponses(db, networkId));
 */
export function startItemFit(ctx: Ctx, networkId: string, responses: number, seen?: string | null): void {
  const m = flights(ctx);
  if (m.has(networkId)) return;
  const job = runItemFit(ctx, networkId, responses, seen).finally(() => m.delete(networkId));
  m.set(networkId, job);
}

/**
 * Resolves when the network's background fit (if any) in this process has ended (tests, shutdown), with how
 * it ended (undefined: none was running here).
 *
 * @example
 * await itemFitSettled(ctx, networkId); // "ready"
 */
export async function itemFitSettled(ctx: Ctx, networkId: string): Promise<ItemFitOutcome | undefined> {
  return await flights(ctx).get(networkId);
}

async function runItemFit(
  ctx: Ctx,
  networkId: string,
  responses: number,
  seen: string | null | undefined,
): Promise<ItemFitOutcome> {
  const db = ctx.store.db;
  let claim: string | null;
  try {
    claim = await claimItemCalibration(db, networkId, responses, {
      seen: seen === undefined ? ((await getItemCalibration(db, networkId))?.started_at ?? null) : seen,
      staleBefore: new Date(Date.now() - STALE_MS).toISOString(),
    });
  } catch {
    // The database did not answer (or closed): nothing was claimed, a later request finds the fit due again.
    return "failed";
  }
  if (!claim) return "claimed elsewhere";
  try {
    const { dyads, form } = await itemDyads(ctx, networkId);
    if (!form)
      throw new Error(
        "no patient alliance answers with their items are stored (imported scores only): the mean statistic is used",
      );
    const out = await ctx.analysis.run({
      kind: "itemRupture",
      dyads,
      itemScale: { min: form.min, max: form.max },
    });
    const fit = JSON.parse(out.json) as ItemRuptureFit | null;
    if (!fit)
      throw new Error(
        "too few sessions with item answers for a calibrated item rule yet (at least 200 pairs of successive sessions): the mean statistic is used",
      );
    const stored = await finishItemCalibration(
      db,
      networkId,
      claim,
      JSON.stringify({ form, fit } satisfies StoredItemFit),
      responses,
    );
    // Not stored: the job ran past STALE_MS and another process took it over; its fit will be the one in use.
    return stored ? "ready" : "claimed elsewhere";
  } catch (e) {
    try {
      await failItemCalibration(db, networkId, claim, (e as Error).message);
    } catch {
      // The store closed (shutdown) while the fit ran: the row stays "running" and is redone after STALE_MS.
    }
    return "failed";
  }
}

/**
 * The network's dyads for the item fit: each session's patient alliance on the item form's own scale (the
 * item mean, as `attune feedback` reads the long CSV) with its item answers.
 *
 * @example
 * const { dyads, form } = await itemDyads(ctx, networkId);
 */
export async function itemDyads(
  ctx: Ctx,
  networkId: string,
): Promise<{ dyads: DyadHistory[]; form: AllianceItemForm | null }> {
  const eps = await EpisodeRepository.withCodes(ctx.store.db, networkId);
  const ids = eps.map((e) => e.id);
  const series = await loadSeries(ctx.store.db, ctx.instruments, ids);
  const items = await loadAllianceItems(ctx.store.db, ctx.instruments, ids);
  const form = items.form;
  if (!form) return { dyads: [], form };
  const onItemScale = (v: number | null) =>
    v === null ? null : form.min + (v / 100) * (form.max - form.min);
  // In the replay command's order (therapist, patient code): the simulated bar walks the dyads in turn.
  const ordered = [...eps].sort((x, y) => byDyadCode(x, y));
  const dyads = ordered.map((e) => ({
    therapist: e.therapist,
    patient: e.patient,
    sessions: (series.get(e.id) ?? []).map((s) => ({
      session: s.session,
      // The score as the form stores it (the items' mean); the 0–100 series is rounded to 0.1.
      alliancePatient: answeredMean(items.bySession.get(s.sessionId) ?? []) ?? onItemScale(s.alliancePatient),
      allianceTherapist: null,
      outcome: null,
      ...withItems(s, items.bySession),
    })),
  }));
  return { dyads, form };
}

/** A session's item answers as core's SessionRecord carries them (nothing when it has none). */
export function withItems(
  s: SeriesSession,
  bySession: ReadonlyMap<string, readonly (number | null)[]>,
): { items?: { alliancePatient: readonly (number | null)[] } } {
  const answers = bySession.get(s.sessionId);
  return answers ? { items: { alliancePatient: answers } } : {};
}

/**
 * The coordinator's view of the item rule: the setting, the latest fit's state and the fit in use.
 *
 * @example
 * (await itemCalibrationState(ctx, networkId)).state; // "running"
 */
export async function itemCalibrationState(ctx: Ctx, networkId: string): Promise<ItemCalibrationOut> {
  const chosen = await ruptureStatisticOf(ctx.store.db, networkId);
  const setting = chosen ?? DEFAULT_RUPTURE_STATISTIC;
  const responses = await countResponses(ctx.store.db, networkId);
  const row = setting === "items" ? await getItemCalibration(ctx.store.db, networkId) : undefined;
  const stamp = row?.fit_responses ?? null;
  return {
    setting,
    chosen: chosen !== null,
    state: setting === "mean" ? "off" : (row?.status ?? "waiting"),
    inUse: setting === "items" && !!row?.fit,
    startedAt: row?.started_at ?? null,
    finishedAt: row?.finished_at ?? null,
    error: row?.status === "failed" ? row.error : null,
    fittedAt: row?.fit ? (row.fitted_at ?? null) : null,
    fitResponses: stamp,
    responses,
    refitAt: stamp === null ? null : refitAt(stamp),
  };
}

/**
 * The calibrations a network's alerts read now: the mean statistic's, and the item rule laid over it while
 * the network uses the item rule (the dashboard's network cache holds them, feedback.ts).
 */
export interface CalibrationInUse {
  /** The network's alert calibration with the mean statistic (the same core call as `attune feedback`). */
  calibration: NetworkCalibration;
  /** The item-level rupture rule in use (stored by the background fit); absent before it was first read. */
  item?: ItemRuleInUse;
  /** `calibration` with the item rule laid over it (`withItemRupture`); null while the mean statistic is used. */
  itemCalibration: NetworkCalibration | null;
}

/**
 * What each dyad's rules read: with the stored item rule, the sessions with their item answers and the
 * calibration carrying the item rule (`withItemRupture`); a dyad whose sessions have no item answers on
 * the fitted form (imported scores only) is read with the mean statistic and its own bar (core's `ruleForDyad`).
 *
 * @example
 * const pick = await dyadRule(ctx, inUse, episodeIds);
 * const { sessions, calibration } = pick(series);
 * evaluateDyad(sessions, config, calibration);
 */
export async function dyadRule(
  ctx: Ctx,
  inUse: CalibrationInUse,
  episodeIds: readonly string[],
): Promise<
  (sessions: readonly SeriesSession[]) => { sessions: SessionRecord[]; calibration: NetworkCalibration }
> {
  const { calibration: meanCal, itemCalibration: itemCal } = inUse;
  const stored = inUse.item?.stored ?? null;
  const plain = (sessions: readonly SeriesSession[]) => ({ sessions: [...sessions], calibration: meanCal });
  if (!stored || !itemCal) return plain;
  const items = await loadAllianceItems(ctx.store.db, ctx.instruments, episodeIds);
  // The fit reads one form's items; answers of another form (the network changed forms) are not its.
  if (items.form?.url !== stored.form.url) return plain;
  // A dyad without answers (imported scores) is read with the mean statistic by core's ruleForDyad, as in
  // `attune feedback`.
  return (sessions) => ({
    sessions: sessions.map((s) => ({ ...s, ...withItems(s, items.bySession) })),
    calibration: itemCal,
  });
}
