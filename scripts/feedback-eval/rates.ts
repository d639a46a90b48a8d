// How the rupture scripts print a share of a count: one definition, so every table writes an empty group the
// same way ("–", nothing to divide) instead of NaN, a made-up 0 or a stray percent sign.
import type { NotOnTrackCounts } from "./metrics.ts";
import type { RuptureCounts } from "./ruptureCounts.ts";

/** What a table cell says when its group is empty (0 of 0): there is no rate to give. */
export const NO_RATE = "–";

/**
 * `x` of `n` as a percentage with one decimal ("12.5%"); an empty group (n = 0) is {@link NO_RATE}.
 *
 * @example
 * pct(1, 8); // "12.5%"
 * pct(0, 0); // "–"
 */
export function pct(x: number, n: number): string {
  return n > 0 ? `${((100 * x) / n).toFixed(1)}%` : NO_RATE;
}

/**
 * False rupture alerts per 100 non-rupture sessions, two decimals ("25.00"); with no non-rupture session
 * (an empty sum) there is no rate: {@link NO_RATE}.
 *
 * @example
 * falsePer100({ falseAlerts: 3, nonRuptureSessions: 12 }); // "25.00"
 * falsePer100(emptyCounts()); // "–"
 */
export function falsePer100(c: Pick<RuptureCounts, "falseAlerts" | "nonRuptureSessions">): string {
  return c.nonRuptureSessions > 0 ? ((100 * c.falseAlerts) / c.nonRuptureSessions).toFixed(2) : NO_RATE;
}

/**
 * Youden's J of a not-on-track rule (sensitivity − false-positive rate per patient), two decimals; it needs
 * both groups, so without deteriorating patients or without others it is {@link NO_RATE}.
 *
 * @example
 * youdenJ({ deteriorating: 10, deterioratingFlagged: 6, others: 90, othersFlagged: 9 }); // "0.50"
 */
export function youdenJ(c: NotOnTrackCounts): string {
  if (c.deteriorating === 0 || c.others === 0) return NO_RATE;
  return (c.deterioratingFlagged / c.deteriorating - c.othersFlagged / c.others).toFixed(2);
}
