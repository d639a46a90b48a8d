// The fit's floor once V8 has compiled everything: reads and fits the same CSV N times in one process
// and prints each round's wall and CPU time (CPU of the whole process, compiler and GC threads
// included). The first round is what `attune fit` pays; the last rounds are what no start-up or
// compile work can go below with this engine — the other half of the `npx` ceiling that
// `npm run bench` prints for the nested model (docs/engine-factorization.md, "Where more speed would
// come from").
//   npx tsx scripts/bench-warm.ts [file] [formula] [rounds]
// Defaults: bench-out/growth-500.csv (written by `npm run bench`), the nested growth formula, 8 rounds.
import { fitLmm } from "@attune/stats";
import { readCsvFile } from "../packages/cli/src/io/readCsv.ts";

const file = process.argv[2] ?? "bench-out/growth-500.csv";
const formula = process.argv[3] ?? "y ~ time + (1 + time | therapist) + (1 + time | therapist:patient)";
const rounds = Number(process.argv[4] ?? 8);

const ms = (us: number) => (us / 1000).toFixed(0).padStart(5);
console.log(`${file}: ${formula}, ${rounds} rounds in one process (ms)`);
console.log("round  read-wall  fit-wall  total-wall  total-cpu  criterion");
for (let k = 1; k <= rounds; k++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const data = readCsvFile(file);
  const t1 = performance.now();
  const fit = fitLmm(formula, data, { reml: true });
  const summary = fit.summary();
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${String(k).padStart(5)}  ${ms((t1 - t0) * 1000)}      ${ms((t2 - t1) * 1000)}     ${ms((t2 - t0) * 1000)}      ` +
      `${ms(cpu.user + cpu.system)}      ${summary.deviance}`,
  );
}
