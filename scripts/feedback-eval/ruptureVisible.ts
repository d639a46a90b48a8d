// The goal restated on what a patient's form can show: per scenario, the large ruptures (and ruptures of any
// size) whose form is rated below the top at the onset, or at the next session while the rupture lasts
// (`formCanShow` in metrics.ts, the definition ruptureBound.ts counts with too), and how many of those the
// shipped rule flags within one session, beside last-3 and the previous-session drop at the SAME false count
// (their thresholds chosen with the truth per network, so they are favoured) and reliable change at its own
// threshold. No rule on the form can see a rupture that moves no answer or falls on a missing form.
// Usage: nice -n 10 npx tsx scripts/feedback-eval/ruptureVisible.ts [networks=10] [firstSeed=101] [--first=6|20]
// (--first: the first simulator; it records no rupture sizes, so only the all-size columns are filled.)
import { calibrateNetwork, replayFeedback } from "@attune/core";
import { SCENARIOS } from "../../packages/core/src/simulate2/index.ts";
import { atFalseRate, atThreshold, fromAlerts, simpleStatistics, windows } from "./metrics.ts";
import { fromSimulator1, fromSimulator2, type EvalNetwork } from "./networks.ts";
import { falsePer100, pct } from "./rates.ts";
import { addCounts, emptyCounts, type RuptureCounts } from "./ruptureCounts.ts";

const networks = Number(process.argv[2] ?? 10);
const firstSeed = Number(process.argv[3] ?? 101);
const firstArg = process.argv.find((a) => a.startsWith("--first"));
const firstSessions = firstArg ? Number(firstArg.split("=")[1] ?? 6) : null;

const RULES = {
  ours: "shipped rule (mean statistic, calibrated bar)",
  last3: "last-3 drop, same false count",
  prev: "previous-session drop, same false count",
  reliableChange: "reliable-change drop (own threshold)",
} as const;
type Rule = keyof typeof RULES;

/** Every rule's counts on one network (the shipped rule exactly as the server replays it). */
function measure(net: EvalNetwork): Record<Rule, RuptureCounts | null> {
  const cal = calibrateNetwork(net.dyads, net.scales);
  const replay = replayFeedback(net.dyads, net.scales, { calibration: cal });
  const w = windows(net);
  const alerts = replay.alerts.filter((a) => a.kind === "rupture");
  const falseOurs = alerts.filter((a) => !w.get(a.patient)?.has(a.session)).length;
  const stats = simpleStatistics(net, cal, false);
  const rc = cal.forms.alliancePatient.reliableChange;
  return {
    ours: fromAlerts(net, alerts, falseOurs),
    last3: atFalseRate(net, stats.last3, falseOurs),
    prev: atFalseRate(net, stats.prev, falseOurs),
    reliableChange: rc === null ? null : atThreshold(net, stats.prev, rc),
  };
}

const label = firstSessions ? `First simulator (${firstSessions} sessions)` : "Second simulator";
console.log(`${label}, seeds ${firstSeed}–${firstSeed + networks - 1}`);
console.log(
  "| scenario | rule | false /100 non-rupture | large flagged (all) | large the form can show | large flagged among those | all sizes flagged (all) | all sizes the form can show | all sizes flagged among those |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const sc of firstSessions ? [null] : SCENARIOS) {
  if (sc && process.env.SCENARIO && sc.name !== process.env.SCENARIO) continue;
  const sums = Object.fromEntries(Object.keys(RULES).map((k) => [k, emptyCounts()])) as Record<
    Rule,
    RuptureCounts
  >;
  for (let k = 0; k < networks; k++) {
    const net = sc ? fromSimulator2(sc, firstSeed + k) : fromSimulator1(firstSessions ?? 6, firstSeed + k);
    const m = measure(net);
    for (const r of Object.keys(RULES) as Rule[]) addCounts(sums[r], m[r]);
  }
  for (const r of Object.keys(RULES) as Rule[]) {
    const c = sums[r];
    // No reliable-change index (the form's reliability unknown): nothing was measured, so no row.
    if (c.ruptures === 0) continue;
    const large = c.bySize.large;
    console.log(
      `| ${sc?.name ?? label} | ${RULES[r]} | ${falsePer100(c)} | ${pct(...large)} of ${large[1]} | ${pct(c.largeOnForm[1], large[1])} | ${pct(...c.largeOnForm)} of ${c.largeOnForm[1]} | ${pct(c.flagged, c.ruptures)} of ${c.ruptures} | ${pct(c.allOnForm[1], c.ruptures)} | ${pct(...c.allOnForm)} of ${c.allOnForm[1]} |`,
    );
  }
}
