// Parameter-recovery study for the congruence and rsa recipes on simulated networks of the seed study's
// size. Usage: npx tsx scripts/recovery.ts [replications=200] [firstSeed=1] [--no-between]
// Prints, per parameter, the true value, the mean estimate, the mean SE, the SD of the estimates and the
// coverage of the 95% intervals.
import { dataFrameFromColumns } from "@attune/stats";
import {
  congruence,
  preparePrnData,
  resolveRoles,
  rsa,
  simulatePrn,
  type SimulateOptions,
} from "@attune/core";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const reps = Number(args[0] ?? 200);
const firstSeed = Number(args[1] ?? 1);
const specified = process.argv.includes("--specified");

interface Draw {
  estimate: number;
  lower: number;
  upper: number;
  se: number;
  truth: number;
}
const draws = new Map<string, Draw[]>();
const add = (name: string, d: Draw) => draws.set(name, [...(draws.get(name) ?? []), d]);
const Z = 1.959963984540054;

const started = Date.now();
let failures = 0;
for (let r = 0; r < reps; r++) {
  const opts: SimulateOptions = {
    seed: firstSeed + r,
    ...(specified ? { wellbeing: { between: 0, stableLevel: false } } : {}),
  };
  const sim = simulatePrn(opts);
  const o = sim.options;
  const rows = sim.rows;
  const df = dataFrameFromColumns({
    therapist: rows.map((x) => x.therapist),
    patient: rows.map((x) => x.patient),
    condition: rows.map((x) => x.condition),
    session: rows.map((x) => x.session),
    alliance_patient: rows.map((x) => x.alliance_patient),
    alliance_therapist: rows.map((x) => x.alliance_therapist),
    outcome: rows.map((x) => x.outcome),
  });
  const data = preparePrnData(df, resolveRoles());
  try {
    const c = congruence(data, {});
    const [f0, f1] = o.judgment.force;
    const [b0, b1] = o.judgment.bias;
    const ref = o.judgment.reference;
    const arm0 = c.arms[0]!;
    const mod = c.moderation[0]!;
    // The intercept is the bias at the sample mean of the truth c, so its target depends on c.
    const biasTarget = b0 + (1 - f0) * (ref - c.center);
    const biasModTarget = b1 - b0 - (f1 - f0) * (ref - c.center);
    add("directional bias (control, at c)", { ...arm0.bias, truth: biasTarget });
    add("bias moderation (trained − control, at c)", { ...mod.bias, truth: biasModTarget });
    add("truth force (control)", { ...arm0.force, truth: f0 });
    add("truth force moderation (trained − control)", { ...mod.force, truth: f1 - f0 });
    const s = rsa(data, {});
    const w = o.wellbeing;
    for (const [k, truth] of [
      ["a1", w.a1],
      ["a3", w.a3],
      ["a4", w.a4],
    ] as const) {
      const a = s.surface[k];
      add(k, {
        estimate: a.estimate,
        se: a.se,
        lower: a.estimate - Z * a.se,
        upper: a.estimate + Z * a.se,
        truth,
      });
    }
  } catch (err) {
    failures++;
    process.stderr.write(`seed ${firstSeed + r}: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

const fmt = (v: number, d = 4) => v.toFixed(d).padStart(9);
process.stdout.write(
  `${reps} replications (${failures} failed), ${((Date.now() - started) / 1000).toFixed(1)} s; defaults of simulatePrn${specified ? " with wellbeing.between = 0, wellbeing.stableLevel = false" : ""}\n`,
);
process.stdout.write(
  `${"parameter".padEnd(44)}${"true".padStart(9)}${"mean est".padStart(9)}${"mean SE".padStart(9)}${"SD est".padStart(9)}${"coverage".padStart(9)}\n`,
);
for (const [name, ds] of draws) {
  const n = ds.length;
  const mean = (f: (d: Draw) => number) => ds.reduce((s, d) => s + f(d), 0) / n;
  const me = mean((d) => d.estimate);
  const sd = Math.sqrt(ds.reduce((s, d) => s + (d.estimate - me) ** 2, 0) / (n - 1));
  const cover = mean((d) => (d.lower <= d.truth && d.truth <= d.upper ? 1 : 0));
  process.stdout.write(
    `${name.padEnd(44)}${fmt(mean((d) => d.truth))}${fmt(me)}${fmt(mean((d) => d.se))}${fmt(sd)}${fmt(cover * 100, 1)}%\n`,
  );
}
