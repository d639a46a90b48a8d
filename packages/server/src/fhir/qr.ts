// Structural check of an incoming QuestionnaireResponse (zod), then the instrument's own check.
import type { QuestionnaireResponse } from "fhir/r4";
import { z } from "@hono/zod-openapi";
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
// Only attune's declared-scale extension is read; others are kept as sent.
const Extension = z.looseObject({
  url: z.string().min(1).max(500),
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

export const QuestionnaireResponseIn = z.looseObject({
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
  const problems = instrument
    .check(qr)
    .map((p) => ({ ...p, where: p.where ? `${where}.${p.where}` : where }));
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
