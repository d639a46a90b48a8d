import type { Command } from "commander";
import { fitLmm, formatSummary } from "@attune/stats";
import { readCsvFile } from "../io/readCsv.ts";
import { addFitExtrasOptions, fitExtras, type FitExtrasOptions } from "./fitExtras.ts";

/** Options of `attune fit`. */
interface FitCommandOptions extends FitExtrasOptions {
  readonly data: string;
  readonly formula: string;
  /** Maximum likelihood instead of REML. Default false. */
  readonly ml: boolean;
  /** Print one JSON object instead of the summary. Default false. */
  readonly json: boolean;
}

/**
 * Registers `attune fit --data FILE.csv --formula "..." [--ml] [--json] [--weights COL]
 * [--compare FORMULA] [--contrast SPEC ...]`.
 *
 * @example
 * registerFit(new Command("attune"));
 */
export function registerFit(program: Command): void {
  const cmd = program
    .command("fit")
    .description("fit a linear mixed model (lme4 formula syntax) with Satterthwaite df, as lme4 + lmerTest")
    .requiredOption("--data <file>", "CSV file with a header row, one row per observation")
    .requiredOption("--formula <formula>", 'lme4 formula, e.g. "Reaction ~ Days + (Days | Subject)"')
    .option("--ml", "maximum likelihood instead of REML", false)
    .option("--json", "print one JSON object (the fields of lme4 reference fits)", false);
  addFitExtrasOptions(cmd).action((opts: FitCommandOptions) => {
    const data = readCsvFile(opts.data);
    const fit = fitLmm(opts.formula, data, {
      reml: !opts.ml,
      ...(opts.weights !== undefined ? { weights: opts.weights } : {}),
    });
    const summary = fit.summary();
    const extras = fitExtras(fit, opts);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ ...summary, ...extras.json })}\n`);
    } else {
      process.stdout.write(
        `${[formatSummary(summary, opts.data, opts.weights), ...extras.text].join("\n\n")}\n`,
      );
    }
  });
}
