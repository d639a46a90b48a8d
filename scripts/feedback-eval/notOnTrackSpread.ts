// How noisy is not on track's Youden's J? The first simulator's 6-session treatments give few looks per
// patient and few deteriorating patients per network (about 12), so J over 10 networks scatters widely.
// This runs many seeds and reports the pooled J with the spread of J over blocks of 10 networks. Only the
// not-on-track rule is calibrated (core's notOnTrackCalibration and episodeNotOnTrackAlerts, the same calls
// the replay and the server make), so 100 networks take about a minute instead of an hour.
// Usage: npx tsx scripts/feedback-eval/notOnTrackSpread.ts [sessions=6] [firstSeed=101] [networks=100] [sim=1|short-5pt-wellbeing|…]
// Env NOT_FPR, NOT_SHORT_FPR, NOT_PERSISTENCE override the budget (to try a variant on tuning seeds);
// NOT_SHORT_FPR=0.12 NOT_NO_CENTRE=1 is the rule of session 7.
import { episodeNotOnTrackAlerts, notOnTrackCalibration, type AlertBudget } from "@attune/core";
import { SCENARIOS } from "../../packages/core/src/simulate2/index.ts";
import type { NotOnTrackCounts } from "./metrics.ts";
import { fromSimulator1, fromSimulator2, type EvalNetwork } from "./networks.ts";

const sessions = Number(process.argv[2] ?? 6);
const firstSeed = Number(process.argv[3] ?? 101);
const networks = Number(process.argv[4] ?? 100);
const sim = process.argv[5] ?? "1";
const scenario = sim === "1" ? undefined : SCENARIOS.find((s) => s.name.startsWith(sim));
if (sim !== "1" && !scenario) throw new Error(`no second-simulator scenario starts with "${sim}"`);
const make = (seed: number): EvalNetwork =>
  scenario ? fromSimulator2(scenario, seed) : fromSimulator1(sessions, seed);

const budget: AlertBudget = {
  ...(process.env.NOT_FPR ? { notOnTrackEpisodeFpr: Number(process.env.NOT_FPR) } : {}),
  ...(process.env.NOT_SHORT_FPR ? { notOnTrackShortEpisodeFpr: Number(process.env.NOT_SHORT_FPR) } : {}),
  ...(process.env.NOT_PERSISTENCE ? { notOnTrackPersistence: Number(process.env.NOT_PERSISTENCE) } : {}),
};

/** Per patient with an intake (one episode each): deteriorating flagged, others flagged (metrics.ts's count). */
export function notOnTrackCounts(net: EvalNetwork, b: AlertBudget): NotOnTrackCounts & { z: number } {
  const fitted = notOnTrackCalibration(net.dyads, net.scales.outcome, b);
  // NOT_NO_CENTRE=1: the band centred on the model's mean, as before session 8 (to measure the change).
  const rule = process.env.NOT_NO_CENTRE ? { ...fitted, centreShift: [] } : fitted;
  const c = { deteriorating: 0, deterioratingFlagged: 0, others: 0, othersFlagged: 0, z: rule.z };
  for (const d of net.dyads) {
    if ((d.sessions.find((s) => s.session === 1)?.outcome ?? null) === null) continue;
    const flagged = episodeNotOnTrackAlerts(d.sessions, net.scales.outcome, rule).length > 0 ? 1 : 0;
    if (net.deteriorating.has(d.patient)) {
      c.deteriorating++;
      c.deterioratingFlagged += flagged;
    } else {
      c.others++;
      c.othersFlagged += flagged;
    }
  }
  return c;
}

const zero = (): NotOnTrackCounts => ({
  deteriorating: 0,
  deterioratingFlagged: 0,
  others: 0,
  othersFlagged: 0,
});
const add = (a: NotOnTrackCounts, b: NotOnTrackCounts): NotOnTrackCounts => ({
  deteriorating: a.deteriorating + b.deteriorating,
  deterioratingFlagged: a.deterioratingFlagged + b.deterioratingFlagged,
  others: a.others + b.others,
  othersFlagged: a.othersFlagged + b.othersFlagged,
});
const youden = (c: NotOnTrackCounts) => c.deterioratingFlagged / c.deteriorating - c.othersFlagged / c.others;
const fpr = (c: NotOnTrackCounts) => c.othersFlagged / c.others;

if (import.meta.url === `file://${process.argv[1]}`) {
  let all = zero();
  let block = zero();
  const blocks: number[] = [];
  const blockFpr: number[] = [];
  const netFpr: number[] = [];
  for (let k = 0; k < networks; k++) {
    const c = notOnTrackCounts(make(firstSeed + k), budget);
    netFpr.push(fpr(c));
    all = add(all, c);
    block = add(block, c);
    if ((k + 1) % 10 === 0) {
      blocks.push(youden(block));
      blockFpr.push(fpr(block));
      block = zero();
    }
  }
  const m = blocks.reduce((a, b) => a + b, 0) / blocks.length;
  const sd = Math.sqrt(blocks.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, blocks.length - 1));
  const f = (v: number) => v.toFixed(2);
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  netFpr.sort((a, b) => a - b);
  console.log(
    `${scenario ? `sim2 ${scenario.name}` : `sim1 ${sessions} sessions`}, seeds ${firstSeed}–${firstSeed + networks - 1}: ` +
      `sensitivity ${pct(all.deterioratingFlagged / all.deteriorating)} of ${all.deteriorating}, ` +
      `FPR per patient ${pct(fpr(all))} of ${all.others} (per network median ${pct(netFpr[netFpr.length >> 1] ?? 0)}, ` +
      `90th percentile ${pct(netFpr[Math.floor(0.9 * (netFpr.length - 1))] ?? 0)}; per block max ${pct(Math.max(...blockFpr))}), ` +
      `pooled J ${f(youden(all))}; J per block of 10 networks: mean ${f(m)}, SD ${f(sd)}, ` +
      `range ${f(Math.min(...blocks))}–${f(Math.max(...blocks))} [${blocks.map(f).join(" ")}]`,
  );
}
