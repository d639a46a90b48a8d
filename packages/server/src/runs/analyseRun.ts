// A job on a run's recorded data (less the rows of patients erased since) in the analysis worker: the
// downloads and the run page's figures are all computed so.
import type { AnalysisRun, RunRedaction } from "@attune/db";
import type { AnalysisJob, OutputOf } from "../analysis/compute.ts";
import { AnalysisWorkerError } from "../analysis/lane.ts";
import type { Ctx } from "../context.ts";
import { ApiError } from "../errors.ts";
import { selectionOf } from "./model.ts";

/** Omit over each member of a union (a job without the parts the run supplies). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A job on the run's data in the analysis worker (off the event loop); a redaction may have left too
 * little data to fit a model.
 *
 * @example
 * const { html } = await analyseRun<"report">(ctx, run, redactions, { kind: "report", title, subtitle });
 */
export async function analyseRun<K extends AnalysisJob["kind"]>(
  ctx: Ctx,
  run: AnalysisRun,
  redactions: readonly RunRedaction[],
  job: DistributiveOmit<Extract<AnalysisJob, { kind: K }>, "csv" | "recipe" | "options">,
): Promise<OutputOf<K>> {
  try {
    const full = { ...job, csv: run.data_csv, recipe: run.recipe, options: selectionOf(run).options };
    return await ctx.analysis.run<K>(full as unknown as Extract<AnalysisJob, { kind: K }>);
  } catch (e) {
    // The run fitted on its recorded data, so a failure on the redacted data is the redaction's doing
    // (a worker that died is nobody's data's doing: that stays a 500).
    if (redactions.length && !(e instanceof AnalysisWorkerError))
      throw new ApiError(
        "conflict",
        `run ${run.id}: its data were redacted after erasure and the recipe ${run.recipe} can no longer ` +
          `run on them: ${e instanceof Error ? e.message : String(e)}`,
      );
    throw e;
  }
}
