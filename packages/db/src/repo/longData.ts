// The tidy long table the analysis recipes read: one row per patient × session, pseudonymised codes.
import { sql } from "kysely";
import type { Db } from "../open.ts";
import { SCORE_COLUMNS, type ScoreColumnName } from "@attune/core/records";
import { listResponses, scoresOf } from "./responses.ts";

/** One row of the long table: its key columns and one value per score column (core's SCORE_COLUMNS). */
export type LongRow = {
  therapist: string;
  patient: string;
  session: number;
  condition: string;
  /** How the session was held ("in person", "video", "phone"), null when not recorded (migration 070). */
  modality: string | null;
  /** Why the patient's episode ended (completed, dropout, referred, other), null while open; on every row. */
  end_reason: string | null;
} & { [C in ScoreColumnName]: number | null };

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
}

function sessionQuery(db: Db, f: LongFilter) {
  let q = db
    .selectFrom("therapy_sessions as s")
    .innerJoin("episodes as e", "e.id", "s.episode_id")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .innerJoin("users as t", "t.id", "e.therapist_id")
    .leftJoin("arms as a", "a.id", "e.arm_id")
    .select([
      "s.id as session_id",
      "s.number",
      "p.code as patient",
      "t.code as therapist",
      "a.code as condition",
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
  const bySession = new Map<string, Partial<Record<ScoreColumnName, number>>>();
  for (const r of responses) {
    const sc = byResponse.get(r.id);
    if (!sc) continue;
    let v = bySession.get(r.session_id);
    if (!v) bySession.set(r.session_id, (v = {}));
    for (const c of SCORE_COLUMNS) {
      const value = c.rater === r.rater ? sc.get(c.scale) : undefined;
      if (value !== undefined) v[c.column] = value;
    }
  }
  return sessions.map((s) => {
    const v = bySession.get(s.session_id) ?? {};
    const scores = Object.fromEntries(SCORE_COLUMNS.map((c) => [c.column, v[c.column] ?? null])) as {
      [C in ScoreColumnName]: number | null;
    };
    return {
      therapist: s.therapist,
      patient: s.patient,
      session: Number(s.number),
      condition: s.condition ?? "",
      ...scores,
      modality: s.modality ?? null,
      end_reason: s.end_reason ?? null,
    };
  });
}
