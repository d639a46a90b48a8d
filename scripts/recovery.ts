// Parameter recovery of the recipes on designs matched to the published studies (issue 13), one
// replication loop for every study of scripts/recovery-studies.ts.
// Usage: npx tsx scripts/recovery.ts [replications=200] [firstSeed=1] [--study a,b] [--every n]
// (default: all studies; --every n also prints the table so far after every n replications, so a run
// cut short still reports what it did)
// Prints per study a markdown table: true value, mean estimate, mean SE, SD of the estimates, 95%
// coverage (normal intervals) and the share with p < 0.05 (power for a true effect, false-positive rate
// for a zero one), then any counted events.
import { STUDIES, type Draw } from "./recovery-studies.ts";

const argv = process.argv.slice(2);
const studyFlag = argv.indexOf("--study");
const everyFlag = argv.indexOf("--every");
const every = everyFlag >= 0 ? Number(argv[everyFlag + 1]) : 0;
const wanted = studyFlag >= 0 ? (argv[studyFlag + 1] ?? "").split(",") : Object.keys(STUDIES);
const positional = argv.filter(
  (a, i) =>
    !a.startsWith("--") && (studyFlag < 0 || i !== studyFlag + 1) && (everyFlag < 0 || i !== everyFlag + 1),
);
const reps = Number(positional[0] ?? 200);
const firstSeed = Number(positional[1] ?? 1);
const Z = 1.959963984540054;

for (const name of wanted) {
  const study = STUDIES[name];
  if (!study) throw new Error(`unknown study "${name}"; choose from ${Object.keys(STUDIES).join(", ")}`);
  const draws = new Map<string, Draw[]>();
  const counts = new Map<string, number>();
  const started = Date.now();
  let failures = 0;
  for (let r = 0; r < reps; r++) {
    try {
      const rep = study.run(firstSeed + r);
      for (const dr of rep.draws) draws.set(dr.name, [...(draws.get(dr.name) ?? []), dr]);
      for (const [k, yes] of Object.entries(rep.counts ?? {}))
        counts.set(k, (counts.get(k) ?? 0) + (yes ? 1 : 0));
    } catch (err) {
      failures++;
      console.error(`${name} seed ${firstSeed + r}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (every > 0 && (r + 1) % every === 0 && r + 1 < reps)
      print(name, study.design, draws, counts, r + 1, failures, started);
  }
  print(name, study.design, draws, counts, reps, failures, started);
}

function print(
  name: string,
  design: string,
  draws: Map<string, Draw[]>,
  counts: Map<string, number>,
  done: number,
  failures: number,
  started: number,
) {
  const n = done - failures;
  console.log(`\n### ${name}: ${design}\n`);
  console.log(
    `${n} replications (${failures} failed), seeds ${firstSeed}–${firstSeed + done - 1}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  console.log("| quantity | true | mean est. | mean SE | SD of est. | 95% coverage | p < 0.05 |");
  console.log("|---|---|---|---|---|---|---|");
  // 3 significant digits for small quantities (a cross-level interaction per year and session)
  const f = (v: number) => (Math.abs(v) >= 0.1 || v === 0 ? v.toFixed(3) : v.toPrecision(3));
  for (const [q, ds] of draws) {
    const m = ds.reduce((s, x) => s + x.estimate, 0) / ds.length;
    const sd = Math.sqrt(ds.reduce((s, x) => s + (x.estimate - m) ** 2, 0) / (ds.length - 1));
    const se = ds.reduce((s, x) => s + x.se, 0) / ds.length;
    const cover = ds.filter((x) => Math.abs(x.estimate - x.truth) <= Z * x.se).length / ds.length;
    const power = ds.filter((x) => x.p < 0.05).length / ds.length;
    console.log(
      `| ${q} | ${f(ds[0]!.truth)} | ${f(m)} | ${f(se)} | ${f(sd)} | ${(100 * cover).toFixed(1)}% | ${(100 * power).toFixed(1)}% |`,
    );
  }
  for (const [q, k] of counts) console.log(`| ${q} | | | | | | ${((100 * k) / n).toFixed(1)}% |`);
}
