// `npm run bench`: times whole commands side by side — `npx attune fit` and the installed
// `attune fit` (node_modules/.bin/attune) against `Rscript` with read.csv + lme4::lmer on the same CSV
// and formula — and prints both ratios, the peak memory of each, and both REML criteria. Cases (each in its own function):
//   - nested growth, 100k sessions: 500 therapists × 20 patients × 10 sessions, random intercept and
//     time slope at therapist and patient level (generated here, fixed seed);
//   - crossed PRN: patients seeing two or three therapists of their site, random intercepts for both;
//   - InstEval (lme4's data set, exported by R when R is present): students × lecturers crossed;
//   - nested growth, 1M sessions (5,000 therapists), only with BENCH_1M=1, also against R's bare
//     read.csv of the same file.
// Each line gives wall and CPU seconds (user + sys, children included): on a loaded machine the CPU
// ratio is the trustworthy one; the sides run alternately so load changes fall on both.
// Environment: BENCH_REPEATS (default 3; the large cases run once), BENCH_1M=1, BENCH_SKIP_R=1,
// BENCH_SKIP_GLMM=1 (leaves out the glmer case of scripts/bench-glmm.mjs), BENCH_ONLY=nested,prn,
// insteval,1m,glmm (a comma-separated subset, for short runs on a shared machine).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { alternate, line, ratios, summarize, timed } from "./benchTiming.mjs";

const OUT = "bench-out";
// The installed command, as npm links it for a user (`npm i -g`, an npm script, or a workspace).
const BIN = "node_modules/.bin/attune";
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const GROWTH = "y ~ time + (1 + time | therapist) + (1 + time | therapist:patient)";

/** Deterministic PRNG (mulberry32): uniform and Box–Muller normal draws. */
function rng(seed) {
  let a = seed >>> 0;
  const unif = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const norm = () => Math.sqrt(-2 * Math.log(1 - unif())) * Math.cos(2 * Math.PI * unif());
  return { unif, norm };
}

/** Writes lines to a file in chunks (a 1M-row file does not fit one joined string comfortably). */
function writeLines(file, header, each) {
  const chunks = [header];
  let buf = [];
  each((line) => {
    buf.push(line);
    if (buf.length === 100000) {
      chunks.push(buf.join("\n"));
      buf = [];
    }
  });
  if (buf.length) chunks.push(buf.join("\n"));
  writeFileSync(file, chunks.join("\n") + "\n");
}

/** Nested growth data: therapists × 20 patients × 10 sessions. */
function generateGrowth(file, therapists) {
  const { norm } = rng(20261121);
  writeLines(file, "therapist,patient,time,y", (emit) => {
    for (let t = 1; t <= therapists; t++) {
      const t0 = 0.5 * norm();
      const t1 = 0.1 * norm();
      for (let p = 1; p <= 20; p++) {
        const u0 = 1.0 * norm();
        const u1 = 0.2 * norm() + 0.3 * u0 * 0.2;
        for (let s = 0; s < 10; s++) {
          const y = 20 + t0 + u0 + (-0.5 + t1 + u1) * s + 1.0 * norm();
          emit(`T${t},P${t}_${p},${s},${y.toFixed(4)}`);
        }
      }
    }
  });
}

/**
 * Crossed PRN data: 10,000 patients in 20 sites of 20 therapists; each patient sees two or three
 * therapists of their site over 12 sessions (a change of therapist every few sessions).
 */
function generatePrn(file) {
  const { unif, norm } = rng(4242);
  const sites = 20;
  const perSite = 20;
  const therapistEffect = Array.from({ length: sites * perSite }, () => 0.6 * norm());
  writeLines(file, "patient,therapist,time,y", (emit) => {
    for (let p = 1; p <= 10000; p++) {
      const site = Math.floor(unif() * sites);
      const seen = 2 + (unif() < 0.5 ? 1 : 0);
      const ts = [];
      while (ts.length < seen) {
        const t = site * perSite + Math.floor(unif() * perSite);
        if (!ts.includes(t)) ts.push(t);
      }
      const u = 1.0 * norm();
      for (let s = 0; s < 12; s++) {
        const t = ts[Math.min(ts.length - 1, Math.floor((s * ts.length) / 12))];
        const y = 20 + u + therapistEffect[t] - 0.3 * s + norm();
        emit(`P${p},T${t + 1},${s},${y.toFixed(4)}`);
      }
    }
  });
}

function hasR() {
  if (process.env.BENCH_SKIP_R) return false;
  const r = spawnSync("Rscript", ["-e", "suppressPackageStartupMessages(library(lme4))"], {
    encoding: "utf8",
  });
  return r.status === 0;
}

/** InstEval as R ships it in lme4, written once by R. */
function exportInstEval(file) {
  const r = spawnSync(
    "Rscript",
    [
      "-e",
      `suppressPackageStartupMessages(library(lme4)); write.csv(InstEval, "${file}", row.names = FALSE)`,
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`exporting InstEval failed: ${r.stderr}`);
}

/**
 * `npx attune fit` and the installed `attune fit` (node_modules/.bin/attune, what a user runs after
 * `npm i -g attune` or from an npm script: the same bundle without npm's own start-up of ≈ 0.5 s)
 * against Rscript read.csv + lmer on one file, run round-robin; prints one block with both ratios.
 */
function compare(name, file, formula, repeats, withR) {
  console.log(`\n== ${name}: ${file}\n   ${formula}`);
  const args = ["fit", "--data", file, "--formula", formula, "--json"];
  const script = join(OUT, `${name.replace(/\W+/g, "_")}.R`);
  writeFileSync(
    script,
    `suppressPackageStartupMessages(library(lme4))
d <- read.csv("${file}")
m <- lmer(${formula}, data = d, REML = TRUE)
cat(sprintf("%.6f\\n", REMLcrit(m)))
`,
  );
  // lme4 runs at most twice (it takes ten times longer); the median of two is their mean.
  const [ours, bin, theirs] = alternate([
    [repeats, "npx", ["attune", ...args]],
    [repeats, BIN, args],
    [withR ? Math.min(repeats, 2) : 0, "Rscript", [script]],
  ]);
  const fit = JSON.parse(ours.stdout);
  const binFit = JSON.parse(bin.stdout);
  if (binFit.deviance !== fit.deviance) throw new Error(`${BIN} and npx attune disagree on ${file}`);
  console.log(line("npx attune fit", ours, `REML ${fit.deviance.toFixed(6)}`));
  console.log(line("attune fit (bin)", bin, "same fit"));
  if (!theirs) return { ours, bin };
  const rDev = Number(theirs.stdout.trim().split("\n").pop());
  console.log(line("Rscript + lme4", theirs, `REML ${rDev.toFixed(6)}`));
  console.log(
    `   npx: ${ratios(ours, theirs)}   criterion attune − lme4 ${(fit.deviance - rDev).toExponential(2)}`,
  );
  console.log(`   bin: ${ratios(bin, theirs)}`);
  return { ours, bin, theirs };
}

/** R's bare read.csv of the file, as a whole command: the yardstick of the 1M goal. */
function readCsvInR(file) {
  const r = summarize([timed("Rscript", ["-e", `d <- read.csv("${file}"); cat(nrow(d), "\\n")`])]);
  console.log(line("Rscript read.csv", r, ""));
  return r;
}

/**
 * What `npx` costs before any fit: `npx attune --version` (npm's own start-up, then our launcher
 * printing a constant) beside the installed `attune --version`, and the ratio lme4's time over it —
 * the most any fit could reach through `npx`, one that took no time at all — and what a 10× command
 * would leave for reading the file and fitting.
 */
function npxStartUp({ theirs: lme4, bin: binFit }, repeats) {
  const [npx, bin] = alternate([
    [repeats, "npx", ["attune", "--version"]],
    [repeats, BIN, ["--version"]],
  ]);
  console.log(line("npx attune -V", npx, "no fit: npm's start-up + ours"));
  console.log(line("attune -V (bin)", bin, "no fit: node's start-up + ours"));
  const left = lme4.seconds / 10 - npx.seconds;
  console.log(
    `   ceiling through npx (a fit taking no time): ${(lme4.seconds / npx.seconds).toFixed(2)}x wall; ` +
      `10x leaves ${left.toFixed(2)} s wall for reading and fitting (the installed fit takes ` +
      `${(binFit.seconds - bin.seconds).toFixed(2)} s beyond its own --version)`,
  );
}

function benchGrowth(therapists, repeats, withR) {
  const file = join(OUT, `growth-${therapists}.csv`);
  if (!existsSync(file)) generateGrowth(file, therapists);
  const name = `nested growth, ${therapists * 200} sessions`;
  const result = compare(name, file, GROWTH, repeats, withR && therapists <= 500);
  if (therapists === 500 && result.theirs) npxStartUp(result, repeats);
  if (therapists > 500 && withR) {
    const read = readCsvInR(file);
    console.log(`   npx: ${ratios(read, result.ours, "attune/read.csv")} (goal ≤ 4)`);
    console.log(`   bin: ${ratios(read, result.bin, "attune/read.csv")}`);
    if (process.env.BENCH_1M_LMER) compare(`${name} (lme4)`, file, GROWTH, 1, true);
  }
}

function benchPrn(repeats, withR) {
  const file = join(OUT, "prn-crossed.csv");
  if (!existsSync(file)) generatePrn(file);
  compare(
    "crossed PRN, patients × therapists",
    file,
    "y ~ time + (1 | patient) + (1 | therapist)",
    repeats,
    withR,
  );
}

function benchInstEval(withR) {
  const file = join(OUT, "insteval.csv");
  if (!existsSync(file)) {
    if (!withR) {
      console.log("\n== InstEval: needs R (lme4) to export the data set; skipped");
      return;
    }
    exportInstEval(file);
  }
  compare("InstEval", file, "y ~ service + (1 | s) + (1 | d) + (1 | dept:service)", 1, withR);
}

mkdirSync(OUT, { recursive: true });
const withR = hasR();
const load = loadavg().map((v) => v.toFixed(2));
console.log(`load average ${load.join(" ")}; R ${withR ? "present" : "absent (attune only)"}`);
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const wanted = (name, byDefault = true) => (only ? only.includes(name) : byDefault);
if (wanted("nested")) benchGrowth(500, REPEATS, withR);
if (wanted("prn")) benchPrn(REPEATS, withR);
if (wanted("insteval")) benchInstEval(withR);
if (wanted("1m", Boolean(process.env.BENCH_1M))) benchGrowth(5000, 1, withR);
// GLMM case (scripts/bench-glmm.mjs, kept in its own file): `attune fit --family binomial` against
// lme4::glmer on a 100k-session binary three-level data set.
if (wanted("glmm", !process.env.BENCH_SKIP_GLMM)) {
  const { benchGlmm } = await import("./bench-glmm.mjs");
  benchGlmm({ out: OUT, repeats: REPEATS });
}
console.log(
  `\nload average after ${loadavg()
    .map((v) => v.toFixed(2))
    .join(" ")}`,
);
