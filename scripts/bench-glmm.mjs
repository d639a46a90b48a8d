// GLMM case of `npm run bench` (also runnable alone: `node scripts/bench-glmm.mjs`): the whole
// `attune fit --family binomial` command against Rscript + read.csv + lme4::glmer on a 100k-session
// binary 3-level data set (500 therapists × 20 patients × 10 sessions; reliable deterioration by arm
// and time with therapist and patient random intercepts), generated here with a fixed seed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { line, paired, ratios } from "./benchTiming.mjs";

const FORMULA = "deterioration ~ arm + time + (1 | therapist) + (1 | therapist:patient)";

/** Deterministic uniforms (mulberry32). */
function uniforms(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(file, therapists) {
  const unif = uniforms(20261205);
  const norm = () => Math.sqrt(-2 * Math.log(1 - unif())) * Math.cos(2 * Math.PI * unif());
  const lines = ["therapist,patient,arm,time,deterioration"];
  for (let t = 1; t <= therapists; t++) {
    const arm = t % 2;
    const t0 = 0.5 * norm();
    for (let p = 1; p <= 20; p++) {
      const p0 = 0.8 * norm();
      for (let s = 0; s < 10; s++) {
        const eta = -1.5 - 0.4 * arm + 0.05 * s + t0 + p0;
        const y = unif() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        lines.push(`T${t},P${t}_${p},${arm},${s},${y}`);
      }
    }
  }
  writeFileSync(file, lines.join("\n") + "\n");
}

/**
 * Runs the GLMM comparison and prints times, the ratio and the log-likelihood difference; the R
 * side runs when Rscript with lme4 is installed.
 */
export function benchGlmm({ out = "bench-out", repeats = 3, therapists = 500 } = {}) {
  mkdirSync(out, { recursive: true });
  const data = join(out, `deterioration-${therapists}.csv`);
  if (!existsSync(data)) generate(data, therapists);
  console.log(`\nGLMM data: ${data} (${therapists * 200} sessions)\nformula: ${FORMULA} (binomial, Laplace)`);
  const attune = [
    process.execPath,
    [
      "packages/cli/bin/attune.js",
      "fit",
      "--data",
      data,
      "--formula",
      FORMULA,
      "--family",
      "binomial",
      "--json",
    ],
  ];
  const hasR =
    spawnSync("Rscript", ["-e", "suppressPackageStartupMessages(library(lme4))"], { encoding: "utf8" })
      .status === 0;
  const script = join(out, "bench-glmm.R");
  writeFileSync(
    script,
    `suppressPackageStartupMessages(library(lme4))
d <- read.csv("${data}")
m <- glmer(${FORMULA}, data = d, family = binomial)
cat(sprintf("%.6f\\n", logLik(m)))
`,
  );
  // The two sides alternate (A B A B) so a change of load falls on both; glmer runs at most twice.
  const [ours, theirs] = paired(repeats, hasR ? Math.min(repeats, 2) : 0, attune, ["Rscript", [script]]);
  const fit = JSON.parse(ours.stdout);
  console.log(line("attune fit", ours, `logLik ${fit.logLik.toFixed(6)}`));
  if (!theirs) {
    console.log("Rscript with lme4 not found: install r-cran-lme4 to compare (ratio not measured)");
    return;
  }
  const rLl = Number(theirs.stdout.trim().split("\n").pop());
  console.log(line("Rscript + glmer", theirs, `logLik ${rLl.toFixed(6)}`));
  console.log(
    `   ${ratios(ours, theirs, "glmer/attune")}; logLik attune − lme4 ${(fit.logLik - rLl).toExponential(2)}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchGlmm({ repeats: Number(process.env.BENCH_REPEATS ?? 3) });
}
