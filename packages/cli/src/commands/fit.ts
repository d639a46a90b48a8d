import type { Command } from "commander";
import { InputError, fitLmm, formatSummary } from "@attune/stats";
import { fitProgress } from "../io/progress.ts";
import { readCsvFile } from "../io/readCsv.ts";
import { addFitExtrasOptions, fitExtras, type FitExtrasOptions } from "./fitExtras.ts";
import { runFitGlmm } from "./fitGlmm.ts";

/** Options of `attune fit`. */
interface FitCommandOptions extends FitExtrasOptions {
  readonly data: string;
  readonly formula: string;
  /** Maximum likelihood instead of REML. Default false. */
  readonly ml: boolean;
  /** Print one JSON object instead of the summary. Default false. */
  readonly json: boolean;
  /** Generalized model (lme4's glmer): binomial or poisson. */
  readonly family?: string;
  readonly link?: string;
  readonly nagq?: string;
  /** Progress line on stderr for fits over 2 s; default on, off with --json unless given. */
  readonly progress?: boolean;
}

/**
 * Registers `attune fit --data FILE.csv --formula "..." [--ml] [--json] [--weights COL]
 * [--compare FORMULA] [--contrast SPEC ...] [--family binomial|poisson [--link L] [--nagq N]]`.
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
    .option("--json", "print one JSON object (the fields of lme4 reference fits)", false)
    .option("--family <family>", "generalized mixed model as lme4::glmer: binomial or poisson")
    .option(
      "--link <link>",
      "link of --family: logit (default), probit, cloglog for binomial; log for poisson",
    )
    .option(
      "--nagq <n>",
      "with --family: adaptive Gauss-Hermite points (1 = Laplace, the default; 0 = theta only, beta from PIRLS, as lme4)",
    )
    .option("--progress", "progress line on stderr for fits over 2 s (default unless --json)")
    .option("--no-progress", "no progress line");
  addFitExtrasOptions(cmd).action((opts: FitCommandOptions) => {
    if (opts.family !== undefined) {
      // glmer has no REML: --ml asks for what a GLMM always is, so it is accepted and said so (lme4's
      // glmer(REML = FALSE) stops with "unused argument"; refusing a request for the only criterion
      // would be pedantic).
      if (opts.ml)
        process.stderr.write(
          "attune: note: --ml changes nothing with --family: a generalized mixed model is always fitted by maximum likelihood (Laplace or adaptive Gauss-Hermite), as glmer; there is no REML for it\n",
        );
      runFitGlmm({ ...opts, family: opts.family });
      return;
    }
    if (opts.link !== undefined || opts.nagq !== undefined)
      throw new InputError("--link and --nagq need --family binomial or poisson");
    const data = readCsvFile(opts.data);
    const progress = fitProgress(opts.progress ?? !opts.json);
    const fit = fitLmm(opts.formula, data, {
      reml: !opts.ml,
      onEvaluation: progress,
      ...(opts.weights !== undefined ? { weights: opts.weights } : {}),
    });
    progress.done();
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
