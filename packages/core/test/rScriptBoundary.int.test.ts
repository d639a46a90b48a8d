// The exported R script at a boundary fit: on the stacked cross-lagged golden case where lme4's default
// fit stops 1.73 above its own optimum (fixtures/golden/boundary/stacked_n10_2.csv, correlations at ±1),
// the script refits from attune's θ, says so, and then agrees with attune.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dataFrameFromRows } from "@attune/stats";
import { rScript, type RecipeResult } from "../src/index.ts";
import { runModel } from "../src/recipes/runModel.ts";

const FILE = fileURLToPath(new URL("../../../fixtures/golden/boundary/stacked_n10_2.csv", import.meta.url));
const FORMULA =
  "v ~ 0 + proc + proc:(y_c + x_c + y_first + x_first + time) + (0 + py + px | therapist) + (0 + py + px | therapist:patient)";
const hasLme4 =
  spawnSync("Rscript", ["-e", "library(lme4); library(lmerTest)"], { encoding: "utf8" }).status === 0;

describe("the R script at a boundary fit", () => {
  it.skipIf(!hasLme4)(
    "refits from attune's θ where lme4 stops above attune's criterion",
    { timeout: 120_000 },
    () => {
      const lines = readFileSync(FILE, "utf8").trim().split("\n");
      const split = (l: string) => l.split(",").map((v) => v.replace(/^"(.*)"$/, "$1"));
      const frame = dataFrameFromRows(split(lines[0]!), lines.slice(1).map(split));
      const model = runModel("stacked", FORMULA, frame, undefined, frame.nrow);
      const result = { recipe: "cross-lagged", models: [model], effects: {}, notes: [] } as RecipeResult;
      const { script, csv } = rScript([result]);
      const dir = mkdtempSync(join(tmpdir(), "attune-rscript-boundary-"));
      writeFileSync(join(dir, "run.R"), script);
      writeFileSync(join(dir, "run.csv"), csv);
      const out = spawnSync("Rscript", [join(dir, "run.R"), join(dir, "run.csv")], { encoding: "utf8" });
      expect(out.status, out.stderr).toBe(0);
      const stopped = /\(stacked: lme4 stopped at REML criterion ([\d.]+), above attune's; refitted/.exec(
        out.stdout,
      );
      expect(stopped).not.toBeNull();
      expect(Number(stopped![1]) - model.summary.deviance).toBeGreaterThan(1);
      const crit = /== stacked: REML criterion lme4 ([\d.]+), attune ([\d.]+)/.exec(out.stdout)!;
      expect(Math.abs(Number(crit[1]) - Number(crit[2]))).toBeLessThan(1e-3);
      const agree =
        /== stacked: largest \|lme4 - attune\| \/ SE ([\d.e+-]+), largest SE ratio - 1 ([\d.e+-]+)/.exec(
          out.stdout,
        )!;
      expect(Number(agree[1])).toBeLessThan(0.002);
      expect(Number(agree[2])).toBeLessThan(0.002);
    },
  );
});
