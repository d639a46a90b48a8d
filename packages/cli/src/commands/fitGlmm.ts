import {
  InputError,
  compareGlmms,
  fitGlmm,
  formatComparison,
  formatContrasts,
  formatEffectSizes,
  formatGlmmSummary,
  glmmContrast,
  glmmIcc,
  glmmR2,
  type FamilyName,
  type GlmmFit,
  type LinkName,
} from "@attune/stats";
import { fitProgress } from "../io/progress.ts";
import { readCsvFile } from "../io/readCsv.ts";
import type { FitExtrasOptions } from "./fitExtras.ts";

/** The generalized part of `attune fit`: options after commander has parsed them. */
export interface FitGlmmCommandOptions extends FitExtrasOptions {
  readonly data: string;
  readonly formula: string;
  readonly family: string;
  readonly link?: string;
  readonly nagq?: string;
  readonly json: boolean;
  /** Progress line on stderr for fits over 2 s; default on unless --json. */
  readonly progress?: boolean;
}

/**
 * Runs `attune fit --family binomial|poisson [--link L] [--nagq N] [--weights COL] [--compare F]
 * [--contrast SPEC ...]`: a GLMM as lme4's glmer (prior weights as glmer's `weights =`), with the
 * latent-scale ICC and R² of performance::icc / r2_nakagawa, anova() against a smaller glmer fit and
 * Wald z contrasts; printed as JSON or as a summary laid out like summary(glmer(...)).
 *
 * @example
 * runFitGlmm({ data: "cbpp.csv", formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)", family: "binomial", json: true });
 */
export function runFitGlmm(opts: FitGlmmCommandOptions): void {
  if (opts.family !== "binomial" && opts.family !== "poisson") {
    throw new InputError(`--family must be binomial or poisson, got "${opts.family}"`);
  }
  if (opts.nagq !== undefined && !/^\s*\d+\s*$/.test(opts.nagq)) {
    throw new InputError(`--nagq must be a whole number from 0 to 100, got "${opts.nagq}"`);
  }
  const nAGQ = opts.nagq === undefined ? 1 : Number(opts.nagq);
  const data = readCsvFile(opts.data);
  const progress = fitProgress(opts.progress ?? !opts.json);
  const fit = fitGlmm(opts.formula, data, {
    onEvaluation: progress,
    family: opts.family as FamilyName,
    ...(opts.link === undefined ? {} : { link: opts.link as LinkName }),
    ...(opts.weights === undefined ? {} : { weights: opts.weights }),
    nAGQ,
  });
  progress.done();
  const summary = fit.summary();
  const extras = glmmExtras(fit, opts);
  process.stdout.write(
    opts.json
      ? `${JSON.stringify({ ...summary, ...extras.json })}\n`
      : `${[formatGlmmSummary(summary, opts.data, opts.weights), ...extras.text].join("\n\n")}\n`,
  );
}

/**
 * ICC and R² (always), the comparison and the contrasts (when asked for) of a GLMM: JSON fields and
 * paragraphs of the text summary.
 *
 * @example
 * const { json, text } = glmmExtras(fit, { compare: "y ~ 1 + (1 | g)" });
 */
export function glmmExtras(
  fit: GlmmFit,
  opts: FitExtrasOptions,
): { json: Record<string, unknown>; text: string[] } {
  const i = glmmIcc(fit);
  const r2 = glmmR2(fit);
  const json: Record<string, unknown> = {
    icc: i,
    r2: {
      marginal: r2.marginal,
      conditional: r2.conditional,
      varFixed: r2.glmm.fixed,
      varRandom: r2.glmm.random,
      varResidual: r2.glmm.residual,
      varDistribution: r2.glmm.distribution,
      varDispersion: r2.glmm.dispersion,
    },
  };
  const text = [formatEffectSizes(i, r2)];
  if (opts.weights !== undefined) json.weights = opts.weights;
  if (opts.contrast && opts.contrast.length > 0) {
    const cs = opts.contrast.map((c) => glmmContrast(fit, c));
    json.contrasts = cs;
    text.push(formatContrasts(cs));
  }
  if (opts.compare !== undefined) {
    const c = compareGlmms(fit, opts.compare);
    json.comparison = c;
    text.push(formatComparison(c));
  }
  return { json, text };
}
