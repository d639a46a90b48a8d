// Stored FHIR Questionnaires (the forms a network uses), one row per (url, version).
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { QuestionnaireRow } from "../schema.ts";

export interface QuestionnaireInput {
  id?: string;
  url: string;
  version: string;
  title: string;
  status: string;
  resource: Record<string, unknown>;
}

/** The stored row of a (url, version), if any. */
function findVersion(db: Db, url: string, version: string): Promise<QuestionnaireRow | undefined> {
  return db
    .selectFrom("questionnaires")
    .selectAll()
    .where("url", "=", url)
    .where("version", "=", version)
    .executeTakeFirst();
}

/**
 * Stores the questionnaire unless that (url, version) is already there; returns the stored row.
 *
 * @example
 * const row = await putQuestionnaire(db, { url, version: "1", title: "PHQ-9", status: "active", resource });
 */
export async function putQuestionnaire(db: Db, q: QuestionnaireInput): Promise<QuestionnaireRow> {
  const found = await findVersion(db, q.url, q.version);
  if (found) return found;
  const id = q.id ?? newId();
  const row: QuestionnaireRow = {
    id,
    url: q.url,
    version: q.version,
    title: q.title,
    status: q.status,
    resource: JSON.stringify({ ...q.resource, id }),
    created_at: nowIso(),
  };
  // Two processes starting at once on a fresh database both find nothing and insert the same form:
  // the later insert does nothing, and both return the row that was stored.
  await db
    .insertInto("questionnaires")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
  const stored = await findVersion(db, q.url, q.version);
  if (!stored)
    throw new Error(`Questionnaire id "${id}" is already used by another form than ${q.url}|${q.version}`);
  return stored;
}

export async function getQuestionnaire(db: Db, id: string): Promise<QuestionnaireRow | undefined> {
  return db.selectFrom("questionnaires").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function searchQuestionnaires(
  db: Db,
  f: { url?: string; title?: string; status?: string },
): Promise<QuestionnaireRow[]> {
  let q = db.selectFrom("questionnaires").selectAll();
  if (f.url) q = q.where("url", "=", f.url);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.title) q = q.where("title", "like", `%${f.title.replace(/[%_\\]/g, "")}%`);
  return q.orderBy("url").orderBy("version").execute();
}
