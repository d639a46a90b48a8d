// Analysis runs on the wire: the selection a run recorded, its redactions after erasures, the record.
// The request (RunBody) stays with the server, whose recipe list comes from @attune/core's recipes.
import { z } from "zod";

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
export const Selection = z.object({
  study: z.string().nullable(),
  studyName: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  arms: z.array(z.string()).nullable(),
  options: z.object({
    byCondition: z.boolean(),
    rater: z.enum(["patient", "therapist"]),
    detrend: z.boolean(),
  }),
});
/** An erasure removed a patient's rows from the run's CSV (docs/study.md, "Erasure and runs"). */
export const RedactionOut = z.object({
  at: z.string(),
  rowsRemoved: z.number(),
  /** sha256 of the CSV before and after; the newest `after` is the sha256 of data.csv now. */
  before: z.string(),
  after: z.string(),
});
export const RunOut = z.object({
  id: z.string(),
  runAt: z.string(),
  runBy: z.string(),
  attuneVersion: z.string(),
  recipe: z.string(),
  selection: Selection,
  rows: z.number(),
  /** sha256 of the CSV as recorded and analysed (unchanged by redactions). */
  dataSha256: z.string(),
  /** Oldest first; empty if no erased patient was in the run's data. */
  redactions: z.array(RedactionOut),
});
export const RunWithResults = RunOut.extend({ results: z.record(z.string(), z.unknown()) });

export type Selection = z.infer<typeof Selection>;
export type RedactionOut = z.infer<typeof RedactionOut>;
export type RunOut = z.infer<typeof RunOut>;
export type RunWithResults = z.infer<typeof RunWithResults>;
