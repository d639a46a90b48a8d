// The tidy long table the analysis recipes read: one row per patient × session, pseudonymised codes.
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
}

export const LONG_COLUMNS: readonly (keyof LongRow)[] = [
  "therapist",
  "patient",
  "session",
  "condition",
  "alliance_patient",
  "alliance_therapist",
  "wellbeing",
];

/** Scale names that feed the long table: alliance (rated by patient and by therapist) and wellbeing. */
export const SCALE_ALLIANCE = "alliance";
export const SCALE_WELLBEING = "wellbeing";

export async function longRows(db: Db, f: { networkId: string; studyId?: string }): Promise<LongRow[]> {
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
    ])
    .where("e.network_id", "=", f.networkId);
  if (f.studyId) q = q.where("e.study_id", "=", f.studyId);
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
    };
  });
}
