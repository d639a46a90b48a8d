// Therapist-level data: the attributes a network declares, each therapist's values, the questionnaires
// a therapist answers once and their answers — and the therapist-level columns the analysis table gets
// from them (one value per therapist, repeated on each of their patients' rows).
import type { TherapistAttributeDef } from "@attune/core";
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { TherapistAttribute, TherapistResponse } from "../schema.ts";

/** A stored declaration as core's contract reads it, with its id. */
export interface StoredAttribute extends Omit<TherapistAttributeDef, "levels"> {
  id: string;
  levels?: string[];
}

const defOf = (r: TherapistAttribute): StoredAttribute => ({
  id: r.id,
  code: r.code,
  label: r.label,
  kind: r.kind,
  ...(r.levels ? { levels: JSON.parse(r.levels) as string[] } : {}),
});

/**
 * Declares an attribute (checked by the caller with core's `attributeDefProblem`).
 *
 * @example
 * await defineAttribute(db, { networkId, code: "years_practice", label: "Years of practice", kind: "numeric", by: userId });
 */
export async function defineAttribute(
  db: Db,
  a: TherapistAttributeDef & { networkId: string; by: string },
): Promise<StoredAttribute> {
  const row: TherapistAttribute = {
    id: newId(),
    network_id: a.networkId,
    code: a.code,
    label: a.label,
    kind: a.kind,
    levels: a.kind === "categorical" ? JSON.stringify(a.levels ?? []) : null,
    created_by: a.by,
    created_at: nowIso(),
  };
  await db.insertInto("therapist_attributes").values(row).execute();
  return defOf(row);
}

/**
 * The network's attributes, in the order they were declared.
 *
 * @example
 * (await listAttributes(db, networkId)).map((a) => a.code); // ["years_practice", "orientation"]
 */
export async function listAttributes(db: Db, networkId: string): Promise<StoredAttribute[]> {
  const rows = await db
    .selectFrom("therapist_attributes")
    .selectAll()
    .where("network_id", "=", networkId)
    .orderBy("id")
    .execute();
  return rows.map(defOf);
}

/**
 * Sets (or, with null, removes) a therapist's values; values are already checked with core's
 * `attributeValue`. Run it in a transaction with the audit entry.
 *
 * @example
 * await setAttributeValues(db, { therapistId, values: [{ attributeId, value: "12" }], source: "entered", by: userId });
 */
export async function setAttributeValues(
  db: Db,
  s: {
    therapistId: string;
    values: readonly { attributeId: string; value: string | null }[];
    source: "entered" | "import";
    by: string;
  },
): Promise<void> {
  const at = nowIso();
  for (const v of s.values) {
    if (v.value === null) {
      await db
        .deleteFrom("therapist_attribute_values")
        .where("therapist_id", "=", s.therapistId)
        .where("attribute_id", "=", v.attributeId)
        .execute();
      continue;
    }
    const row = {
      therapist_id: s.therapistId,
      attribute_id: v.attributeId,
      value: v.value,
      source: s.source,
      entered_by: s.by,
      entered_at: at,
    };
    await db
      .insertInto("therapist_attribute_values")
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(["therapist_id", "attribute_id"])
          .doUpdateSet({ value: row.value, source: s.source, entered_by: s.by, entered_at: at }),
      )
      .execute();
  }
}

/**
 * Every stored value of the network's therapists (or of one therapist).
 *
 * @example
 * await attributeValues(db, networkId); // [{ therapist_id, therapist_code: "T1", code: "years_practice", value: "12", ... }]
 */
export async function attributeValues(db: Db, networkId: string, therapistId?: string) {
  let q = db
    .selectFrom("therapist_attribute_values as v")
    .innerJoin("therapist_attributes as a", "a.id", "v.attribute_id")
    .innerJoin("users as t", "t.id", "v.therapist_id")
    .select([
      "v.therapist_id",
      "t.code as therapist_code",
      "a.code",
      "v.value",
      "v.source",
      "v.entered_by",
      "v.entered_at",
    ])
    .where("a.network_id", "=", networkId);
  if (therapistId) q = q.where("v.therapist_id", "=", therapistId);
  return q.orderBy("t.code").orderBy("a.id").execute();
}

/**
 * Declares a questionnaire every therapist answers once, at enrolment.
 *
 * @example
 * await declareTherapistQuestionnaire(db, { networkId, questionnaireUrl: url, by: userId });
 */
export async function declareTherapistQuestionnaire(
  db: Db,
  d: { networkId: string; questionnaireUrl: string; by: string },
): Promise<void> {
  await db
    .insertInto("therapist_questionnaires")
    .values({
      id: newId(),
      network_id: d.networkId,
      questionnaire_url: d.questionnaireUrl,
      timing: "enrolment",
      created_by: d.by,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(["network_id", "questionnaire_url"]).doNothing())
    .execute();
}

/**
 * The network's once-only therapist questionnaires (urls), oldest first.
 *
 * @example
 * await listTherapistQuestionnaires(db, networkId); // ["https://.../Questionnaire/therapist-background"]
 */
export async function listTherapistQuestionnaires(db: Db, networkId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("therapist_questionnaires")
    .select("questionnaire_url")
    .where("network_id", "=", networkId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.questionnaire_url);
}

/**
 * Stores a therapist's answer to a once-only questionnaire; false if one is already stored (answers are
 * never overwritten).
 *
 * @example
 * await recordTherapistResponse(db, { networkId, therapistId, questionnaireUrl, resource, scores: { total: 3 }, authorId });
 */
export async function recordTherapistResponse(
  db: Db,
  r: {
    networkId: string;
    therapistId: string;
    questionnaireUrl: string;
    resource: unknown;
    scores: Record<string, number>;
    authorId: string;
  },
): Promise<TherapistResponse | null> {
  const row: TherapistResponse = {
    id: newId(),
    network_id: r.networkId,
    therapist_id: r.therapistId,
    questionnaire_url: r.questionnaireUrl,
    resource: JSON.stringify(r.resource),
    scores: JSON.stringify(r.scores),
    author_id: r.authorId,
    submitted_at: nowIso(),
  };
  const res = await db
    .insertInto("therapist_responses")
    .values(row)
    .onConflict((oc) => oc.columns(["therapist_id", "questionnaire_url"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1 ? row : null;
}

/**
 * The stored answers to once-only questionnaires (of the network, or of one therapist).
 *
 * @example
 * await listTherapistResponses(db, networkId, therapistId);
 */
export async function listTherapistResponses(
  db: Db,
  networkId: string,
  therapistId?: string,
): Promise<(TherapistResponse & { therapist_code: string })[]> {
  let q = db
    .selectFrom("therapist_responses as r")
    .innerJoin("users as t", "t.id", "r.therapist_id")
    .selectAll("r")
    .select("t.code as therapist_code")
    .where("r.network_id", "=", networkId);
  if (therapistId) q = q.where("r.therapist_id", "=", therapistId);
  return q.orderBy("r.id").execute();
}

/** The therapist-level columns of the analysis table: names in order, and each therapist's cells. */
export interface TherapistColumns {
  columns: string[];
  /** Therapist code → column → value (text; empty when the therapist has none). */
  byTherapist: Map<string, Map<string, string>>;
}

/**
 * The therapist-level columns of a network: each declared attribute (its code), then each scale of each
 * once-only questionnaire as `<questionnaire id>_<scale>` (e.g. `therapist_background_total`).
 *
 * @example
 * const { columns, byTherapist } = await therapistColumns(db, networkId);
 * byTherapist.get("T1")?.get("years_practice"); // "12"
 */
export async function therapistColumns(db: Db, networkId: string): Promise<TherapistColumns> {
  const defs = await listAttributes(db, networkId);
  const columns = defs.map((d) => d.code);
  const byTherapist = new Map<string, Map<string, string>>();
  const put = (t: string, col: string, v: string) => {
    let m = byTherapist.get(t);
    if (!m) byTherapist.set(t, (m = new Map()));
    m.set(col, v);
  };
  for (const v of await attributeValues(db, networkId)) put(v.therapist_code, v.code, v.value);
  const scoreColumns = new Set<string>();
  for (const r of await listTherapistResponses(db, networkId)) {
    const stem = questionnaireStem(r.questionnaire_url);
    for (const [scale, value] of Object.entries(JSON.parse(r.scores) as Record<string, number>)) {
      const col = `${stem}_${scale.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;
      scoreColumns.add(col);
      put(r.therapist_code, col, String(value));
    }
  }
  for (const c of [...scoreColumns].sort()) if (!columns.includes(c)) columns.push(c);
  return { columns, byTherapist };
}

/** `https://.../Questionnaire/therapist-background|1.0` → `therapist_background`. */
function questionnaireStem(url: string): string {
  const id = (url.split("|")[0] ?? url).split("/").at(-1) ?? "form";
  return (
    id
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "form"
  );
}

/**
 * Adds the network's therapist-level columns to long rows (after the long table's own columns), each
 * therapist's value repeated on every row of theirs, empty where they have none.
 *
 * @example
 * const { columns, rows: wide } = await withTherapistColumns(db, networkId, LONG_COLUMNS, rows);
 * columns.at(-1); // "years_practice"
 */
export async function withTherapistColumns<R extends { therapist: string }>(
  db: Db,
  networkId: string,
  longColumns: readonly string[],
  rows: readonly R[],
): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const tc = await therapistColumns(db, networkId);
  const extra = tc.columns.filter((c) => !longColumns.includes(c));
  const out = rows.map((r) => {
    const mine = tc.byTherapist.get(r.therapist);
    const row: Record<string, unknown> = { ...r };
    for (const c of extra) row[c] = mine?.get(c) ?? null;
    return row;
  });
  return { columns: [...longColumns, ...extra], rows: out };
}
