// Imports: the report every import returns, and the REDCap import's request.
import { z } from "zod";

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
  mapping: z.object({
    therapist: z.string().min(1),
    patient: z.string().min(1),
    session: z.string().min(1),
    condition: z.string().min(1).optional(),
    alliance_patient: z.string().min(1).optional(),
    alliance_therapist: z.string().min(1).optional(),
    wellbeing: z.string().min(1).optional(),
    /** The field holding how each session was held (in person, video, phone). */
    modality: z.string().min(1).optional(),
    /** The fields holding the episode's end date and reason (completed, dropout, referred, other). */
    end_date: z.string().min(1).optional(),
    end_reason: z.string().min(1).optional(),
  }),
  study: z.string().min(1).max(200).optional(),
  /** Scales of the mapped score fields as min-max, e.g. {"alliance": "1-7"} (default: the dictionary's ranges). */
  scales: z
    .object({ alliance: z.string().max(40).optional(), wellbeing: z.string().max(40).optional() })
    .optional(),
});

export type ImportReport = z.infer<typeof ImportReport>;
export type RedcapBody = z.input<typeof RedcapBody>;
