// The F distribution's upper tail, apart from index.ts so that bundles without an F test leave it out.
import fCdf from "@stdlib/stats-base-dists-f-cdf";

/**
 * Upper-tail p-value of an F statistic.
 *
 * @example
 * pUpperF(4, 1, 20); // ≈ 0.059
 */
export function pUpperF(f: number, df1: number, df2: number): number {
  return 1 - fCdf(f, df1, df2);
}
