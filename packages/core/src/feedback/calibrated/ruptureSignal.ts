// The calibrated rupture statistic: how far a session's alliance lies below the patient's recent level,
// in units of the noise expected at that level (ceiling-aware, see noise.ts) and of the patient's own
// variability, with the uncertainty of the recent level itself. Under noise alone it is about standard
// normal, so Φ(z) reads as the probability that the alliance truly fell.
import { pTwoSidedZ } from "@attune/stats";
import { noiseAt, type LevelNoise } from "./noise.ts";

/** What the rupture statistic needs from the network's calibration. */
export interface RuptureSignalSettings {
  /** Earlier rated sessions in the recent level [4]. */
  readonly window: number;
  /** Noise per level band (0–100). */
  readonly noise: LevelNoise;
  /** Weight (df) of the network's noise against the patient's own SD (from successive differences) [4]. */
  readonly priorDf: number;
}

/** The statistic at one session. */
export interface RuptureSignal {
  /** Mean of the earlier rated sessions used. */
  readonly level: number;
  /** Sessions in that mean. */
  readonly k: number;
  /** level − score (points; positive = fall). */
  readonly drop: number;
  /** The noise SD used for this patient (network band pooled with the patient's own). */
  readonly sd: number;
  /** drop / (sd·√(1 + 1/k)). */
  readonly z: number;
}

/**
 * The rupture statistic of `score` against the patient's earlier rated scores `earlier` (outside ruptures):
 * the recent level is the mean of the last `window`; the noise SD pools the network's noise at that level
 * (weight `priorDf`) with the patient's own session-to-session variability, ½·mean squared successive
 * difference over all of `earlier` (so a patient who always ticks the same boxes gets a small SD, and a
 * restless one a large SD).
 *
 * @example
 * ruptureSignal(70, [90, 92, 91], settings).z; // large: a 21-point fall near the top
 */
export function ruptureSignal(
  score: number,
  earlier: readonly number[],
  s: RuptureSignalSettings,
): RuptureSignal {
  const base = earlier.slice(-s.window);
  const k = base.length;
  let m = 0;
  for (const v of base) m += v;
  m /= k;
  const prior = noiseAt(s.noise, m);
  let ss = 0;
  for (let i = 1; i < earlier.length; i++)
    ss += ((earlier[i] as number) - (earlier[i - 1] as number)) ** 2 / 2;
  const n = Math.max(0, earlier.length - 1);
  const sd = Math.sqrt((s.priorDf * prior * prior + ss) / (s.priorDf + n));
  const drop = m - score;
  return { level: m, k, drop, sd, z: drop / (sd * Math.sqrt(1 + 1 / k)) };
}

/**
 * Φ(z): the probability of a true fall the statistic implies under normal noise.
 *
 * @example
 * probabilityOfFall(1.645); // ≈ 0.95
 */
export function probabilityOfFall(z: number): number {
  const tail = pTwoSidedZ(Math.abs(z)) / 2;
  return z >= 0 ? 1 - tail : tail;
}

/**
 * Every rated session's statistic without any rupture state (each against all earlier rated sessions),
 * for calibration: the falls and, mirrored, the rises.
 *
 * @example
 * statelessSignals([[80, 82, null, 60]], settings).map((x) => x.z);
 */
export function statelessSignals(
  series: readonly (readonly (number | null)[])[],
  s: RuptureSignalSettings,
): RuptureSignal[] {
  const out: RuptureSignal[] = [];
  for (const list of series) {
    const rated = list.filter((v): v is number => v !== null);
    for (let i = 1; i < rated.length; i++) {
      out.push(ruptureSignal(rated[i] as number, rated.slice(0, i), s));
    }
  }
  return out;
}
