// `npm run bench`: times the whole `attune fit` command against Rscript + read.csv + lme4::lmer on the
// same 100k-session, 3-level growth data set (500 therapists × 20 patients × 10 sessions, random
// intercept and time slope at therapist and patient level), generated here with a fixed seed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const OUT = "bench-out";
const FORMULA = "y ~ time + (1 + time | therapist) + (1 + time | therapist:patient)";
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const THERAPISTS = Number(process.env.BENCH_THERAPISTS ?? 500);

/** Deterministic PRNG (mulberry32) and Box–Muller normals. */
function rng(seed) {
  let a = seed >>> 0;
  const unif = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - unif())) * Math.cos(2 * Math.PI * unif());
}

function generate(file) {
  const norm = rng(20261121);
  const lines = ["therapist,patient,time,y"];
  for (let t = 1; t <= THERAPISTS; t++) {
    const t0 = 0.5 * norm();
    const t1 = 0.1 * norm();
    for (let p = 1; p <= 20; p++) {
      const u0 = 1.0 * norm();
      const u1 = 0.2 * norm() + 0.3 * u0 * 0.2;
      for (let s = 0; s < 10; s++) {
        const y = 20 + t0 + u0 + (-0.5 + t1 + u1) * s + 1.0 * norm();
        lines.push(`T${t},P${t}_${p},${s},${y.toFixed(4)}`);
      }
    }
  }
  writeFileSync(file, lines.join("\n") + "\n");
}

function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const kb = Number(r.stderr.trim().split("\n").pop());
  return { seconds, mb: kb / 1024, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

mkdirSync(OUT, { recursive: true });
const data = join(OUT, `growth-${THERAPISTS}.csv`);
if (!existsSync(data)) generate(data);
const nrow = THERAPISTS * 200;
console.log(`data: ${data} (${nrow} sessions)\nformula: ${FORMULA}`);

const ours = [];
let fit;
for (let i = 0; i < REPEATS; i++) {
  const r = timed(process.execPath, [
    "packages/cli/bin/attune.js",
    "fit",
    "--data",
    data,
    "--formula",
    FORMULA,
    "--json",
  ]);
  fit = JSON.parse(r.stdout);
  ours.push(r);
}
const oursS = median(ours.map((r) => r.seconds));
const oursMb = Math.max(...ours.map((r) => r.mb));
console.log(
  `attune fit:        ${oursS.toFixed(2)} s (median of ${REPEATS}), max RSS ${oursMb.toFixed(0)} MB, REML criterion ${fit.deviance.toFixed(6)}`,
);

const hasR =
  spawnSync("Rscript", ["-e", "suppressPackageStartupMessages(library(lme4))"], { encoding: "utf8" })
    .status === 0;
if (!hasR) {
  console.log("Rscript with lme4 not found: install r-cran-lme4 to compare (ratio not measured)");
} else {
  const script = join(OUT, "bench.R");
  writeFileSync(
    script,
    `suppressPackageStartupMessages(library(lme4))
d <- read.csv("${data}")
m <- lmer(${FORMULA}, data = d, REML = TRUE)
cat(sprintf("%.6f\\n", REMLcrit(m)))
`,
  );
  const theirs = [];
  for (let i = 0; i < Math.min(REPEATS, 2); i++) theirs.push(timed("Rscript", [script]));
  const rS = median(theirs.map((r) => r.seconds));
  const rDev = Number(theirs[0].stdout.trim().split("\n").pop());
  console.log(
    `Rscript + lme4:    ${rS.toFixed(2)} s (median of ${theirs.length}), max RSS ${Math.max(...theirs.map((r) => r.mb)).toFixed(0)} MB, REML criterion ${rDev.toFixed(6)}`,
  );
  console.log(
    `ratio (R / attune): ${(rS / oursS).toFixed(1)}x faster; deviance difference attune − lme4: ${(fit.deviance - rDev).toExponential(2)}`,
  );
}

// GLMM case (scripts/bench-glmm.mjs, kept in its own file): `attune fit --family binomial` against
// lme4::glmer on a 100k-session binary three-level data set.
const { benchGlmm } = await import("./bench-glmm.mjs");
benchGlmm({ out: OUT, repeats: REPEATS });
