// R for the browser tests that refit a run's downloaded R script on its downloaded model data: whether R
// with lme4 and lmerTest is installed (without it those comparisons are left out), running the script, and
// reading the lines in which the script compares lme4's fixed effects with attune's.
import { expect } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** R with lme4 and lmerTest answers on this machine. */
export const hasLme4 =
  spawnSync("Rscript", ["-e", "suppressPackageStartupMessages({library(lme4); library(lmerTest)})"], {
    encoding: "utf8",
  }).status === 0;

/**
 * Runs the R script `script` on the model data `modelData` (both files in `dir`); R must exit 0
 * (its error output is the failure's message). Returns what R printed.
 *
 * @example
 * const out = runRScript(web.dir, "growth.R", "growth-models.csv");
 */
export function runRScript(dir: string, script: string, modelData: string): string {
  const out = spawnSync("Rscript", [join(dir, script), join(dir, modelData)], { encoding: "utf8" });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout;
}

/**
 * Each model's "largest |lme4 - attune| / SE" line of the script's output, in order.
 *
 * @example
 * for (const { model, gap } of seGaps(out)) expect(gap, model).toBeLessThan(0.002);
 */
export function seGaps(rOutput: string): { model: string; gap: number }[] {
  return [...rOutput.matchAll(/== (\S+): largest \|lme4 - attune\| \/ SE ([-\d.e+]+)/g)].map((m) => ({
    model: m[1]!,
    gap: Number(m[2]),
  }));
}
