import { pTwoSidedZ, qNormal, qT } from "@attune/stats";
import type { FitLike } from "./engine.ts";
import type { Estimate } from "./types.ts";

const Z975 = qNormal(0.975);

/**
 * Tests the linear combination L'β of a fit (Satterthwaite df from the engine) and adds a 95% interval
 * from the t distribution with that df.
 *
 * @example
 * contrastEstimate(fit, slopeRow(fit.fixefNames, "time", {}, arm)); // { estimate, se, df, p, lower, upper }
 */
export function contrastEstimate(fit: FitLike, L: ArrayLike<number>): Estimate {
  const c = fit.contrast(L);
  const q = Number.isFinite(c.df) && c.df > 0 ? qT(0.975, c.df) : Z975;
  return {
    estimate: c.estimate,
    se: c.se,
    df: c.df,
    p: c.p,
    lower: c.estimate - q * c.se,
    upper: c.estimate + q * c.se,
  };
}

/**
 * An estimate with a z test (df = Infinity) and a 95% normal interval.
 *
 * @example
 * zEstimate(0.2, 0.1); // { estimate: 0.2, se: 0.1, df: Infinity, p: 0.0455, lower: 0.004, upper: 0.396 }
 */
export function zEstimate(estimate: number, se: number): Estimate {
  return {
    estimate,
    se,
    df: Number.POSITIVE_INFINITY,
    p: pTwoSidedZ(estimate / se),
    lower: estimate - Z975 * se,
    upper: estimate + Z975 * se,
  };
}
