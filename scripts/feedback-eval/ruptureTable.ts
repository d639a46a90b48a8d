// Printing rupture counts as a table row under the rupture scripts' shared head.
import { falsePer100, pct } from "./rates.ts";
import type { RuptureCounts } from "./ruptureCounts.ts";

/**
 * False alerts per 100 non-rupture sessions | large flagged | all flagged | top-box responders' ruptures flagged |
 * large flagged among those the form can show (`formCanShow`).
 *
 * @example
 * console.log(`| rule | ${countsRow(total)} |`);
 */
export function countsRow(c: RuptureCounts): string {
  return `${falsePer100(c)} | ${pct(...c.bySize.large)} | ${pct(c.flagged, c.ruptures)} | ${pct(...c.topBox)} | ${pct(...c.largeOnForm)}`;
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
