// Summing rupture counts over networks and printing them as a table row (the rupture scripts share it).
import type { RuptureCounts } from "./metrics.ts";

/**
 * Counts of no network.
 *
 * @example
 * const total = emptyCounts();
 */
export function emptyCounts(): RuptureCounts {
  return {
    ruptures: 0,
    flagged: 0,
    bySize: { small: [0, 0], medium: [0, 0], large: [0, 0] },
    topBox: [0, 0],
    largeVisible: [0, 0],
    largeOnForm: [0, 0],
    allOnForm: [0, 0],
    falseAlerts: 0,
    nonRuptureSessions: 0,
  };
}

/**
 * Adds one network's counts into a total (null: nothing measured).
 *
 * @example
 * addCounts(total, evaluateNetwork(net).rupture.ours);
 */
export function addCounts(a: RuptureCounts, b: RuptureCounts | null): void {
  if (!b) return;
  a.ruptures += b.ruptures;
  a.flagged += b.flagged;
  for (const k of ["small", "medium", "large"] as const) {
    a.bySize[k][0] += b.bySize[k][0];
    a.bySize[k][1] += b.bySize[k][1];
  }
  a.topBox[0] += b.topBox[0];
  a.topBox[1] += b.topBox[1];
  a.largeVisible[0] += b.largeVisible[0];
  a.largeVisible[1] += b.largeVisible[1];
  for (const k of ["largeOnForm", "allOnForm"] as const) {
    a[k][0] += b[k][0];
    a[k][1] += b[k][1];
  }
  a.falseAlerts += b.falseAlerts;
  a.nonRuptureSessions += b.nonRuptureSessions;
}

const pct = (x: number, n: number): string => (n > 0 ? ((100 * x) / n).toFixed(1) : "–");

/**
 * False alerts per 100 non-rupture sessions | large flagged | all flagged | top-box responders' ruptures flagged |
 * large flagged among those the form can show (`formCanShow`).
 *
 * @example
 * console.log(`| rule | ${countsRow(total)} |`);
 */
export function countsRow(c: RuptureCounts): string {
  return `${((100 * c.falseAlerts) / Math.max(1, c.nonRuptureSessions)).toFixed(2)} | ${pct(...c.bySize.large)}% | ${pct(c.flagged, c.ruptures)}% | ${pct(...c.topBox)}% | ${pct(...c.largeOnForm)}%`;
}

/**
 * Prints the title line and the head of a rupture table whose second column is `what`.
 *
 * @example
 * printHead("Seeds 101–110", "rule");
 */
export function printHead(title: string, what: string): void {
  console.log(title);
  console.log(
    `| scenario | ${what} | false /100 non-rupture | large ≥1 SD flagged | all flagged | top-box responders | large among those the form can show |`,
  );
  console.log("|---|---|---|---|---|---|---|");
}
