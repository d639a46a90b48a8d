import type { FitLike } from "./engine.ts";
import { contrastEstimate } from "./estimate.ts";
import type { Estimate, ModelRun } from "./types.ts";

/** Output shape shared by the study recipes (raters, cross-lagged, ruptures, modality). */
export interface EffectsResult<R extends string> {
  readonly recipe: R;
  readonly models: readonly ModelRun[];
  /** Named effects, each a Satterthwaite contrast of one model (`<model>: <what>`). */
  readonly effects: Readonly<Record<string, Estimate>>;
  /** What the reader must know (approximations, rows left out). */
  readonly notes: readonly string[];
}

/**
 * A fixed effect (or a sum/difference of fixed effects, weights by term name) of a fit as an estimate.
 *
 * @example
 * termEstimate(fit, { "time": 1, "ratertherapist:time": 1 }); // therapist growth
 */
export function termEstimate(fit: FitLike, weights: Readonly<Record<string, number>>): Estimate {
  const names = fit.fixefNames;
  for (const t of Object.keys(weights)) {
    if (!names.includes(t))
      throw new Error(`term "${t}" is not among the fixed effects (${names.join(", ")})`);
  }
  return contrastEstimate(
    fit,
    Float64Array.from(names, (n) => weights[n] ?? 0),
  );
}
