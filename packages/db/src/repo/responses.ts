// Questionnaire responses: append-only. A correction is a new row (version n+1) pointing at version n.
import { inChunks } from "./inChunks.ts";
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { Rater, ResponseRow, Score } from "../schema.ts";

export interface NewResponseInput {
  networkId: string;
  patientId: string;
  episodeId: string;
  sessionId: string;
  questionnaireUrl: string;
  rater: Rater;
  authorKind: "link" | "user" | "import";
  authorId: string | null;
  /** FHIR QuestionnaireResponse (its `id` is set to the row id before storing). */
  resource: Record<string, unknown>;
  scores: Record<string, number>;
  /** Declared ranges of scores that are not on their instrument's own scale (imports), by scale. */
  scoreRanges?: Record<string, { min: number; max: number }>;
  /** Preassigned id (default: a new one). */
  id?: string;
}

function toRow(
  r: NewResponseInput,
  version: number,
  supersedes: string | null,
  submitted: string,
): ResponseRow {
  const id = r.id ?? newId();
  const resource = { ...r.resource, id, meta: { versionId: String(version), lastUpdated: submitted } };
  return {
    id,
    network_id: r.networkId,
    patient_id: r.patientId,
    episode_id: r.episodeId,
    session_id: r.sessionId,
    questionnaire_url: r.questionnaireUrl,
    rater: r.rater,
    author_kind: r.authorKind,
    author_id: r.authorId,
    version,
    supersedes_id: supersedes,
    resource: JSON.stringify(resource),
    submitted_at: submitted,
  };
}

async function insert(
  db: Db,
  inputs: { r: NewResponseInput; version: number; supersedes: string | null }[],
): Promise<ResponseRow[]> {
  if (inputs.length === 0) return [];
  const submitted = nowIso();
  const rows = inputs.map((x) => toRow(x.r, x.version, x.supersedes, submitted));
  await db.insertInto("responses").values(rows).execute();
  const scores = inputs.flatMap((x, i) =>
    Object.entries(x.r.scores)
      .filter(([, v]) => Number.isFinite(v))
      .map(([scale, value]) => {
        const range = x.r.scoreRanges?.[scale];
        return {
          response_id: rows[i]!.id,
          scale,
          value,
          ...(range ? { range_min: range.min, range_max: range.max } : {}),
        };
      }),
  );
  if (scores.length > 0) await db.insertInto("scores").values(scores).execute();
  return rows;
}

export async function appendResponse(db: Db, r: NewResponseInput): Promise<ResponseRow> {
  return (await insert(db, [{ r, version: 1, supersedes: null }]))[0]!;
}

/** Several first versions in one statement (one patient submission carries a few forms). */
export async function appendResponses(db: Db, rs: NewResponseInput[]): Promise<ResponseRow[]> {
  return insert(
    db,
    rs.map((r) => ({ r, version: 1, supersedes: null })),
  );
}

/**
 * Stores a correction of `previousId`. Only the newest version can be corrected (the unique
 * supersedes_id makes a second correction of the same version fail in the database too).
 */
export async function correctResponse(db: Db, previousId: string, r: NewResponseInput): Promise<ResponseRow> {
  const prev = await getResponse(db, previousId);
  if (!prev) throw new Error(`no response ${previousId}`);
  const newer = await db
    .selectFrom("responses")
    .select("id")
    .where("supersedes_id", "=", previousId)
    .executeTakeFirst();
  if (newer) throw new Error(`response ${previousId} was already corrected by ${newer.id}`);
  const [row] = await insert(db, [
    {
      r: { ...r, rater: prev.rater, questionnaireUrl: prev.questionnaire_url },
      version: prev.version + 1,
      supersedes: prev.id,
    },
  ]);
  return row!;
}

export async function getResponse(db: Db, id: string): Promise<ResponseRow | undefined> {
  return db.selectFrom("responses").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface ResponseFilter {
  networkId: string;
  patientId?: string;
  episodeId?: string;
  sessionId?: string;
  therapistId?: string;
  studyId?: string;
  questionnaireUrl?: string;
  /** Only the newest version of each response chain (default true). */
  latestOnly?: boolean;
  limit?: number;
}

export async function listResponses(db: Db, f: ResponseFilter): Promise<ResponseRow[]> {
  let q = db.selectFrom("responses").selectAll("responses").where("responses.network_id", "=", f.networkId);
  if (f.patientId) q = q.where("responses.patient_id", "=", f.patientId);
  if (f.episodeId) q = q.where("responses.episode_id", "=", f.episodeId);
  if (f.sessionId) q = q.where("responses.session_id", "=", f.sessionId);
  if (f.questionnaireUrl) q = q.where("responses.questionnaire_url", "=", f.questionnaireUrl);
  if (f.therapistId || f.studyId) {
    q = q.where((eb) => {
      let sub = eb
        .selectFrom("episodes")
        .select("episodes.id")
        .whereRef("episodes.id", "=", "responses.episode_id");
      if (f.therapistId) sub = sub.where("episodes.therapist_id", "=", f.therapistId);
      if (f.studyId) sub = sub.where("episodes.study_id", "=", f.studyId);
      return eb.exists(sub);
    });
  }
  if (f.latestOnly !== false)
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("responses as newer")
            .select("newer.id")
            .whereRef("newer.supersedes_id", "=", "responses.id"),
        ),
      ),
    );
  q = q.orderBy("responses.id");
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}

export async function scoresOf(db: Db, responseIds: string[]): Promise<Score[]> {
  if (responseIds.length === 0) return [];
  return inChunks(
    responseIds,
    (slice) => db.selectFrom("scores").selectAll().where("response_id", "in", slice).execute(),
    500,
  );
}

export async function countResponses(db: Db, networkId?: string): Promise<number> {
  let q = db.selectFrom("responses").select((eb) => eb.fn.countAll<number | string>().as("n"));
  if (networkId) q = q.where("network_id", "=", networkId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}
