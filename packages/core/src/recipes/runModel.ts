import { InputError } from "@attune/stats";
import { defaultFitter, type DataFrame, type Fitter } from "./engine.ts";
import type { ModelRun } from "./types.ts";

/**
 * Fits one model by REML and records its summary; engine errors are prefixed with the model name.
 *
 * @example
 * runModel("rsa", "outcome_next ~ X + Y + (1 | therapist)", frame, fit, data.nrow);
 */
export function runModel(
  name: string,
  formula: string,
  frame: DataFrame,
  fit: Fitter | undefined,
  nInput: number,
): ModelRun {
  // The data cannot support this model: a problem of the input (a 400 through the API), not a fault.
  if (frame.nrow === 0)
    throw new InputError(`${name}: no rows left to fit after removing rows with missing values`);
  let f;
  try {
    f = (fit ?? defaultFitter)(formula, frame, { reml: true });
  } catch (err) {
    const message = `${name}: ${err instanceof Error ? err.message : String(err)}`;
    if (err instanceof InputError) throw new InputError(message, err.where);
    throw new Error(message, { cause: err });
  }
  return { name, formula, frame, fit: f, summary: f.summary(), rowsDropped: nInput - frame.nrow };
}
