// Structural check of an incoming QuestionnaireResponse (zod), then the instrument's own check.
import type { QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from "fhir/r4";
import { z } from "@hono/zod-openapi";
import { DECLARED_SCALE_URL, MAX_ITEM_DEPTH } from "@attune/core";
import { invalid, type Problem } from "../errors.ts";
import type { Ctx } from "../context.ts";
import type { Instrument } from "../instruments/catalog.ts";

const Reference = z.object({
  reference: z.string().max(200).optional(),
  display: z.string().max(200).optional(),
});
const Coding = z.object({
  system: z.string().max(500).optional(),
  code: z.string().max(200).optional(),
  display: z.string().max(500).optional(),
});
const Answer = z.strictObject({
  valueInteger: z.number().int().optional(),
  valueDecimal: z.number().optional(),
  valueString: z.string().max(10_000).optional(),
  valueBoolean: z.boolean().optional(),
  valueCoding: Coding.optional(),
  valueDate: z.string().max(40).optional(),
});
const Quantity = z.strictObject({ value: z.number() });
// Only attune's declared-scale extension is accepted (known fields only: records/response.ts).
const Extension = z.strictObject({
  url: z.literal(DECLARED_SCALE_URL),
  valueRange: z.strictObject({ low: Quantity, high: Quantity }).optional(),
});
type ItemShape = {
  linkId: string;
  text?: string | undefined;
  extension?: z.infer<typeof Extension>[] | undefined;
  answer?: z.infer<typeof Answer>[] | undefined;
  item?: ItemShape[] | undefined;
};
const Item: z.ZodType<ItemShape> = z.lazy(() =>
  z.strictObject({
    linkId: z.string().min(1).max(200),
    text: z.string().max(2000).optional(),
    extension: z.array(Extension).max(10).optional(),
    answer: z.array(Answer).max(50).optional(),
    item: z.array(Item).max(200).optional(),
  }),
);

// Known fields only: a contained resource, a narrative (`text`), `meta` or a foreign extension is
// refused by name. `authored` is accepted but the server sets it (submissions.ts).
export const QuestionnaireResponseIn = z.strictObject({
  resourceType: z.literal("QuestionnaireResponse"),
  id: z.string().max(64).optional(),
  questionnaire: z.string().min(1).max(500),
  status: z.enum(["in-progress", "completed", "amended", "entered-in-error", "stopped"]),
  subject: Reference.optional(),
  encounter: Reference.optional(),
  authored: z.string().max(40).optional(),
  item: z.array(Item).max(500).optional(),
});

export interface CheckedResponse {
  qr: QuestionnaireResponse;
  instrument: Instrument;
  scores: Record<string, number>;
  /** Declared ranges of scores not on their instrument's own scale (imported scores), by scale. */
  ranges: Record<string, { min: number; max: number }>;
}

/** Parses and checks one response; throws a 400 naming every problem (with its JSON path). */
export function checkResponse(ctx: Pick<Ctx, "instruments">, raw: unknown, where: string): CheckedResponse {
  const depth = itemDepth(raw);
  if (depth > MAX_ITEM_DEPTH)
    throw invalid(`${where}.item nests ${depth} levels deep; at most ${MAX_ITEM_DEPTH} are accepted`, [
      { where: `${where}.item`, message: `nesting deeper than ${MAX_ITEM_DEPTH} levels` },
    ]);
  const parsed = QuestionnaireResponseIn.safeParse(raw);
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.map((i) => ({
      where: [where, ...i.path.map(String)].join("."),
      message: i.message,
    }));
    throw invalid(
      `${where} is not a valid QuestionnaireResponse: ${problems
        .slice(0, 3)
        .map((p) => `${p.where}: ${p.message}`)
        .join("; ")}`,
      problems,
    );
  }
  const qr = parsed.data as unknown as QuestionnaireResponse;
  const instrument = ctx.instruments.byUrl(qr.questionnaire ?? "");
  if (!instrument)
    throw invalid(`${where}.questionnaire: unknown questionnaire ${qr.questionnaire}`, [
      { where: `${where}.questionnaire`, message: `unknown questionnaire ${qr.questionnaire}` },
    ]);
  const problems = [
    ...structureProblems(instrument.questionnaire.item ?? [], qr.item ?? [], "item"),
    ...instrument.check(qr),
  ].map((p) => ({ ...p, where: p.where ? `${where}.${p.where}` : where }));
  if (problems.length)
    throw invalid(
      `${where} does not fit ${instrument.questionnaire.url}: ${problems
        .slice(0, 3)
        .map((p) => `${p.where}: ${p.message}`)
        .join("; ")}`,
      problems,
    );
  return { qr, instrument, scores: instrument.score(qr), ranges: instrument.scoreRanges?.(qr) ?? {} };
}

/** How deep `item` arrays nest in a raw response (counted without recursion; stops past the limit). */
function itemDepth(raw: unknown): number {
  let deepest = 0;
  let level: unknown[] = [raw];
  while (level.length && deepest <= MAX_ITEM_DEPTH) {
    const next: unknown[] = [];
    for (const node of level) {
      const list = node && typeof node === "object" ? (node as { item?: unknown }).item : undefined;
      if (Array.isArray(list)) next.push(...list.slice(0, 1000));
    }
    if (next.length) deepest++;
    level = next;
  }
  return deepest;
}

/**
 * Every answered item, at every depth, is an item of the Questionnaire at that place: an unknown
 * linkId, children under a question that has none, or several answers to a non-repeating question
 * are refused whatever the instrument's own check does.
 */
function structureProblems(
  defs: readonly QuestionnaireItem[],
  given: readonly QuestionnaireResponseItem[],
  path: string,
): Problem[] {
  const out: Problem[] = [];
  const byId = new Map<string, QuestionnaireItem>();
  const walk = (list: readonly QuestionnaireItem[]) => {
    for (const d of list) {
      byId.set(d.linkId, d);
      // Some clients list a group's questions flat, so they are known at the group's level too.
      if (d.type === "group" && d.item) walk(d.item);
    }
  };
  walk(defs);
  given.forEach((it, i) => {
    const def = byId.get(it.linkId);
    const where = `${path}[${i}]`;
    if (!def) {
      out.push({ where: `${where}.linkId`, message: `unknown item "${it.linkId.slice(0, 80)}"` });
      return;
    }
    if ((it.answer?.length ?? 0) > 1 && !def.repeats)
      out.push({ where: `${where}.answer`, message: `item "${it.linkId}" takes one answer` });
    if (it.item?.length) {
      if (!def.item?.length)
        out.push({ where: `${where}.item`, message: `item "${it.linkId}" has no items under it` });
      else out.push(...structureProblems(def.item, it.item, `${where}.item`));
    }
  });
  return out;
}

/** JSON with sorted keys, so equal submissions hash equally whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}
