// Runs the analysis worker from its TypeScript source (tests, `tsx`): Node 20 does not apply
// `--import tsx` to a worker's entry module, so the worker registers tsx itself and then loads it.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
