// The analysis worker thread: fits a run's models off the API's event loop (see pool.ts). One job at a
// time; errors go back as data (name, message, ApiError kind) so the API keeps its HTTP mapping.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { ApiError } from "../errors.ts";
import { computeAnalysis, type AnalysisJob } from "./compute.ts";
import type { WorkerReply } from "./lane.ts";

const port = parentPort;
if (!port) throw new Error("analysis/worker.ts runs as a worker thread (see analysis/pool.ts)");

// Fitting is background work: on Linux this thread yields the CPU to the API's event loop and to the
// database's processes (its nice value is its own; /proc/thread-self names its thread id). Without it,
// on a busy machine /healthz's database query waited 100–500 ms behind the fit (worker.int.test.ts).
try {
  const tid = Number(/task\/(\d+)$/.exec(readlinkSync("/proc/thread-self"))?.[1]);
  if (Number.isInteger(tid)) setPriority(tid, 10);
} catch {
  // No /proc (macOS, Windows) or not permitted: the worker keeps the process's priority.
}

port.on("message", (m: { id: number; job: AnalysisJob }) => {
  let reply: WorkerReply;
  try {
    reply = { id: m.id, ok: true, out: computeAnalysis(m.job) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = {
      id: m.id,
      ok: false,
      error: {
        name: err.name,
        message: err.message,
        ...(err.stack ? { stack: err.stack } : {}),
        ...(e instanceof ApiError ? { kind: e.kind } : {}),
      },
    };
  }
  port.postMessage(reply);
});
