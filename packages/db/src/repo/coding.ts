// Observer coding: the sessions a coder is assigned to, and a study's sessions with their coders, each
// with whether the coder has stored an observer response for it yet (codings are responses with rater
// "observer"; the author is the coder).
import type { Db } from "../open.ts";

/** One session as the coding pages show it: pseudonymous codes only. */
export interface CodingSession {
  sessionId: string;
  number: number;
  date: string | null;
  episodeId: string;
  patientCode: string;
  therapistCode: string;
  studyId: string | null;
  studyName: string | null;
}

/** A coder's assignment to a session, and when the coder first stored a coding of it (null: not yet). */
export interface CodingAssignment extends CodingSession {
  coderId: string;
  coderCode: string;
  codedAt: string | null;
  /** The coder's codings of the session, newest versions. */
  responses: CodingResponse[];
}

function sessionsQuery(db: Db, networkId: string) {
  return db
    .selectFrom("therapy_sessions as s")
    .innerJoin("episodes as e", "e.id", "s.episode_id")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .innerJoin("users as t", "t.id", "e.therapist_id")
    .leftJoin("studies as st", "st.id", "e.study_id")
    .select([
      "s.id as sessionId",
      "s.number as number",
      "s.date as date",
      "e.id as episodeId",
      "p.code as patientCode",
      "t.code as therapistCode",
      "e.study_id as studyId",
      "st.name as studyName",
    ])
    .where("e.network_id", "=", networkId);
}

/** A coder's coding as it stands: the newest version of a response the coder first stored. */
export interface CodingResponse {
  id: string;
  questionnaireUrl: string;
  version: number;
  submittedAt: string;
}

/**
 * Per (author, session) among `sessionIds`: when the coder first stored an observer response, and the
 * newest version of each of their codings (a correction is a new row pointing at the one it replaces).
 */
async function codingsOf(
  db: Db,
  sessionIds: string[],
): Promise<{ first: Map<string, string>; current: Map<string, CodingResponse[]> }> {
  const rows = [];
  // Chunked: PostgreSQL and SQLite both cap bound parameters per statement.
  for (let i = 0; i < sessionIds.length; i += 500)
    rows.push(
      ...(await db
        .selectFrom("responses")
        .select([
          "id",
          "author_kind",
          "author_id",
          "session_id",
          "submitted_at",
          "questionnaire_url",
          "version",
          "supersedes_id",
        ])
        .where("rater", "=", "observer")
        .where("session_id", "in", sessionIds.slice(i, i + 500))
        .execute()),
    );
  const next = new Map(rows.filter((r) => r.supersedes_id !== null).map((r) => [r.supersedes_id!, r]));
  const first = new Map<string, string>();
  const current = new Map<string, CodingResponse[]>();
  for (const r of rows) {
    if (r.author_kind !== "user" || r.supersedes_id !== null) continue;
    const k = `${r.author_id ?? ""} ${r.session_id}`;
    const prev = first.get(k);
    if (prev === undefined || r.submitted_at < prev) first.set(k, r.submitted_at);
    let last = r;
    for (let n = next.get(last.id); n; n = next.get(last.id)) last = n;
    current.set(k, [
      ...(current.get(k) ?? []),
      {
        id: last.id,
        questionnaireUrl: last.questionnaire_url,
        version: last.version,
        submittedAt: last.submitted_at,
      },
    ]);
  }
  return { first, current };
}

/**
 * Coder assignments in a network, filtered to one coder or one study, oldest session date first.
 *
 * @example
 * const mine = await listCodingAssignments(db, { networkId, coderId: me.id });
 * mine.filter((a) => a.codedAt === null); // still to code
 */
export async function listCodingAssignments(
  db: Db,
  f: { networkId: string; coderId?: string; studyId?: string },
): Promise<CodingAssignment[]> {
  let q = sessionsQuery(db, f.networkId)
    .innerJoin("coder_assignments as ca", "ca.session_id", "s.id")
    .innerJoin("users as k", "k.id", "ca.coder_id")
    .select(["ca.coder_id as coderId", "k.code as coderCode"]);
  if (f.coderId !== undefined) q = q.where("ca.coder_id", "=", f.coderId);
  if (f.studyId !== undefined) q = q.where("e.study_id", "=", f.studyId);
  const rows = await q.orderBy("p.code").orderBy("s.number").orderBy("k.code").execute();
  const { first, current } = await codingsOf(db, [...new Set(rows.map((r) => r.sessionId))]);
  return rows.map((r) => {
    const k = `${r.coderId} ${r.sessionId}`;
    return { ...r, codedAt: first.get(k) ?? null, responses: current.get(k) ?? [] };
  });
}

/**
 * Every session of a study's episodes (patient code, then number): what a coordinator may assign.
 *
 * @example
 * const sessions = await listStudySessions(db, networkId, studyId);
 */
export async function listStudySessions(
  db: Db,
  networkId: string,
  studyId: string,
): Promise<CodingSession[]> {
  return sessionsQuery(db, networkId)
    .where("e.study_id", "=", studyId)
    .orderBy("p.code")
    .orderBy("s.number")
    .execute();
}
