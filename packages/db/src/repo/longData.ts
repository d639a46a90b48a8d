// The tidy long table the analysis recipes read: one row per patient × session, pseudonymised codes.
import { sql } from "kysely";
import type { Db } from "../open.ts";
import { listResponses, scoresOf } from "./responses.ts";

export interface LongRow {
  therapist: string;
  patient: string;
  session: number;
  condition: string;
  alliance_patient: number | null;
  alliance_therapist: number | null;
  wellbeing: number | null;
  /** How the session was held ("in person", "video", "phone"), null when not recorded (migration 070). */
  modality: string | null;
  /** Why the patient's episode ended (completed, dropout, referred, other), null while open; on every row. */
  end_reason: string | null;
}

export const LONG_COLUMNS: readonly (keyof LongRow)[] = [
  "therapist",
  "patient",
  "session",
  "condition",
  "alliance_patient",
  "alliance_therapist",
  "wellbeing",
  "modality",
  "end_reason",
];

/** Scale names that feed the long table: alliance (rated by patient and by therapist) and wellbeing. */
export const SCALE_ALLIANCE = "alliance";
export const SCALE_WELLBEING = "wellbeing";

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
  const bySession = new Map<string, { ap?: number; at?: number; wb?: number }>();
  for (const r of responses) {
    const sc = byResponse.get(r.id);
    if (!sc) continue;
    let v = bySession.get(r.session_id);
    if (!v) bySession.set(r.session_id, (v = {}));
    const alliance = sc.get(SCALE_ALLIANCE);
    const wellbeing = sc.get(SCALE_WELLBEING);
    if (alliance !== undefined && r.rater === "patient") v.ap = alliance;
    if (alliance !== undefined && r.rater === "therapist") v.at = alliance;
    if (wellbeing !== undefined && r.rater === "patient") v.wb = wellbeing;
  }
  return sessions.map((s) => {
    const v = bySession.get(s.session_id) ?? {};
    return {
      therapist: s.therapist,
      patient: s.patient,
      session: Number(s.number),
      condition: s.condition ?? "",
      alliance_patient: v.ap ?? null,
      alliance_therapist: v.at ?? null,
      wellbeing: v.wb ?? null,
      modality: s.modality ?? null,
      end_reason: s.end_reason ?? null,
    };
  });
}
