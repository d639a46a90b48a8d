// The network's outcome rates (core networkRates): reliable improvement, no change, deterioration and
// dropout, overall and by arm and by site, for the researcher workspace and the coordinator.
import { z } from "zod";
import { Id } from "./common.ts";

const Share = z.number().nullable();
export const GroupRatesOut = z.object({
  group: z.string(),
  patients: z.number(),
  rated: z.number(),
  improved: z.number(),
  noChange: z.number(),
  deteriorated: z.number(),
  improvedRate: Share,
  noChangeRate: Share,
  deterioratedRate: Share,
  ended: z.number(),
  dropout: z.number(),
  dropoutRate: Share,
});
export const RatesQuery = z.object({
  study: Id.optional(),
  /** The long table's score column to follow (default the outcome column, wellbeing). */
  outcome: z.string().min(1).max(64).optional(),
  /** The outcome's reliability for the Jacobson–Truax threshold (default 0.8, said in the notes). */
  reliability: z.coerce.number().min(0).lt(1).optional(),
});
export const RatesOut = z
  .object({
    outcome: z.string(),
    direction: z.string(),
    threshold: z.number(),
    overall: GroupRatesOut,
    byArm: z.array(GroupRatesOut),
    bySite: z.array(GroupRatesOut),
    notes: z.array(z.string()),
  })
  .meta({ id: "NetworkRates" });

export type GroupRatesOut = z.infer<typeof GroupRatesOut>;
export type RatesQuery = z.input<typeof RatesQuery>;
export type RatesOut = z.infer<typeof RatesOut>;
