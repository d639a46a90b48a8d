// One analysis worker thread and its queue: jobs run one at a time, in the order queued. Started on first
// use; a worker that dies is replaced for the next job and the job it was running fails with a 500; close()
// terminates it. The app has two of these (pool.ts): the researchers' runs and the background fits.
import { Worker } from "node:worker_threads";
import { InputError } from "@attune/stats";
import { ApiError, type ErrorKind } from "../errors.ts";
import type { AnalysisJob } from "./compute.ts";

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

/** Where the worker's code is: its TypeScript source beside this file, or the bundle's sibling file. */
export interface WorkerEntry {
  url: URL;
  workerData?: unknown;
}

interface Pending {
  id: number;
  job: AnalysisJob;
  resolve(out: unknown): void;
  reject(e: Error): void;
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
 * One worker thread fed from a queue, one job at a time.
 *
 * @example
 * const lane = new WorkerLane("attune-analysis", defaultWorkerEntry());
 * const out = await lane.run({ kind: "results", csv, recipe: "all", options });
 * await lane.close();
 */
export class WorkerLane {
  #worker: Worker | null = null;
  #busy: Pending | null = null;
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #closed = false;

  constructor(
    readonly name: string,
    readonly entry: WorkerEntry,
  ) {}

  /** Queues a job; resolves with its output or rejects with its error (revived) or AnalysisWorkerError. */
  run(job: AnalysisJob): Promise<unknown> {
    if (this.#closed) return Promise.reject(new AnalysisWorkerError("the server is shutting down"));
    return new Promise<unknown>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, job, resolve, reject });
      this.#pump();
    });
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.#queue.length + (this.#busy ? 1 : 0);
  }

  /** The kind of the job the worker is fitting now (null when idle). */
  get running(): AnalysisJob["kind"] | null {
    return this.#busy?.job.kind ?? null;
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
    const w = new Worker(this.entry.url, {
      name: this.name,
      ...(this.entry.workerData === undefined ? {} : { workerData: this.entry.workerData }),
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
