// Timing of whole commands for `npm run bench` (scripts/bench.mjs and scripts/bench-glmm.mjs): wall
// seconds, CPU seconds (user + sys of the command and every child it waited for, from /usr/bin/time,
// so `npx`'s own work and the node it starts are both counted) and peak resident memory. On a shared
// machine the wall time swings with the load; CPU time barely does, so the bench prints both and both
// ratios. The two sides of a comparison run alternately (A B A B ...) so that a change of load during
// the bench falls on both.
import { spawnSync } from "node:child_process";

/**
 * Runs one command under /usr/bin/time.
 *
 * @example
 * timed("Rscript", ["-e", "1"]); // { seconds: 0.21, cpu: 0.19, mb: 52, stdout: "[1] 1\n" }
 */
export function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "%M %U %S", cmd, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  const [kb, user, sys] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
  return { seconds, cpu: user + sys, mb: kb / 1024, stdout: r.stdout };
}

/**
 * The median; for an even count the mean of the two middle values (not the larger one).
 *
 * @example
 * median([3, 1, 2, 10]); // 2.5
 */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Median wall and CPU seconds, the largest peak memory and the last output of a list of runs. */
export function summarize(runs) {
  return {
    seconds: median(runs.map((r) => r.seconds)),
    cpu: median(runs.map((r) => r.cpu)),
    mb: Math.max(...runs.map((r) => r.mb)),
    stdout: runs[runs.length - 1].stdout,
    n: runs.length,
  };
}

/**
 * Runs several commands round-robin (A B C A B C ...), each side `times` runs of its own (a side with
 * fewer runs drops out after them), and summarizes each side (null for a side run zero times).
 *
 * @example
 * const [npx, bin] = alternate([[3, "npx", ["attune", "--version"]], [3, "attune", ["--version"]]]);
 */
export function alternate(sides) {
  const runs = sides.map(() => []);
  const rounds = Math.max(...sides.map(([times]) => times));
  for (let i = 0; i < rounds; i++) {
    sides.forEach(([times, cmd, args], k) => {
      if (i < times) runs[k].push(timed(cmd, args));
    });
  }
  return runs.map((r) => (r.length ? summarize(r) : null));
}

/**
 * Runs two commands alternately, `times` pairs (the second side only `timesB` times, interleaved
 * with the first runs), and summarizes each side.
 *
 * @example
 * const [ours, theirs] = paired(3, 2, ["npx", ["attune", "--version"]], ["Rscript", ["-e", "1"]]);
 */
export function paired(times, timesB, [cmdA, argsA], [cmdB, argsB]) {
  return alternate([
    [times, cmdA, argsA],
    [timesB, cmdB, argsB],
  ]);
}

/**
 * One result line: wall and CPU seconds, peak memory, a criterion and the number of runs.
 *
 * @example
 * line("npx attune fit", r, "REML 327032.064677");
 */
export function line(label, r, tail) {
  return `   ${label.padEnd(17)} ${r.seconds.toFixed(2).padStart(7)} s wall ${r.cpu.toFixed(2).padStart(7)} s CPU  peak ${r.mb.toFixed(0).padStart(5)} MB  ${tail}  (median of ${r.n})`;
}

/**
 * The two ratios of a comparison, wall and CPU (other / ours).
 *
 * @example
 * ratios(ours, theirs); // "ratio lme4/attune 9.10x wall, 6.02x CPU"
 */
export function ratios(ours, theirs, label = "lme4/attune") {
  return `ratio ${label} ${(theirs.seconds / ours.seconds).toFixed(2)}x wall, ${(theirs.cpu / ours.cpu).toFixed(2)}x CPU`;
}
