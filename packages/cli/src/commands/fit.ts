import type { Command } from "commander";

/** Registers `attune fit` (implemented in the engine issue). */
export function registerFit(program: Command): void {
  program
    .command("fit")
    .description("fit a linear mixed model (lme4 formula syntax)")
    .requiredOption("--data <file>", "CSV file, one row per observation")
    .requiredOption("--formula <formula>", 'lme4 formula, e.g. "y ~ x + (1 | g)"')
    .option("--ml", "maximum likelihood instead of REML", false)
    .option("--json", "print one JSON object", false)
    .action(() => {
      throw new Error("fit: not implemented yet");
    });
}
