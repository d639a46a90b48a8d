import { InputError } from "@attune/stats";
import {
  defaultGlmmFitter,
  type DataFrame,
  type GlmmFit,
  type GlmmFitSummary,
  type GlmmFitter,
} from "./engine.ts";

/** One fitted generalized (binomial) model of a recipe, with the exact data it was fitted on. */
export interface GlmmModelRun {
  readonly name: string;
  readonly formula: string;
  /** lme4 family and link, as the R script refits it. */
  readonly family: "binomial";
  readonly link: "logit";
  readonly frame: DataFrame;
  readonly fit: GlmmFit;
  readonly summary: GlmmFitSummary;
  /** What one row of the frame is ("patient" or "session after baseline"). */
  readonly unit: string;
  /** Input rows (patient × session) that are not the basis of a frame row. */
  readonly rowsDropped: number;
}

/**
 * Fits one binomial GLMM (glmer, Laplace); engine errors are prefixed with the model name.
 *
 * @example
 * runGlmm("dropout", "dropout ~ condition + (1 | therapist)", frame, "patient", data.nrow);
 */
export function runGlmm(
  name: string,
  formula: string,
  frame: DataFrame,
  unit: string,
  nInput: number,
  fit: GlmmFitter = defaultGlmmFitter,
): GlmmModelRun {
  if (frame.nrow === 0) throw new InputError(`${name}: no rows to fit`);
  let f: GlmmFit;
  try {
    f = fit(formula, frame);
  } catch (err) {
    const message = `${name}: ${err instanceof Error ? err.message : String(err)}`;
    if (err instanceof InputError) throw new InputError(message, err.where);
    throw new Error(message, { cause: err });
  }
  return {
    name,
    formula,
    family: "binomial",
    link: "logit",
    frame,
    fit: f,
    summary: f.summary(),
    unit,
    rowsDropped: nInput - frame.nrow,
  };
}
