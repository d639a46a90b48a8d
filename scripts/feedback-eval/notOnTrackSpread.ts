// How noisy is not on track's Youden's J? The first simulator's 6-session treatments give few looks per
// patient and few deteriorating patients per network (about 8), so J over 10 networks scatters widely.
// This runs many seeds and reports the pooled J with the spread of J over blocks of 10 networks.
// Usage: npx tsx scripts/feedback-eval/notOnTrackSpread.ts [sessions=6] [firstSeed=101] [networks=100] [sim=1|short-5pt-wellbeing|…]
import { SCENARIOS } from "../../packages/core/src/simulate2/index.ts";
import { evaluateNetwork, type NotOnTrackCounts } from "./metrics.ts";
import { fromSimulator1, fromSimulator2, type EvalNetwork } from "./networks.ts";

const sessions = Number(process.argv[2] ?? 6);
const firstSeed = Number(process.argv[3] ?? 101);
const networks = Number(process.argv[4] ?? 100);
const sim = process.argv[5] ?? "1";
const scenario = SCENARIOS.find((s) => s.name.startsWith(sim));
const make = (seed: number): EvalNetwork =>
  scenario ? fromSimulator2(scenario, seed) : fromSimulator1(sessions, seed);

// Optional budget overrides, as in scripts/feedback-eval.ts (to try a variant on training seeds).
const budget = {
  ...(process.env.NOT_FPR ? { notOnTrackEpisodeFpr: Number(process.env.NOT_FPR) } : {}),
  ...(process.env.NOT_PERSISTENCE ? { notOnTrackPersistence: Number(process.env.NOT_PERSISTENCE) } : {}),
};

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

let all = zero();
let block = zero();
const blocks: number[] = [];
for (let k = 0; k < networks; k++) {
  const c = evaluateNetwork(make(firstSeed + k), budget).notOnTrack.ours;
  all = add(all, c);
  block = add(block, c);
  if ((k + 1) % 10 === 0) {
    blocks.push(youden(block));
    block = zero();
  }
}
const m = blocks.reduce((a, b) => a + b, 0) / blocks.length;
const sd = Math.sqrt(blocks.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, blocks.length - 1));
const f = (v: number) => v.toFixed(2);
console.log(
  `${scenario ? `sim2 ${scenario.name}` : `sim1 ${sessions} sessions`}, seeds ${firstSeed}–${firstSeed + networks - 1}: ` +
    `sensitivity ${((100 * all.deterioratingFlagged) / all.deteriorating).toFixed(1)}% of ${all.deteriorating}, ` +
    `FPR ${((100 * all.othersFlagged) / all.others).toFixed(1)}% of ${all.others}, pooled J ${f(youden(all))}; ` +
    `J per block of 10 networks: mean ${f(m)}, SD ${f(sd)}, range ${f(Math.min(...blocks))}–${f(Math.max(...blocks))} ` +
    `[${blocks.map(f).join(" ")}]`,
);
