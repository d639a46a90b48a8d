// The tidy long table the analysis recipes read: one row per patient × session, pseudonymised codes.
import { sql } from "kysely";
import type { Db } from "../open.ts";
import { FORM_COLUMNS, SCORE_COLUMNS, type ScoreColumnName } from "@attune/core/records";
import { totalsSourceUrl } from "@attune/core";
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

/**
 * Rows of JS work between yields to the event loop while a large network's table is built: its ~50k
 * scores and ~15k rows would otherwise hold the API's main thread for 100 ms or more (the analysis
 * worker test bounds /healthz at 200 ms during a run on PostgreSQL, under load).
 */
const SLICE = 1000;
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The scores of a filter's latest responses (none superseded), one row per stored score, by response id:
 * what the long table reads of each response, without its resource text (one query instead of one per
 * 500 responses, and no FHIR JSON to decode and collect).
 */
function latestScores(db: Db, f: LongFilter) {
  let q = db
    .selectFrom("responses as r")
    .innerJoin("scores as sc", "sc.response_id", "r.id")
    .select(["r.session_id", "r.rater", "r.questionnaire_url", "sc.scale", "sc.value"])
    .where("r.network_id", "=", f.networkId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("responses as newer").select("newer.id").whereRef("newer.supersedes_id", "=", "r.id"),
        ),
      ),
    );
  const studyId = f.studyId;
  if (studyId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("episodes")
          .select("episodes.id")
          .whereRef("episodes.id", "=", "r.episode_id")
          .where("episodes.study_id", "=", studyId),
      ),
    );
  return q.orderBy("r.id").execute();
}

/**
 * Which long-table columns one stored score fills: the rater's scale column (SCORE_COLUMNS) and the form's
 * own score column (FORM_COLUMNS, by the form's address or its imported-totals carrier's), memoised by
 * rater, form and scale since a network has few of each.
 */
function columnsOfScore(): (rater: string, url: string, scale: string) => readonly string[] {
  const memo = new Map<string, readonly string[]>();
  return (rater, url, scale) => {
    const key = `${rater}\u0000${url}\u0000${scale}`;
    let columns = memo.get(key);
    if (columns === undefined) {
      const form = totalsSourceUrl(url);
      columns = [
        ...SCORE_COLUMNS.filter((c) => c.rater === rater && c.scale === scale).map((c) => c.column),
        ...FORM_COLUMNS.filter((c) => c.url === form && c.score === scale).map((c) => c.column),
      ];
      memo.set(key, columns);
    }
    return columns;
  };
}

/**
 * The long table of a filter's sessions, ordered by therapist, patient and session.
 *
 * @example
 * const rows = await longRows(store.db, { networkId });
 * rows[0]; // { therapist: "T1", patient: "P1", session: 1, condition: "", alliance_patient: 5.2, … }
 */
export async function longRows(db: Db, f: LongFilter): Promise<LongRow[]> {
  const q = sessionQuery(db, f);
  const sessions = await q.orderBy("t.code").orderBy("p.code").orderBy("s.number").execute();
  const spread = !f.studyId && f.armsFrom ? await patientArms(db, f.armsFrom) : null;
  const scores = await latestScores(db, f);
  // Later responses (by id) overwrite earlier ones' columns, as when each response was read in turn. A
  // scored form's columns hold its own stored scores whoever the rater (the importer stores a total on
  // the form's imported-totals carrier only where the form has no answers).
  const columnsOf = columnsOfScore();
  const bySession = new Map<string, Record<string, number>>();
  for (let i = 0; i < scores.length; i++) {
    if (i % SLICE === SLICE - 1) await breathe();
    const s = scores[i]!;
    const columns = columnsOf(s.rater, s.questionnaire_url, s.scale);
    if (columns.length === 0) continue;
    let v = bySession.get(s.session_id);
    if (!v) bySession.set(s.session_id, (v = {}));
    for (const column of columns) v[column] = s.value;
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
  const out: LongRow[] = [];
  for (let i = 0; i < sessions.length; i++) {
    if (i % SLICE === SLICE - 1) await breathe();
    const s = sessions[i]!;
    const v = bySession.get(s.session_id) ?? {};
    // Built key by key in file order (keys, scores, forms, facts), without intermediate objects.
    const row: Record<string, string | number | null> = {
      therapist: s.therapist,
      patient: cellOf.get(s.episode_id) ?? s.patient,
      session: Number(s.number),
      condition: s.condition ?? (spread && spreadArm(spread, s.patient_id, s.episode_started)) ?? "",
      site: s.patient_site ?? s.therapist_site ?? null,
    };
    for (const c of SCORE_COLUMNS) row[c.column] = v[c.column] ?? null;
    for (const c of FORM_COLUMNS) row[c.column] = v[c.column] ?? null;
    row["modality"] = s.modality ?? null;
    row["end_reason"] = s.end_reason ?? null;
    out.push(row as LongRow);
  }
  return out;
}
