// The API's analysis workers: the models are fitted on worker threads (analysis/worker.ts), so the event
// loop keeps answering patients and dashboards meanwhile. Two lanes, each one thread with its own queue
// (lane.ts): the researchers' jobs (runs, reports, figures, R scripts) and the networks' background fits
// (the item rupture rule, seconds to minutes). A researcher's run therefore never waits behind an item fit:
// with one queue it waited for the whole fit (4–12 s, more on big networks; docs/study.md). Both threads run at
// nice 10 (worker.ts), so the event loop and the database keep the CPU they need.
import type { AnalysisJob, OutputOf } from "./compute.ts";
import { WorkerLane, type WorkerEntry } from "./lane.ts";

/**
 * The worker entry for this build: from sources (vitest, tsx) through tsx; from an esbuild bundle
 * (packages/server/dist/server.js, packages/cli/dist/attune.js) the `analysis-worker.js` emitted next to it.
 *
 * @example
 * defaultWorkerEntry().url.pathname; // ".../packages/server/dist/analysis-worker.js" in the server bundle
 */
export function defaultWorkerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(new URL(here).pathname))
    return {
      url: new URL("./tsxWorker.mjs", here),
      workerData: { entry: new URL("./worker.ts", here).href },
    };
  return { url: new URL("./analysis-worker.js", here) };
}

/** Which lane a job runs on: a network's background fit, or a researcher's job. */
export type AnalysisLane = "research" | "background";

/** The jobs nobody waits for in a request. */
const BACKGROUND: ReadonlySet<AnalysisJob["kind"]> = new Set(["itemRupture"]);

/**
 * The lane a job kind runs on.
 *
 * @example
 * laneOf("itemRupture"); // "background"
 */
export function laneOf(kind: AnalysisJob["kind"]): AnalysisLane {
  return BACKGROUND.has(kind) ? "background" : "research";
}

/**
 * The analysis workers of one app.
 *
 * @example
 * const analysis = new AnalysisWorkers();
 * const { json } = await analysis.run({ kind: "results", csv, recipe: "all", options });
 * await analysis.close();
 */
export class AnalysisWorkers {
  readonly #lanes: Record<AnalysisLane, WorkerLane>;

  constructor(entry: WorkerEntry = defaultWorkerEntry()) {
    this.#lanes = {
      research: new WorkerLane("attune-analysis", entry),
      background: new WorkerLane("attune-analysis-background", entry),
    };
  }

  /** Queues a job on its lane; resolves with its output or rejects with its error (revived) or AnalysisWorkerError. */
  run<K extends AnalysisJob["kind"]>(job: Extract<AnalysisJob, { kind: K }>): Promise<OutputOf<K>> {
    return this.#lanes[laneOf(job.kind)].run(job) as Promise<OutputOf<K>>;
  }

  /** Jobs waiting or running on both lanes (for logs, metrics and tests). */
  get pending(): number {
    return this.#lanes.research.pending + this.#lanes.background.pending;
  }

  /** The kind of job each lane is fitting now (null: idle), for logs and tests. */
  get running(): Record<AnalysisLane, AnalysisJob["kind"] | null> {
    return { research: this.#lanes.research.running, background: this.#lanes.background.running };
  }

  /** Terminates both workers; jobs still queued or running fail. Safe to call twice. */
  async close(): Promise<void> {
    await Promise.all([this.#lanes.research.close(), this.#lanes.background.close()]);
  }
}
