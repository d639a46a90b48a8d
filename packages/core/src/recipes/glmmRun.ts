import { InputError, type FamilyName, type LinkName } from "@attune/stats";
import {
  defaultGlmmFitter,
  type DataFrame,
  type GlmmFit,
  type GlmmFitSummary,
  type GlmmFitter,
} from "./engine.ts";

/** One fitted generalized model of a recipe (glmer), with the exact data it was fitted on. */
export interface GlmmModelRun {
  readonly name: string;
  readonly formula: string;
  /** lme4 family, link and nAGQ, as the R script refits it. */
  readonly family: FamilyName;
  readonly link: LinkName;
  readonly nAGQ: number;
  readonly frame: DataFrame;
  readonly fit: GlmmFit;
  readonly summary: GlmmFitSummary;
  /** What one row of the frame is ("patient" or "session after baseline"). */
  readonly unit: string;
  /** Input rows (patient × session) that are not the basis of a frame row. */
  readonly rowsDropped: number;
}

/**
 * Fits one GLMM (glmer; binomial logit with Laplace unless the fitter says otherwise); engine errors are
 * prefixed with the model name.
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
    family: f.family.name,
    link: f.family.link.name,
    nAGQ: f.nAGQ,
    frame,
    fit: f,
    summary: f.summary(),
    unit,
    rowsDropped: nInput - frame.nrow,
  };
}
