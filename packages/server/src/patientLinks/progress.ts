// What a patient may see of their own progress (issue 14 item 8): their own well-being (the network's
// outcome) and their own alliance ratings over the sessions of their episode, each on the form's own scale
// (a PHQ-9 as its 0–27 total, the demo forms as item means), with which way is better. Nothing else: no
// therapist rating, no alert, no other patient. The routes decide when (patientLinks/progressRoutes.ts).
import type { Db } from "@attune/db";
import { SeriesRepository } from "@attune/db";
import { ASSUMED_SCALE, SCALE_ALLIANCE, storedScaleRange } from "@attune/core";
import { stripVersion, type InstrumentCatalog } from "../instruments/catalog.ts";
import { networkOutcome } from "../dashboard/series.ts";

/** A series' scale: its ends and which way is better. */
export interface ProgressScale {
  readonly min: number;
  readonly max: number;
  readonly higherIsBetter: boolean;
}

/** One session of the patient's own series (null: no answer on that form that session). */
export interface ProgressPoint {
  readonly session: number;
  readonly date: string | null;
  readonly wellbeing: number | null;
  readonly alliance: number | null;
}

export interface PatientProgress {
  /** The network's outcome form ("wellbeing" for the demo forms, "phq9", ...). */
  readonly outcome: string;
  readonly wellbeing: ProgressScale | null;
  readonly alliance: ProgressScale | null;
  readonly sessions: ProgressPoint[];
}

type Range = { readonly min: number; readonly max: number };
type Row = Awaited<ReturnType<typeof SeriesRepository.currentScores>>[number];

/**
 * One form's score on its own scale from the rows it stored for a response: the role's subscale when the
 * form has one (stored on its own scale), else its total (the role then holds the percent of maximum),
 * else the role as stored with the range it was imported with (or ASSUMED_SCALE).
 */
function ownScale(instruments: InstrumentCatalog, rows: readonly Row[], role: string) {
  const roleRow = rows.find((r) => r.scale === role);
  if (!roleRow) return null;
  const definition = instruments.byUrl(roleRow.questionnaire_url)?.definition;
  if (definition && !definition.scoring.subscales.some((s) => s.id === role)) {
    const total = rows.find((r) => r.scale === "total");
    const range = storedScaleRange(definition, "total");
    if (total && range) return { value: Number(total.value), range };
  }
  const declared: Range | null =
    roleRow.range_min !== null && roleRow.range_max !== null
      ? { min: Number(roleRow.range_min), max: Number(roleRow.range_max) }
      : null;
  const range = declared ?? (definition && storedScaleRange(definition, role)) ?? ASSUMED_SCALE;
  return { value: Number(roleRow.value), range };
}

/** Rescales `v` from `from` onto `to` (a form changed scale mid-episode; rare, but not to be misdrawn). */
const onto = (v: number, from: Range, to: Range) =>
  from.min === to.min && from.max === to.max
    ? v
    : to.min + ((v - from.min) / (from.max - from.min)) * (to.max - to.min);

/**
 * The patient's own series for an episode: sessions in order, each with their well-being and alliance on
 * the scale of the latest form that gave it.
 *
 * @example
 * const p = await patientProgress(db, instruments, link.network_id, link.episode_id);
 * p.sessions.map((s) => s.wellbeing); // [2.4, 3.1, 3.8]
 */
export async function patientProgress(
  db: Db,
  instruments: InstrumentCatalog,
  networkId: string,
  episodeId: string,
): Promise<PatientProgress> {
  const outcome = await networkOutcome(db, instruments, networkId);
  const sessions = await SeriesRepository.sessionsOf(db, [episodeId]);
  const rows = (
    await SeriesRepository.currentScores(db, [episodeId], [SCALE_ALLIANCE, outcome.scale, "total"])
  ).filter((r) => r.rater === "patient");
  const outcomeUrl = outcome.url === null ? null : stripVersion(outcome.url);
  // One response per session and form: its rows together (the total belongs to its own form).
  const byForm = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${r.session_id}\u0000${stripVersion(r.questionnaire_url)}`;
    const list = byForm.get(key);
    if (list) list.push(r);
    else byForm.set(key, [r]);
  }
  const found = new Map<
    string,
    { wb?: { value: number; range: Range }; al?: { value: number; range: Range } }
  >();
  for (const [key, list] of byForm) {
    const sessionId = key.slice(0, key.indexOf("\u0000"));
    const url = key.slice(key.indexOf("\u0000") + 1);
    const v = found.get(sessionId) ?? {};
    found.set(sessionId, v);
    const al = ownScale(instruments, list, SCALE_ALLIANCE);
    if (al && !v.al) v.al = al;
    if (outcomeUrl === null || url === outcomeUrl) {
      const wb = ownScale(instruments, list, outcome.scale);
      if (wb && !v.wb) v.wb = wb;
    }
  }
  const ordered = sessions.map((s) => ({ s, v: found.get(s.id) }));
  const last = <K extends "wb" | "al">(k: K) =>
    ordered
      .map((o) => o.v?.[k]?.range)
      .filter((r) => r)
      .at(-1);
  const wbRange = last("wb");
  const alRange = last("al");
  return {
    outcome: outcome.id,
    wellbeing: wbRange ? { ...wbRange, higherIsBetter: outcome.higherIsBetter } : null,
    alliance: alRange ? { ...alRange, higherIsBetter: true } : null,
    sessions: ordered.map(({ s, v }) => ({
      session: Number(s.number),
      date: s.date ?? null,
      wellbeing: v?.wb && wbRange ? onto(v.wb.value, v.wb.range, wbRange) : null,
      alliance: v?.al && alRange ? onto(v.al.value, v.al.range, alRange) : null,
    })),
  };
}
