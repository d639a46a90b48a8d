// Distribution functions from @stdlib (well-kept, tested against R); thin wrappers with our names.
import chisqCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import fCdf from "@stdlib/stats-base-dists-f-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

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
 * Upper-tail p-value of an F statistic.
 *
 * @example
 * pUpperF(4, 1, 20); // ≈ 0.059
 */
export function pUpperF(f: number, df1: number, df2: number): number {
  return 1 - fCdf(f, df1, df2);
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

/**
 * Quantile of Student's t distribution.
 *
 * @example
 * qT(0.975, 10); // ≈ 2.228139
 */
export function qT(p: number, df: number): number {
  return tQuantile(p, df);
}
