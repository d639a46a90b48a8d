// QuestionnaireResponses as attune keeps and hands them out: only the fields attune defines. A
// client's extra fields (a contained Patient, a narrative, meta, foreign extensions) are refused on
// the way in, and never shown on the way out (even from rows stored before this rule).

/** The extension carrying the declared scale of an imported score. */
export const DECLARED_SCALE_URL = "https://attune.dev/fhir/StructureDefinition/declared-scale";

/** Top-level fields a QuestionnaireResponse may carry into attune. */
export const RESPONSE_FIELDS = [
  "resourceType",
  "id",
  "questionnaire",
  "status",
  "subject",
  "encounter",
  "authored",
  "item",
] as const;

/** How deep `item` may nest inside a response (groups in groups). */
export const MAX_ITEM_DEPTH = 8;

/** How deep any JSON request body may nest (objects and arrays). */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of a JSON value, counted without recursion, and stopping once past `limit`
 * (so a 100 000-level document costs no more than `limit` levels).
 *
 * @example
 * jsonDepth({ a: [1, { b: 2 }] }); // 3
 */
export function jsonDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>))
      if (child !== null && typeof child === "object") stack.push([child, depth]);
  }
  return deepest;
}

type Json = Record<string, unknown>;
const ANSWER_VALUES = [
  "valueInteger",
  "valueDecimal",
  "valueString",
  "valueBoolean",
  "valueCoding",
  "valueDate",
] as const;

function pick(o: unknown, keys: readonly string[]): Json | undefined {
  if (!o || typeof o !== "object") return undefined;
  const out: Json = {};
  for (const k of keys) if ((o as Json)[k] !== undefined) out[k] = (o as Json)[k];
  return out;
}

function items(list: unknown, depth: number): Json[] | undefined {
  if (!Array.isArray(list) || depth > MAX_ITEM_DEPTH) return undefined;
  return list.map((it: unknown) => {
    const src = (it ?? {}) as Json;
    const out: Json = { linkId: src["linkId"] };
    const ext = Array.isArray(src["extension"])
      ? (src["extension"] as unknown[])
          .filter((x) => (x as Json | null)?.["url"] === DECLARED_SCALE_URL)
          .map((x) => pick(x, ["url", "valueRange"]))
      : [];
    if (ext.length) out["extension"] = ext;
    if (Array.isArray(src["answer"]))
      out["answer"] = (src["answer"] as unknown[]).map((a) => {
        const v = pick(a, ANSWER_VALUES) ?? {};
        const coding = v["valueCoding"];
        if (coding) v["valueCoding"] = pick(coding, ["system", "code", "display"]);
        return v;
      });
    const nested = items(src["item"], depth + 1);
    if (nested) out["item"] = nested;
    return out;
  });
}

/**
 * The response with only attune's fields: resourceType, id, questionnaire, status, subject and
 * encounter references, authored, and items (linkId, declared-scale extension, answer values,
 * nested items). Item text is dropped (the Questionnaire holds the wording).
 *
 * @example
 * attuneResponse({ resourceType: "QuestionnaireResponse", contained: [{}], text: {}, item: [] });
 * // { resourceType: "QuestionnaireResponse", item: [] }
 */
export function attuneResponse(qr: unknown): Json {
  const src = (qr ?? {}) as Json;
  const out: Json = {};
  for (const k of ["resourceType", "id", "questionnaire", "status", "authored"] as const)
    if (typeof src[k] === "string") out[k] = src[k];
  for (const k of ["subject", "encounter"] as const) {
    const ref = pick(src[k], ["reference"]);
    if (ref && typeof ref["reference"] === "string") out[k] = ref;
  }
  const it = items(src["item"], 1);
  if (it) out["item"] = it;
  return out;
}
