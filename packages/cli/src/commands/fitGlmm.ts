import { InputError, fitGlmm, formatGlmmSummary, type FamilyName, type LinkName } from "@attune/stats";
import { readCsvFile } from "../io/readCsv.ts";

/** The generalized part of `attune fit`: options after commander has parsed them. */
export interface FitGlmmCommandOptions {
  readonly data: string;
  readonly formula: string;
  readonly family: string;
  readonly link?: string;
  readonly nagq?: string;
  readonly json: boolean;
  readonly weights?: string;
  readonly compare?: string;
  readonly contrast?: readonly string[];
}

/**
 * Runs `attune fit --family binomial|poisson [--link L] [--nagq N]`: a GLMM as lme4's glmer, printed
 * as JSON or as a summary laid out like summary(glmer(...)).
 *
 * @example
 * runFitGlmm({ data: "cbpp.csv", formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)", family: "binomial", json: true });
 */
export function runFitGlmm(opts: FitGlmmCommandOptions): void {
  if (opts.family !== "binomial" && opts.family !== "poisson") {
    throw new InputError(`--family must be binomial or poisson, got "${opts.family}"`);
  }
  const extra =
    opts.weights !== undefined
      ? "--weights"
      : opts.compare !== undefined
        ? "--compare"
        : opts.contrast
          ? "--contrast"
          : null;
  if (extra) throw new InputError(`${extra} is not available with --family yet (linear mixed models only)`);
  const nAGQ = opts.nagq === undefined ? 1 : Number(opts.nagq);
  if (opts.nagq !== undefined && !/^\s*\d+\s*$/.test(opts.nagq)) {
    throw new InputError(`--nagq must be a whole number from 1 to 100, got "${opts.nagq}"`);
  }
  const data = readCsvFile(opts.data);
  const fit = fitGlmm(opts.formula, data, {
    family: opts.family as FamilyName,
    ...(opts.link === undefined ? {} : { link: opts.link as LinkName }),
    nAGQ,
  });
  const summary = fit.summary();
  process.stdout.write(
    opts.json ? `${JSON.stringify(summary)}\n` : `${formatGlmmSummary(summary, opts.data)}\n`,
  );
}
