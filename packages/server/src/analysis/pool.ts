// The API's analysis worker: one long-lived worker thread that fits runs' models (analysis/worker.ts),
// fed from a queue one job at a time, so the event loop keeps answering patients and dashboards while
// models are fitted. Started on first use; a worker that dies is replaced for the next job and the job
// it was running fails with a 500; close() terminates it (server.close(), tests' afterAll).
import { Worker } from "node:worker_threads";
import { InputError } from "@attune/stats";
import { ApiError, type ErrorKind } from "../errors.ts";
import type { AnalysisJob, OutputOf } from "./compute.ts";

/** What the worker posts back for a job. */
export type WorkerReply =
  | { id: number; ok: true; out: unknown }
  | { id: number; ok: false; error: { name: string; message: string; stack?: string; kind?: ErrorKind } };

/** The worker stopped (crashed, ran out of memory, was terminated) while it had the job. */
export class AnalysisWorkerError extends ApiError {
  constructor(message: string) {
    super("internal", message);
  }
}

interface Pending {
  id: number;
  job: AnalysisJob;
  resolve(out: unknown): void;
  reject(e: Error): void;
}

/** Where the worker's code is: its TypeScript source beside this file, or the bundle's sibling file. */
export interface WorkerEntry {
  url: URL;
  workerData?: unknown;
}

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

/** An error as the route would have seen it on this thread: InputError → 400, ApiError keeps its kind. */
function revive(e: Extract<WorkerReply, { ok: false }>["error"]): Error {
  const err =
    e.name === "InputError"
      ? new InputError(e.message)
      : e.kind
        ? new ApiError(e.kind, e.message)
        : Object.assign(new Error(e.message), { name: e.name });
  if (e.stack) err.stack = e.stack;
  return err;
}

/**
 * The analysis worker of one app.
 *
 * @example
 * const analysis = new AnalysisWorkers();
 * const { json } = await analysis.run({ kind: "results", csv, recipe: "all", options });
 * await analysis.close();
 */
export class AnalysisWorkers {
  #worker: Worker | null = null;
  #busy: Pending | null = null;
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #closed = false;
  readonly #entry: WorkerEntry;

  constructor(entry: WorkerEntry = defaultWorkerEntry()) {
    this.#entry = entry;
  }

  /** Queues a job; resolves with its output or rejects with its error (revived) or AnalysisWorkerError. */
  run<K extends AnalysisJob["kind"]>(job: Extract<AnalysisJob, { kind: K }>): Promise<OutputOf<K>> {
    if (this.#closed) return Promise.reject(new AnalysisWorkerError("the server is shutting down"));
    return new Promise<OutputOf<K>>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, job, resolve: (o) => resolve(o as OutputOf<K>), reject });
      this.#pump();
    });
  }

  /** Jobs waiting or running (for logs and tests). */
  get pending(): number {
    return this.#queue.length + (this.#busy ? 1 : 0);
  }

  /** Terminates the worker; jobs still queued or running fail. Safe to call twice. */
  async close(): Promise<void> {
    this.#closed = true;
    const stopped = new AnalysisWorkerError("the server is shutting down; the analysis was not finished");
    for (const p of this.#queue.splice(0)) p.reject(stopped);
    const w = this.#worker;
    this.#lose(w, stopped.message);
    await w?.terminate();
  }

  #pump(): void {
    if (this.#busy || this.#closed) return;
    const next = this.#queue.shift();
    if (!next) return;
    let w = this.#worker;
    if (!w) {
      try {
        w = this.#spawn();
      } catch (e) {
        next.reject(new AnalysisWorkerError(`the analysis worker cannot start: ${(e as Error).message}`));
        return this.#pump();
      }
    }
    this.#busy = next;
    // Busy: keep the process alive until the answer comes; idle, the worker never holds it open.
    w.ref();
    w.postMessage({ id: next.id, job: next.job });
  }

  #spawn(): Worker {
    const w = new Worker(this.#entry.url, {
      name: "attune-analysis",
      ...(this.#entry.workerData === undefined ? {} : { workerData: this.#entry.workerData }),
    });
    w.unref();
    w.on("message", (m: WorkerReply) => {
      const p = this.#busy;
      if (!p || m.id !== p.id || this.#worker !== w) return;
      this.#busy = null;
      w.unref();
      if (m.ok) p.resolve(m.out);
      else p.reject(revive(m.error));
      this.#pump();
    });
    w.on("error", (e) => this.#lose(w, e.message));
    w.on("exit", (code) => this.#lose(w, `exit code ${code}`));
    this.#worker = w;
    return w;
  }

  /** The worker is gone: fail its job clearly (never hang) and start a new one for the queue. */
  #lose(w: Worker | null, why: string): void {
    if (!w || this.#worker !== w) return;
    this.#worker = null;
    const p = this.#busy;
    this.#busy = null;
    if (p)
      p.reject(
        new AnalysisWorkerError(
          `the analysis worker stopped while fitting the models (${why}); nothing was stored, try again`,
        ),
      );
    this.#pump();
  }
}
