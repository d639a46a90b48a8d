// Imports: the report every import returns, and the REDCap import's request.
import { z } from "zod";
import {
  FACT_COLUMNS,
  FORM_COLUMNS,
  SCORE_COLUMNS,
  SCORE_SCALES,
  type FactColumn,
  type ScoreColumnName,
  type ScoreScale,
} from "@attune/core/records";

const field = z.string().min(1);
/**
 * The optional long-table columns a REDCap field may be mapped to: condition, site, every score column,
 * the session's modality, the episode's end (end_date, end_reason) and every form total (phq9, gad7, …:
 * FORM_COLUMNS, stored without item answers).
 */
const optionalColumns = Object.fromEntries(
  [
    "condition",
    "site",
    ...SCORE_COLUMNS.map((c) => c.column),
    ...FACT_COLUMNS,
    "end_date",
    ...FORM_COLUMNS.map((c) => c.column),
  ].map((c) => [c, field.optional()]),
) as Record<"condition" | "site" | ScoreColumnName | FactColumn | "end_date", z.ZodOptional<typeof field>> &
  Record<string, z.ZodOptional<typeof field>>;
const scaleText = z.string().max(40).optional();
const scaleTexts = Object.fromEntries(SCORE_SCALES.map((s) => [s, scaleText])) as Record<
  ScoreScale,
  typeof scaleText
>;

export const ImportReport = z
  .object({
    ok: z.boolean(),
    rows: z.number(),
    created: z.record(z.string(), z.number()),
    rejected: z.array(z.object({ row: z.number(), column: z.string().optional(), message: z.string() })),
    warnings: z.array(z.string()).optional(),
  })
  .meta({ id: "ImportReport" });

export const RedcapBody = z.object({
  records: z.string().min(1),
  dictionary: z.string().min(1),
  mapping: z.object({ therapist: field, patient: field, session: field, ...optionalColumns }),
  study: z.string().min(1).max(200).optional(),
  /** Scales of the mapped score fields as min-max, e.g. {"alliance": "1-7"} (default: the dictionary's ranges). */
  scales: z.object(scaleTexts).optional(),
});

export type ImportReport = z.infer<typeof ImportReport>;
export type RedcapBody = z.input<typeof RedcapBody>;
