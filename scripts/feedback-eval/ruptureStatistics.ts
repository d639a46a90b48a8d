// Other rupture statistics beside the default one, each scored stateless at every rated session with a
// predecessor and compared at the SAME false-alert count as the form mean's z at the network's bar (the
// other statistic's threshold chosen with the truth, per network, so any gain shown is an upper bound):
// - the therapist's view: the therapist's own latent-score z (the same model fitted on the therapist's
//   form), combined linearly with the patient's, max'ed with it, or used only where the patient's form sits
//   at the ceiling (where the patient's form says nothing);
// - two sessions: the mean of this session and the previous one against the level before both (a rupture
//   lasting 2–3 sessions missed at its first session, flagged at the next; the evaluation counts s or s+1);
// - patient-specific noise weighted more or less against the network's (priorDf ÷2, ×2, pooled only);
// - a likelihood ratio for a fall of k·(between-patient SD), which spends the budget on precise sessions.
// Usage: nice -n 10 npx tsx scripts/feedback-eval/ruptureStatistics.ts [networks=5] [firstSeed=1] [--first]
// (--first: the first simulator, 6-session networks; it records no rupture sizes, so see "all flagged").
import {
  calibrateNetwork,
  fitLatentAlliance,
  latentSignal,
  latentStart,
  latentUpdate,
  toPercent,
  type FeedbackScale,
  type LatentAllianceModel,
} from "@attune/core";
import { SCENARIOS } from "../../packages/core/src/simulate2/index.ts";
import { atFalseRate, atThreshold, windows } from "./metrics.ts";
import { fromSimulator1, fromSimulator2, type EvalNetwork } from "./networks.ts";
import { addCounts, emptyCounts, type RuptureCounts } from "./ruptureCounts.ts";
import { countsRow, printHead } from "./ruptureTable.ts";

const networks = Number(process.argv[2] ?? 5);
const firstSeed = Number(process.argv[3] ?? 1);
const first = process.argv.includes("--first");

/** What every statistic reads at one rated session of a patient. */
interface At {
  patient: string;
  session: number;
  inWindow: boolean;
  /** The patient's z (the default statistic), its prediction SD and score (0–100). */
  zp: number;
  sd: number;
  score: number;
  /** The therapist's z at the same session (null: no therapist form or no earlier one). */
  zt: number | null;
  /** This and the previous session's mean against the level before both (null: previous not rated). */
  two: number | null;
  /** The patient's z under other noise weights: priorDf ÷2, ×2, 1000 (network noise only). */
  df: number[];
  /** √tau2: the between-patient SD of the level (points). */
  between: number;
}

/** z per session of one series under a model, and the two-session statistic. */
function walk(model: LatentAllianceModel, list: readonly (number | null)[]) {
  const z = new Map<number, { z: number; sd: number; two: number | null }>();
  let s = latentStart(model);
  let before = s;
  let prev: number | null = null;
  list.forEach((y, i) => {
    if (y === null) return;
    if (s.last !== null) {
      const g = latentSignal(model, s, y, i + 1);
      let two: number | null = null;
      if (before.last !== null && prev !== null && s.session === i) {
        // The mean of two sessions halves the noise variance, not the level's uncertainty.
        const g2 = latentSignal(model, before, (y + prev) / 2, i + 1);
        const noise = g2.sd * g2.sd - before.variance;
        two = g2.drop / Math.sqrt(before.variance + noise / 2);
      }
      z.set(i + 1, { z: g.z, sd: g.sd, two });
    }
    before = s;
    prev = y;
    s = latentUpdate(model, s, y, i + 1);
  });
  return z;
}

function bySession(net: EvalNetwork, scale: FeedbackScale, role: "alliancePatient" | "allianceTherapist") {
  return net.dyads.map((d) => {
    const out: (number | null)[] = [];
    for (const r of [...d.sessions].sort((a, b) => a.session - b.session)) {
      while (out.length < r.session) out.push(null);
      out[r.session - 1] = toPercent(scale, r[role]);
    }
    return out;
  });
}

/** Every rated session's statistics in one network, and the bar the network's calibration set. */
function sessions(net: EvalNetwork): { rows: At[]; bar: number } {
  const cal = calibrateNetwork(net.dyads, net.scales);
  const patient = bySession(net, net.scales.patientAlliance, "alliancePatient");
  const therapist = bySession(net, net.scales.therapistAlliance, "allianceTherapist");
  const items = net.dyads.flatMap((d) => d.sessions).find((s) => s.items?.allianceTherapist)?.items
    ?.allianceTherapist?.length;
  const range = net.scales.therapistAlliance.max - net.scales.therapistAlliance.min;
  const therapistModel = fitLatentAlliance(therapist, (100 / range / (items ?? 1)) * 0.5);
  const L = cal.rupture.latent;
  const dfModels = [L.priorDf / 2, L.priorDf * 2, 1000].map((priorDf) => ({ ...L, priorDf }));
  const w = windows(net);
  const rows: At[] = [];
  net.dyads.forEach((d, i) => {
    const list = patient[i] as (number | null)[];
    const zp = walk(L, list);
    const zt = walk(therapistModel, therapist[i] as (number | null)[]);
    const dfs = dfModels.map((m) => walk(m, list));
    for (const [session, g] of zp) {
      rows.push({
        patient: d.patient,
        session,
        inWindow: w.get(d.patient)?.has(session) ?? false,
        zp: g.z,
        sd: g.sd,
        score: list[session - 1] as number,
        zt: zt.get(session)?.z ?? null,
        two: g.two,
        df: dfs.map((m) => m.get(session)?.z ?? g.z),
        between: Math.sqrt(L.tau2),
      });
    }
  });
  return { rows, bar: cal.rupture.zThreshold };
}

const joint = (weight: number) => (r: At) =>
  r.zt === null ? r.zp : (r.zp + weight * r.zt) / Math.sqrt(1 + weight * weight);
const likelihoodRatio = (k: number) => (r: At) => {
  const d = k * r.between;
  return (d * r.zp * r.sd - (d * d) / 2) / (r.sd * r.sd);
};
const atCeiling = (r: At) => r.score >= 100 - 1e-9;

const STATISTICS: [string, (r: At) => number][] = [
  ["form mean's z at the network's bar (the reference count)", (r) => r.zp],
  ["form mean's z, threshold chosen with the truth", (r) => r.zp],
  ["patient + 0.3 × therapist z", joint(0.3)],
  ["patient + 0.5 × therapist z", joint(0.5)],
  ["patient + 0.7 × therapist z", joint(0.7)],
  [
    "max(patient z, (patient + therapist z)/√2)",
    (r) => Math.max(r.zp, r.zt === null ? -Infinity : joint(1)(r)),
  ],
  [
    "therapist z where the patient's form is at the ceiling",
    (r) => (atCeiling(r) && r.zt !== null ? r.zt : r.zp),
  ],
  ["two-session mean vs the level before both", (r) => r.two ?? r.zp],
  ["max(z, two-session)", (r) => Math.max(r.zp, r.two ?? -Infinity)],
  ["patient noise: priorDf ÷ 2", (r) => r.df[0] as number],
  ["patient noise: priorDf × 2", (r) => r.df[1] as number],
  ["network noise only", (r) => r.df[2] as number],
  ["likelihood ratio, fall of 0.75 SD", likelihoodRatio(0.75)],
  ["likelihood ratio, fall of 1 SD", likelihoodRatio(1)],
];

printHead(
  `${first ? "First simulator (6 sessions)" : "Second simulator"}, seeds ${firstSeed}–${firstSeed + networks - 1}`,
  "statistic",
);
for (const sc of first ? [null] : SCENARIOS) {
  const sums = STATISTICS.map(() => emptyCounts());
  for (let k = 0; k < networks; k++) {
    const net = sc ? fromSimulator2(sc, firstSeed + k) : fromSimulator1(6, firstSeed + k);
    const { rows, bar } = sessions(net);
    const base = atThreshold(
      net,
      rows.map((r) => ({ ...r, stat: r.zp })),
      bar,
    );
    STATISTICS.forEach(([, f], j) => {
      const scored = rows.map((r) => ({ ...r, stat: f(r) }));
      const c: RuptureCounts = j === 0 ? base : atFalseRate(net, scored, base.falseAlerts);
      addCounts(sums[j] as RuptureCounts, c);
    });
  }
  STATISTICS.forEach(([name], j) =>
    console.log(`| ${sc?.name ?? "first simulator"} | ${name} | ${countsRow(sums[j] as RuptureCounts)} |`),
  );
}
