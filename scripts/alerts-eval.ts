// How many simulated ruptures and deteriorations the feedback rules flag, and how many false alerts they
// raise. Usage: npx tsx scripts/alerts-eval.ts [networks=50] [firstSeed=1]
// Each network has the seed study's size (40 therapists × 3 patients) with 6 sessions, then 20 sessions;
// 10% of patients deteriorate (well-being level −0.15 per session on the 1–5 scale). The rupture rule is
// calibrated and the expected-recovery model fitted on each network's own data; the not-on-track rule is
// also run with the built-in model.
import {
  BUILT_IN_RECOVERY_MODEL,
  evaluateAlerts,
  simulatePrn,
  type AlertEvaluation,
  type FeedbackConfig,
} from "@attune/core";

const args = process.argv.slice(2);
const networks = Number(args[0] ?? 50);
const firstSeed = Number(args[1] ?? 1);

interface Totals {
  sessions: number;
  ruptures: number;
  flagged: number;
  falseAlerts: number;
  alerts: Record<string, number>;
  deteriorating: number;
  deterioratingFlagged: number;
  others: number;
  othersFlagged: number;
  threshold: number;
  withinSd: number;
  sensitivities: number[];
  falseRates: number[];
}

function run(sessions: number, overrides: Partial<FeedbackConfig> = {}): Totals {
  const t: Totals = {
    sessions: 0,
    ruptures: 0,
    flagged: 0,
    falseAlerts: 0,
    alerts: {},
    deteriorating: 0,
    deterioratingFlagged: 0,
    others: 0,
    othersFlagged: 0,
    threshold: 0,
    withinSd: 0,
    sensitivities: [],
    falseRates: [],
  };
  for (let seed = firstSeed; seed < firstSeed + networks; seed++) {
    const e: AlertEvaluation = evaluateAlerts(
      simulatePrn({ seed, sessions, deterioration: { rate: 0.1 } }),
      overrides,
    );
    t.sessions += e.sessions;
    t.ruptures += e.ruptures;
    t.flagged += e.rupturesFlagged;
    t.falseAlerts += e.falseRuptureAlerts;
    for (const [k, v] of Object.entries(e.alertsPer100Sessions)) {
      t.alerts[k] = (t.alerts[k] ?? 0) + (v * e.sessions) / 100;
    }
    t.deteriorating += e.deteriorating;
    t.deterioratingFlagged += e.deterioratingFlagged;
    t.others += e.others;
    t.othersFlagged += e.othersFlagged;
    t.threshold += e.settings.threshold / networks;
    t.withinSd += e.settings.withinSd / networks;
    t.sensitivities.push(e.sensitivity);
    t.falseRates.push(e.falsePer100Sessions);
  }
  return t;
}

const pct = (a: number, b: number): string => `${((100 * a) / b).toFixed(1)}%`;
const per100 = (a: number, b: number): string => ((100 * a) / b).toFixed(2);
const range = (v: number[]): string => `${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)}`;

const started = Date.now();
console.log(`${networks} networks per design (seeds ${firstSeed}–${firstSeed + networks - 1})\n`);
console.log(
  "| sessions | rule set | sessions simulated | ruptures | flagged (sensitivity) | per-network sensitivity | false rupture alerts /100 sessions | per-network | alerts /100 sessions: rupture, resolved, not-on-track, incongruence | deteriorating flagged | others flagged | threshold / within SD (0–100) |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const sessions of [6, 20]) {
  for (const [name, overrides] of [
    ["network model", {}],
    ["built-in model", { notOnTrack: { model: BUILT_IN_RECOVERY_MODEL } }],
  ] as const) {
    const t = run(sessions, overrides);
    const a = (k: string) => per100(t.alerts[k] ?? 0, t.sessions);
    console.log(
      `| ${sessions} | ${name} | ${t.sessions} | ${t.ruptures} | ${t.flagged} (${pct(t.flagged, t.ruptures)}) | ${range(t.sensitivities)} | ${per100(t.falseAlerts, t.sessions)} | ${range(t.falseRates)} | ${a("rupture")}, ${a("rupture-resolved")}, ${a("not-on-track")}, ${a("incongruence")} | ${t.deterioratingFlagged}/${t.deteriorating} (${pct(t.deterioratingFlagged, t.deteriorating)}) | ${t.othersFlagged}/${t.others} (${pct(t.othersFlagged, t.others)}) | ${t.threshold.toFixed(1)} / ${t.withinSd.toFixed(1)} |`,
    );
  }
}
console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s`);
