// Distribution functions from @stdlib (well-kept, tested against R); thin wrappers with our names.
// The F distribution and the t quantile live in files of their own (upperF.ts, quantileT.ts): the
// package is marked free of side effects, so a bundle that never calls them (`attune fit`) leaves
// their @stdlib modules out instead of loading them at start-up.
import chisqCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";

/**
 * Two-sided p-value of a t statistic with `df` degrees of freedom.
 *
 * @example
 * pTwoSidedT(2.1, 17); // ≈ 0.0509
 */
export function pTwoSidedT(t: number, df: number): number {
  if (!Number.isFinite(df) || df > 1e7) return pTwoSidedZ(t);
  return 2 * tCdf(-Math.abs(t), df);
}

/**
 * Two-sided p-value of a standard normal statistic.
 *
 * @example
 * pTwoSidedZ(1.96); // ≈ 0.05
 */
export function pTwoSidedZ(z: number): number {
  return 2 * normalCdf(-Math.abs(z), 0, 1);
}

/**
 * Upper-tail p-value of a chi-square statistic.
 *
 * @example
 * pUpperChisq(3.84, 1); // ≈ 0.05
 */
export function pUpperChisq(x: number, df: number): number {
  return 1 - chisqCdf(x, df);
}

/**
 * Quantile of the standard normal distribution.
 *
 * @example
 * qNormal(0.975); // ≈ 1.959964
 */
export function qNormal(p: number): number {
  return normalQuantile(p, 0, 1);
}
