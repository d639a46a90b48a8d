// The rupture rule's two statistics side by side on the second simulator: the item-level ordinal model
// (`ruptureStatistic: "items"`) and, at the false-alert count it realises, the form mean's z and the
// last-3-mean drop (thresholds set with the truth); optionally the default (mean) rule itself.
// Usage: nice -n 10 npx tsx scripts/feedback-eval/ruptureItems.ts [networks=10] [firstSeed=101] [--mean]
// Seeds 1–5 were used for tuning; report 101–110 and a fresh set (401–420) run once.
import { SCENARIOS } from "../../packages/core/src/simulate2/index.ts";
import { evaluateNetwork } from "./metrics.ts";
import { fromSimulator2 } from "./networks.ts";
import { addCounts, emptyCounts, type RuptureCounts } from "./ruptureCounts.ts";
import { countsRow, printHead } from "./ruptureTable.ts";

const networks = Number(process.argv[2] ?? 10);
const firstSeed = Number(process.argv[3] ?? 101);
const withMean = process.argv.includes("--mean");
const only = process.env.SCENARIO;

const row = (c: RuptureCounts): string => countsRow(c).replaceAll("%", "");

printHead(`Seeds ${firstSeed}–${firstSeed + networks - 1}`, "rule");
for (const sc of SCENARIOS) {
  if (only && sc.name !== only) continue;
  const sums = {
    items: emptyCounts(),
    meanZ: emptyCounts(),
    last3: emptyCounts(),
    itemsZ: emptyCounts(),
    meanRule: emptyCounts(),
    last3AtMean: emptyCounts(),
  };
  const started = Date.now();
  for (let k = 0; k < networks; k++) {
    const net = fromSimulator2(sc, firstSeed + k);
    const r = evaluateNetwork(net, { ruptureStatistic: "items" });
    addCounts(sums.items, r.rupture.ours);
    addCounts(sums.meanZ, r.rupture.zStatelessMatched);
    addCounts(sums.last3, r.rupture.last3Matched);
    addCounts(sums.itemsZ, r.rupture.itemZMatched);
    if (withMean) {
      const m = evaluateNetwork(net, {});
      addCounts(sums.meanRule, m.rupture.ours);
      addCounts(sums.last3AtMean, m.rupture.last3Matched);
    }
  }
  const line = (rule: string, c: RuptureCounts) => console.log(`| ${sc.name} | ${rule} | ${row(c)} |`);
  line("**item rule**", sums.items);
  line("form mean's z (no rupture state), item rule's false count", sums.meanZ);
  line("last-3-mean drop, item rule's false count", sums.last3);
  line("item z (no rupture state), item rule's false count", sums.itemsZ);
  if (withMean) {
    line("mean rule (default)", sums.meanRule);
    line("last-3-mean drop, mean rule's false count", sums.last3AtMean);
  }
  console.error(`${sc.name}: ${((Date.now() - started) / 1000 / networks).toFixed(1)} s per network`);
}
