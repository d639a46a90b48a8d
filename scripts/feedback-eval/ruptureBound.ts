// What these data allow: the default rupture rule at its calibrated bar beside the same rule, the form
// mean's stateless z and (with --items) the item model's stateless z, each at the bar chosen per network
// WITH the truth so that it raises at most 5 false alerts per 100 non-rupture sessions. No calibrated bar
// can beat the truth-chosen one, so the latter bounds what a threshold on that statistic can flag.
// Usage: nice -n 10 npx tsx scripts/feedback-eval/ruptureBound.ts [networks=5] [firstSeed=1] [--items]
import { calibrateNetwork, calibratedRuptureAlerts, type NetworkCalibration } from "@attune/core";
import { SCENARIOS } from "../../packages/core/src/simulate2/index.ts";
import {
  atFalseRate,
  atThreshold,
  formCanShow,
  fromAlerts,
  simpleStatistics,
  sizeClass,
  windows,
  type Scored,
} from "./metrics.ts";
import { fromSimulator2, type EvalNetwork } from "./networks.ts";
import { pct } from "./rates.ts";
import { addCounts, emptyCounts, type RuptureCounts } from "./ruptureCounts.ts";
import { countsRow, printHead } from "./ruptureTable.ts";

const networks = Number(process.argv[2] ?? 5);
const firstSeed = Number(process.argv[3] ?? 1);
const withItems = process.argv.includes("--items");
const only = process.env.SCENARIO;

/** The stateful rule's alerts with the bar set to `bar`. */
function ruleAt(net: EvalNetwork, cal: NetworkCalibration, bar: number): RuptureCounts {
  const rule = { ...cal.rupture, zThreshold: bar };
  const w = windows(net);
  const alerts = net.dyads.flatMap((d) =>
    calibratedRuptureAlerts(d.sessions, net.scales.patientAlliance, net.scales.therapistAlliance, rule)
      .filter((a) => a.kind === "rupture")
      .map((a) => ({ patient: d.patient, session: a.session })),
  );
  return fromAlerts(net, alerts, alerts.filter((a) => !w.get(a.patient)?.has(a.session)).length);
}

/** The lowest bar (to 0.005) at which the rule raises at most `allowed` false alerts. */
function oracleBar(net: EvalNetwork, cal: NetworkCalibration, allowed: number): number {
  let lo = 0.5;
  let hi = 5;
  while (hi - lo > 0.005) {
    const mid = (lo + hi) / 2;
    if (ruleAt(net, cal, mid).falseAlerts <= allowed) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** One patient-prefixed copy of a network's truth and its scored sessions, for pooling networks. */
function prefixed<T extends { patient: string }>(k: number, list: readonly T[]): T[] {
  return list.map((x) => ({ ...x, patient: `${k}/${x.patient}` }));
}

/**
 * The pooled bound: one threshold over all networks of the scenario, chosen with the truth so that the
 * false alerts of all networks together stay ≤ 5 per 100 non-rupture sessions (the goal is a pooled rate,
 * and a pooled bar may spend more in one network and less in another).
 */
function pooledBound(nets: readonly EvalNetwork[], scored: readonly Scored[][]): RuptureCounts {
  const merged: EvalNetwork = {
    dyads: nets.flatMap((n, k) => prefixed(k, n.dyads)),
    scales: (nets[0] as EvalNetwork).scales,
    ruptures: nets.flatMap((n, k) => prefixed(k, n.ruptures)),
    deteriorating: new Set(),
    sessions: nets.reduce((a, n) => a + n.sessions, 0),
  };
  const all = scored.flatMap((list, k) => prefixed(k, list));
  const base = atThreshold(merged, all, Infinity);
  return atFalseRate(merged, all, Math.floor(0.05 * base.nonRuptureSessions));
}

printHead(`Seeds ${firstSeed}–${firstSeed + networks - 1}`, "rule");
for (const sc of SCENARIOS) {
  if (only && sc.name !== only) continue;
  const visible: [number, number] = [0, 0];
  const sums = {
    rule: emptyCounts(),
    ruleBound: emptyCounts(),
    meanBound: emptyCounts(),
    itemBound: emptyCounts(),
  };
  const nets: EvalNetwork[] = [];
  const meanZ: Scored[][] = [];
  const itemZ: Scored[][] = [];
  for (let k = 0; k < networks; k++) {
    const net = fromSimulator2(sc, firstSeed + k);
    nets.push(net);
    const cal = calibrateNetwork(net.dyads, net.scales);
    const atBar = ruleAt(net, cal, cal.rupture.zThreshold);
    const shows = formCanShow(net);
    visible[0] += net.ruptures.filter((r) => sizeClass(r.size) === "large" && shows(r)).length;
    visible[1] += net.ruptures.filter((r) => sizeClass(r.size) === "large").length;
    const allowed = Math.floor(0.05 * atBar.nonRuptureSessions);
    addCounts(sums.rule, atBar);
    addCounts(sums.ruleBound, ruleAt(net, cal, oracleBar(net, cal, allowed)));
    const stats = simpleStatistics(net, cal, withItems);
    meanZ.push(stats.zStat);
    itemZ.push(stats.itemZ);
    addCounts(sums.meanBound, atFalseRate(net, stats.zStat, allowed));
    if (withItems) addCounts(sums.itemBound, atFalseRate(net, stats.itemZ, allowed));
  }
  const line = (rule: string, c: RuptureCounts) => console.log(`| ${sc.name} | ${rule} | ${countsRow(c)} |`);
  line("mean rule (default), its calibrated bar", sums.rule);
  line("mean rule, bar chosen with the truth (≤ 5 /100)", sums.ruleBound);
  line("form mean's z (stateless), bar chosen with the truth", sums.meanBound);
  if (withItems) line("item z (stateless), bar chosen with the truth", sums.itemBound);
  line("form mean's z (stateless), one pooled bar chosen with the truth", pooledBound(nets, meanZ));
  if (withItems) line("item z (stateless), one pooled bar chosen with the truth", pooledBound(nets, itemZ));
  console.log(
    `| ${sc.name} | large ruptures rated below the top at onset (or next session while it lasts) | – | ${pct(...visible)} of ${visible[1]} | – | – | – |`,
  );
}
