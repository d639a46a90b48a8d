import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Command } from "commander";
import {
  preparePrnData,
  resolveRoles,
  runRecipesOn,
  RECIPE_NAMES,
  type RecipeName,
  type RecipeOptions,
  type RecipeResult,
  type Roles,
} from "@attune/core";
import { InputError } from "@attune/stats";
import { readDataCsv } from "./readDataCsv.ts";

/** What a worker needs to run some recipes on the same data. */
export interface AnalyzeJob {
  readonly data: string;
  readonly roles: Partial<Roles>;
  readonly options: Omit<RecipeOptions, "fit">;
  readonly recipes: readonly RecipeName[];
}

const WORKER_COMMAND = "__analyze-worker";

/** Results without the live fit objects (which cannot cross threads; reports need only summaries). */
function portable(results: readonly RecipeResult[]): RecipeResult[] {
  return results.map((r) => ({
    ...r,
    models: r.models.map((m) => ({ ...m, fit: undefined as unknown as (typeof m)["fit"] })),
  })) as RecipeResult[];
}

function runJob(job: AnalyzeJob): RecipeResult[] {
  const data = preparePrnData(readDataCsv(job.data), resolveRoles(job.roles));
  return job.recipes.flatMap((name) => runRecipesOn(name, data, job.options));
}

/**
 * Runs several recipes, spreading them over worker threads when the machine has more than one core
 * (the main thread takes the first group; env ATTUNE_THREADS=1 turns this off). Result order follows `groups`. Errors in a worker are
 * rethrown unchanged (InputError stays an InputError).
 *
 * @example
 * await runRecipesParallel([["growth"], ["congruence", "rsa"]], job);
 */
export async function runRecipesParallel(
  groups: ReadonlyArray<readonly RecipeName[]>,
  job: Omit<AnalyzeJob, "recipes">,
): Promise<RecipeResult[]> {
  const threads = Number(process.env.ATTUNE_THREADS ?? availableParallelism());
  if (threads < 2 || groups.length < 2) return runJob({ ...job, recipes: groups.flat() });
  const script = fileURLToPath(import.meta.url);
  const workers = groups.slice(1).map(
    (recipes) =>
      new Promise<RecipeResult[]>((resolve, reject) => {
        const w = new Worker(script, { argv: [WORKER_COMMAND], workerData: { ...job, recipes } });
        w.once("message", (m: { results?: RecipeResult[]; error?: { message: string; input: boolean } }) => {
          void w.terminate();
          if (m.results) resolve(m.results);
          else reject(m.error?.input ? new InputError(m.error.message) : new Error(m.error?.message));
        });
        w.once("error", reject);
      }),
  );
  const first = portable(runJob({ ...job, recipes: groups[0] ?? [] }));
  const rest = await Promise.all(workers);
  const order: string[] = RECIPE_NAMES;
  return [...first, ...rest.flat()].sort((a, b) => order.indexOf(a.recipe) - order.indexOf(b.recipe));
}

/**
 * Registers the hidden command a worker thread runs (the bundled CLI is the worker's script).
 *
 * @example
 * registerAnalyzeWorker(program);
 */
export function registerAnalyzeWorker(program: Command): void {
  program.command(WORKER_COMMAND, { hidden: true }).action(() => {
    if (isMainThread || !parentPort) throw new InputError(`${WORKER_COMMAND} is internal to attune analyze`);
    try {
      parentPort.postMessage({ results: portable(runJob(workerData as AnalyzeJob)) });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      parentPort.postMessage({ error: { message: e.message, input: e.name === "InputError" } });
    }
  });
}
