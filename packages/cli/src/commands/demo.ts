import type { Command } from "commander";
import { fileURLToPath } from "node:url";
import { fitLmm, formatSummary } from "@attune/stats";
import { readCsvFile } from "../io/readCsv.ts";

/**
 * Registers `attune demo`: fits the alliance growth model of the analysis recipes to the bundled
 * simulated network and prints lme4-style tables (`npm start` now serves the demo network instead).
 *
 * @example
 * registerDemo(new Command("attune"));
 */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("run a demonstration analysis on a simulated practice research network")
    .action(() => {
      const file = fileURLToPath(new URL("../../../fixtures/golden/prn_small.csv", import.meta.url));
      const formula =
        "alliance_patient ~ time * condition + (1 + time | therapist) + (1 + time | therapist:patient)";
      const t0 = performance.now();
      const fit = fitLmm(formula, readCsvFile(file));
      const ms = performance.now() - t0;
      process.stdout.write(
        `attune demo: patients' alliance growth by training arm in a simulated network\n\n`,
      );
      process.stdout.write(`${formatSummary(fit.summary(), "fixtures/golden/prn_small.csv")}\n\n`);
      process.stdout.write(
        `fitted in ${ms.toFixed(0)} ms. Try: npx attune fit --data FILE.csv --formula "y ~ x + (1 | g)"\n`,
      );
    });
}
