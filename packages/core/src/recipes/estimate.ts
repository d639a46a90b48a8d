import type { FitLike } from "./engine.ts";
import { normalQuantile, normalTwoSidedP } from "./normal.ts";
import type { Estimate } from "./types.ts";

const Z975 = normalQuantile(0.975);

/**
 * Tests the linear combination L'β of a fit (Satterthwaite df from the engine) and adds a 95% interval
 * (normal quantile when df is large, otherwise a t quantile from a Cornish–Fisher expansion).
 *
 * @example
 * contrastEstimate(fit, slopeRow(fit.fixefNames, "time", {}, arm)); // { estimate, se, df, p, lower, upper }
 */
export function contrastEstimate(fit: FitLike, L: ArrayLike<number>): Estimate {
  const c = fit.contrast(L);
  const q = tQuantile975(c.df);
  return { estimate: c.estimate, se: c.se, df: c.df, p: c.p, lower: c.estimate - q * c.se, upper: c.estimate + q * c.se };
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
    p: normalTwoSidedP(estimate / se),
    lower: estimate - Z975 * se,
    upper: estimate + Z975 * se,
  };
}

/**
 * 0.975 quantile of Student's t with `df` degrees of freedom (Cornish–Fisher expansion in 1/df; error
 * below 1e-4 for df ≥ 3, exact values for df = 1, 2).
 *
 * @example
 * tQuantile975(10); // ≈ 2.228
 */
export function tQuantile975(df: number): number {
  if (!(df > 0)) return Number.NaN;
  if (!Number.isFinite(df)) return Z975;
  if (df <= 1) return 12.706204736174705;
  if (df <= 2) return 4.302652729749464;
  const z = Z975;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * (5 * z2 * z2 + 16 * z2 + 3)) / 96;
  const g3 = (z * (3 * z2 ** 3 + 19 * z2 * z2 + 17 * z2 - 15)) / 384;
  const g4 = (z * (79 * z2 ** 4 + 776 * z2 ** 3 + 1482 * z2 * z2 - 1920 * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}
