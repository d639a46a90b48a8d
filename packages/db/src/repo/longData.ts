// The tidy long table the analysis recipes read: one row per patient × session, pseudonymised codes.
import { sql } from "kysely";
import type { Db } from "../open.ts";
import { FORM_COLUMNS, SCORE_COLUMNS, type ScoreColumnName } from "@attune/core/records";
import { totalsSourceUrl } from "@attune/core";
import { listResponses, scoresOf } from "./responses.ts";
import { patientArms, spreadArm } from "./patientArmSpread.ts";

/** One row of the long table: its key columns and one value per score column (core's SCORE_COLUMNS). */
export type LongRow = {
  therapist: string;
  patient: string;
  session: number;
  condition: string;
  /** The patient's site (else their therapist's), by name; null when neither has one. */
  site: string | null;
  /** How the session was held ("in person", "video", "phone"), null when not recorded (migration 070). */
  modality: string | null;
  /** Why the patient's episode ended (completed, dropout, referred, other), null while open; on every row. */
  end_reason: string | null;
} & { [C in ScoreColumnName]: number | null } & {
  /** One value per scored form's column (core's FORM_COLUMNS: phq9, gad7, …), null when not answered. */
  [formColumn: string]: string | number | null;
};

/** Which rows: a network, optionally one study, a session date range (inclusive, YYYY-MM-DD) and arms. */
export interface LongFilter {
  networkId: string;
  studyId?: string;
  /** First session date included (sessions without a date count by the day they were recorded). */
  from?: string;
  /** Last session date included. */
  to?: string;
  /** Arm codes included (episodes without an arm are then excluded). */
  arms?: readonly string[];
  /**
   * Whose arms the condition column shows when no study is chosen: a study's id (its episodes' arms;
   * other episodes have none, except that a study randomising patients gives each patient's arm to
   * their episodes outside it that started on or after their first in it: patientArmSpread.ts), null
   * for none, undefined for each episode's own study's arm.
   */
  armsFrom?: string | null;
}

/**
 * Marks an episode of a patient who has more than one in the rows: "P7#2" is P7's second episode (by
 * start). `#` is outside the code alphabet, so the mark can never be read as another patient's code.
 */
export const EPISODE_MARK = "#";

/**
 * The patient's code of a long-table patient cell (drops the episode mark).
 *
 * @example
 * patientCodeOfCell("P7#2"); // "P7"
 */
export function patientCodeOfCell(cell: string): string {
  const i = cell.indexOf(EPISODE_MARK);
  return i < 0 ? cell : cell.slice(0, i);
}

function sessionQuery(db: Db, f: LongFilter) {
  let q = db
    .selectFrom("therapy_sessions as s")
    .innerJoin("episodes as e", "e.id", "s.episode_id")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .innerJoin("users as t", "t.id", "e.therapist_id")
    .leftJoin("arms as a", (j) => {
      const on = j.onRef("a.id", "=", "e.arm_id");
      // Within a study, or with each episode's own arm, the episode's arm; otherwise the chosen study's.
      if (f.studyId || f.armsFrom === undefined) return on;
      return f.armsFrom === null ? on.on(sql<boolean>`1 = 0`) : on.on("e.study_id", "=", f.armsFrom);
    })
    .leftJoin("sites as ps", "ps.id", "p.site_id")
    .leftJoin("sites as ts", "ts.id", "t.site_id")
    .select([
      "s.id as session_id",
      "e.id as episode_id",
      "e.started_at as episode_started",
      "p.id as patient_id",
      "s.number",
      "p.code as patient",
      "t.code as therapist",
      "a.code as condition",
      "ps.name as patient_site",
      "ts.name as therapist_site",
      "s.modality",
      "e.end_reason",
    ])
    .where("e.network_id", "=", f.networkId);
  if (f.studyId) q = q.where("e.study_id", "=", f.studyId);
  const day = sql<string>`substr(coalesce(s.date, s.created_at), 1, 10)`;
  if (f.from) q = q.where(day, ">=", f.from);
  if (f.to) q = q.where(day, "<=", f.to);
  if (f.arms) q = f.arms.length ? q.where("a.code", "in", [...f.arms]) : q.where(sql<boolean>`1 = 0`);
  return q;
}

/** The ids of the sessions a filter selects. */
export async function selectedSessionIds(db: Db, f: LongFilter): Promise<Set<string>> {
  const rows = await sessionQuery(db, f).execute();
  return new Set(rows.map((r) => r.session_id));
}

export async function longRows(db: Db, f: LongFilter): Promise<LongRow[]> {
  const q = sessionQuery(db, f);
  const sessions = await q.orderBy("t.code").orderBy("p.code").orderBy("s.number").execute();
  const spread = !f.studyId && f.armsFrom ? await patientArms(db, f.armsFrom) : null;
  const responses = await listResponses(db, { networkId: f.networkId, studyId: f.studyId, latestOnly: true });
  const scores = await scoresOf(
    db,
    responses.map((r) => r.id),
  );
  const byResponse = new Map<string, Map<string, number>>();
  for (const s of scores) {
    let m = byResponse.get(s.response_id);
    if (!m) byResponse.set(s.response_id, (m = new Map()));
    m.set(s.scale, s.value);
  }
  const bySession = new Map<string, Record<string, number>>();
  for (const r of responses) {
    const sc = byResponse.get(r.id);
    if (!sc) continue;
    let v = bySession.get(r.session_id);
    if (!v) bySession.set(r.session_id, (v = {}));
    for (const c of SCORE_COLUMNS) {
      const value = c.rater === r.rater ? sc.get(c.scale) : undefined;
      if (value !== undefined) v[c.column] = value;
    }
    // A scored form's columns: its own stored scores (by the form's address, or its imported-totals
    // carrier's: the importer stores a total only where the form has no answers), whoever the rater.
    const form = totalsSourceUrl(r.questionnaire_url);
    for (const c of FORM_COLUMNS) {
      const value = c.url === form ? sc.get(c.score) : undefined;
      if (value !== undefined) v[c.column] = value;
    }
  }
  // A patient with several episodes in the rows: each episode is its own course (P7#1, P7#2, by start).
  const episodesOf = new Map<string, Map<string, string>>();
  for (const s of sessions) {
    const m = episodesOf.get(s.patient) ?? new Map<string, string>();
    m.set(s.episode_id, `${s.episode_started} ${s.episode_id}`);
    episodesOf.set(s.patient, m);
  }
  const cellOf = new Map<string, string>();
  for (const [code, eps] of episodesOf) {
    if (eps.size < 2) continue;
    [...eps]
      .sort((a, b) => (a[1] < b[1] ? -1 : 1))
      .forEach(([id], k) => cellOf.set(id, `${code}${EPISODE_MARK}${k + 1}`));
  }
  return sessions.map((s) => {
    const v = bySession.get(s.session_id) ?? {};
    const scores = Object.fromEntries(SCORE_COLUMNS.map((c) => [c.column, v[c.column] ?? null])) as {
      [C in ScoreColumnName]: number | null;
    };
    const forms = Object.fromEntries(FORM_COLUMNS.map((c) => [c.column, v[c.column] ?? null]));
    return {
      therapist: s.therapist,
      patient: cellOf.get(s.episode_id) ?? s.patient,
      session: Number(s.number),
      condition: s.condition ?? (spread && spreadArm(spread, s.patient_id, s.episode_started)) ?? "",
      site: s.patient_site ?? s.therapist_site ?? null,
      ...scores,
      ...forms,
      modality: s.modality ?? null,
      end_reason: s.end_reason ?? null,
    };
  });
}
