// Student's t quantile, apart from index.ts so that bundles without t intervals (`attune fit`) leave it out.
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

/**
 * Quantile of Student's t distribution.
 *
 * @example
 * qT(0.975, 10); // ≈ 2.228139
 */
export function qT(p: number, df: number): number {
  return tQuantile(p, df);
}
