import type { Command } from "commander";
import {
  compareModels,
  formatComparison,
  formatContrasts,
  formatEffectSizes,
  icc,
  linearContrast,
  r2Nakagawa,
  type LmmFit,
} from "@attune/stats";

/** The options of `attune fit` beyond the model itself: weights, comparison, contrasts. */
export interface FitExtrasOptions {
  /** Column of prior weights (lmer's `weights =`). */
  readonly weights?: string;
  /** Formula of a smaller model to compare with (lme4's `anova`). */
  readonly compare?: string;
  /** Linear contrasts to test (repeatable). */
  readonly contrast?: readonly string[];
}

/**
 * Adds `--weights`, `--compare` and `--contrast` to the fit command.
 *
 * @example
 * addFitExtrasOptions(program.command("fit"));
 */
export function addFitExtrasOptions(cmd: Command): Command {
  return cmd
    .option("--weights <column>", "prior weights from a numeric column, as lmer's weights = (positive)")
    .option(
      "--compare <formula>",
      'compare with a smaller model by a likelihood-ratio test, as lme4\'s anova() (both refitted by ML), e.g. "y ~ x + (1 | g)"',
    )
    .option(
      "--contrast <spec>",
      'test a linear combination of fixed effects with Satterthwaite df, e.g. "factor(Diet)3 - factor(Diet)2" or "0,1,-1" (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    );
}

/**
 * What the extras add to the output: fields of the JSON object and paragraphs of the text summary.
 * ICC and R² are always reported; the comparison and contrasts when asked for.
 *
 * @example
 * const { json, text } = fitExtras(fit, { compare: "y ~ 1 + (1 | g)" });
 */
export function fitExtras(
  fit: LmmFit,
  opts: FitExtrasOptions,
): { json: Record<string, unknown>; text: string[] } {
  const i = icc(fit);
  const r2 = r2Nakagawa(fit);
  const json: Record<string, unknown> = {
    icc: i,
    r2: {
      marginal: r2.marginal,
      conditional: r2.conditional,
      varFixed: r2.components.fixed,
      varRandom: r2.components.random,
      varResidual: r2.components.residual,
    },
  };
  const text = [formatEffectSizes(i, r2)];
  if (opts.weights !== undefined) json.weights = opts.weights;
  if (opts.contrast && opts.contrast.length > 0) {
    const cs = opts.contrast.map((c) => linearContrast(fit, c));
    json.contrasts = cs;
    text.push(formatContrasts(cs));
  }
  if (opts.compare !== undefined) {
    const c = compareModels(fit, opts.compare);
    json.comparison = c;
    text.push(formatComparison(c));
  }
  return { json, text };
}
