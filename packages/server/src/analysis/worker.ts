// The analysis worker thread: fits a run's models off the API's event loop (see pool.ts). One job at a
// time; errors go back as data (name, message, ApiError kind) so the API keeps its HTTP mapping.
import { parentPort } from "node:worker_threads";
import { ApiError } from "../errors.ts";
import { computeAnalysis, type AnalysisJob } from "./compute.ts";
import type { WorkerReply } from "./pool.ts";

const port = parentPort;
if (!port) throw new Error("analysis/worker.ts runs as a worker thread (see analysis/pool.ts)");

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
