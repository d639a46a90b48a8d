// Prediction from a fitted linear mixed model (LmmFit.predict), apart from the fit itself: it reads only
// the fit's public results (β̂, Var(β̂), σ, the conditional modes and covariances).
import { qNormal } from "../distributions/index.ts";
import { InputError } from "../errors.ts";
import type { ExpandedFormula } from "../formula/terms.ts";
import type { DataFrame } from "../frame/dataFrame.ts";
import type { RandomTermDesign } from "../model/design.ts";
import type { ModelFrame } from "../model/frame.ts";
import { newDataDesign } from "../model/newData.ts";
import type { RandomEffects } from "./types.ts";

/** Options of {@link predictLmm} (and LmmFit.predict). */
export interface PredictOptions {
  /** "group" (default): fixed effects plus conditional modes; "population": fixed effects only. */
  readonly level?: "group" | "population";
  /** Coverage of a normal prediction interval for a new observation, e.g. 0.95. Default: none. */
  readonly interval?: number;
}

/** Predictions: means, prediction SDs, and the interval bounds when asked for. */
export interface Prediction {
  readonly fit: Float64Array;
  readonly sd: Float64Array;
  readonly lower?: Float64Array;
  readonly upper?: Float64Array;
}

/** What {@link predictLmm} reads of a fit (LmmFit has all of it). */
export interface PredictableFit {
  readonly expanded: ExpandedFormula;
  readonly frame: ModelFrame;
  readonly fixefNames: readonly string[];
  readonly terms: readonly RandomTermDesign[];
  readonly beta: Float64Array;
  readonly vcov: Float64Array;
  readonly sigma: number;
  readonly ranef: readonly RandomEffects[];
  termCovariance(j: number): Float64Array;
}

/**
 * Predictions for new data (default: the data fitted), at group level (fixed effects plus the
 * conditional modes of known levels; a level not seen gets none) or population level (fixed effects
 * only). With `interval`, also the prediction SD and a normal prediction interval for a new
 * observation: Var = x'Var(β̂)x + Σ z'Cz + σ², C the level's conditional covariance (group level, known
 * level) or the term's covariance Σ_b (population level or a new level); Cov(β̂, b̃) is ignored.
 *
 * @example
 * predictLmm(fit, newdata, { level: "population", interval: 0.9 }); // { fit, sd, lower, upper }
 */
export function predictLmm(
  fit: PredictableFit,
  newdata: DataFrame,
  options: PredictOptions = {},
): Prediction {
  const level = options.level ?? "group";
  const d = newDataDesign(fit.expanded, fit.frame, fit.fixefNames, fit.terms, newdata);
  const p = fit.beta.length;
  const means = new Float64Array(d.n);
  const sd = new Float64Array(d.n);
  const covs = fit.terms.map((_, j) => fit.termCovariance(j));
  const s2 = fit.sigma * fit.sigma;
  const xr = new Float64Array(p);
  for (let i = 0; i < d.n; i++) {
    if (!d.complete[i]) {
      means[i] = Number.NaN;
      sd[i] = Number.NaN;
      continue;
    }
    let mean = d.offset ? (d.offset[i] as number) : 0;
    for (let r = 0; r < p; r++) {
      xr[r] = (d.x[r] as Float64Array)[i] as number;
      mean += (xr[r] as number) * (fit.beta[r] as number);
    }
    let v = s2;
    for (let r = 0; r < p; r++)
      for (let c = 0; c < p; c++)
        v += (xr[r] as number) * (fit.vcov[r * p + c] as number) * (xr[c] as number);
    d.terms.forEach((t, j) => {
      const re = fit.ranef[j] as RandomEffects;
      const k = re.terms.length;
      const code = t.codes[i] as number;
      const useMode = level === "group" && code >= 0;
      const cov = useMode ? re.condCov.subarray(code * k * k, (code + 1) * k * k) : (covs[j] as Float64Array);
      for (let e = 0; e < k; e++) {
        const ze = (t.columns[e] as Float64Array)[i] as number;
        if (useMode) mean += ze * (re.modes[code * k + e] as number);
        for (let f = 0; f < k; f++)
          v += ze * (cov[e * k + f] as number) * ((t.columns[f] as Float64Array)[i] as number);
      }
    });
    means[i] = mean;
    sd[i] = Math.sqrt(v);
  }
  if (options.interval === undefined) return { fit: means, sd };
  if (!(options.interval > 0 && options.interval < 1)) {
    throw new InputError(`interval must be a probability between 0 and 1, got ${options.interval}`);
  }
  const z = qNormal(0.5 + options.interval / 2);
  return {
    fit: means,
    sd,
    lower: means.map((m, i) => m - z * (sd[i] as number)),
    upper: means.map((m, i) => m + z * (sd[i] as number)),
  };
}
