// A latent-score model of each patient's alliance: a local-level (Kalman) filter per patient on the 0–100
// metric, with the network's prior for a new patient's level, the network's session noise pooled with
// the patient's own, a slow random walk of the level, and the form's ceiling and floor treated as
// censoring (Tobit update): a form with every item at the top box says only "at least this high", so a
// top-box responder's level is learned to lie above the scale and a drop from the top is surprising,
// while a patient in the middle of the scale is judged against their own noise. The rupture statistic
// is the standardised one-step-ahead prediction error of the observed score.
//
//   level_i,1 ~ N(mean0, tau2)         level_i,t = level_i,t−1 + η_t,  η_t ~ N(0, driftVar)
//   y*_it = level_i,t + ε_it,  ε_it ~ N(0, r_i)      y_it = y*_it, censored at 100 (≥ 100 − h) and 0 (≤ h)
//   r_i = (priorDf·noiseVar + ½ Σ (Δy)²) / (priorDf + n_i)      (the patient's own successive differences)
import { pTwoSidedZ, qNormal } from "@attune/stats";

/** The network's parameters of the latent alliance model (0–100 points; plain data). */
export interface LatentAllianceModel {
  /** Prior mean of a new patient's level (mean of first rated scores). */
  readonly mean0: number;
  /** Prior variance of a new patient's level (between-patient variance of first scores minus noise). */
  readonly tau2: number;
  /** Session-to-session noise variance of the network (robust, from successive differences). */
  readonly noiseVar: number;
  /** Variance of the level's random walk per rated session (a share of noiseVar). */
  readonly driftVar: number;
  /** Weight (df) of the network's noise against the patient's own. */
  readonly priorDf: number;
  /** Half of one item step of the form's mean score: a score of 100 says the latent score is ≥ 100 − halfStep. */
  readonly halfStep: number;
}

/** One patient's filter state: the level's predictive mean and variance, and their own noise sums. */
export interface LatentState {
  readonly mean: number;
  readonly variance: number;
  /** ½ Σ squared successive differences of the rated scores used. */
  readonly ssd: number;
  /** Successive differences in ssd. */
  readonly nd: number;
  /** The last score used (null before the first). */
  readonly last: number | null;
}

/** The statistic of one session against the patient's predicted level. */
export interface LatentSignal {
  /** Predicted level (0–100). */
  readonly level: number;
  /** SD of the one-step-ahead prediction of the score. */
  readonly sd: number;
  /** level − score (points; positive = fall). */
  readonly drop: number;
  /** drop / sd. */
  readonly z: number;
}

/** A score this close to 0 or 100 is at the floor or ceiling of the form. */
const EDGE = 1e-9;

const censored = (score: number): boolean => score >= 100 - EDGE || score <= EDGE;

/** Share of the noise variance the level may wander per session (a slow random walk). */
const DRIFT_SHARE = 0.05;

/**
 * Fits the network's latent alliance model from its patients' 0–100 series (null = missing form) by
 * moments: noise from the central 90% of successive differences between uncensored scores, the prior of a
 * new patient's level from first rated scores.
 *
 * @example
 * const model = fitLatentAlliance([[80, 85, null, 70], [100, 100, 95]], 3.125);
 * model.noiseVar; // session noise variance on 0–100
 */
export function fitLatentAlliance(
  series: readonly (readonly (number | null)[])[],
  halfStep: number,
  priorDf = 4,
): LatentAllianceModel {
  const top = 100 - EDGE;
  const diffs: number[] = [];
  const firsts: number[] = [];
  for (const s of series) {
    let prev: number | null = null;
    for (const y of s) {
      if (y === null) continue;
      if (prev === null) firsts.push(y);
      else if (y < top && prev < top && y > EDGE && prev > EDGE) diffs.push(Math.abs(y - prev));
      prev = y;
    }
  }
  const abs = Float64Array.from(diffs).sort();
  const keep = Math.max(1, Math.floor(abs.length * 0.9));
  let ss = 0;
  for (let i = 0; i < Math.min(keep, abs.length); i++) ss += (abs[i] as number) ** 2;
  // E[X² | |X| ≤ q0.9] = 0.702 for a standard normal; a difference of two sessions has twice the variance.
  const floor = Math.max(1, halfStep * halfStep);
  const noiseVar = abs.length >= 10 ? Math.max(floor, ss / keep / 0.702 / 2) : 100;
  let m = 50;
  let v = 625;
  if (firsts.length >= 10) {
    m = firsts.reduce((a, b) => a + b, 0) / firsts.length;
    v = firsts.reduce((a, b) => a + (b - m) ** 2, 0) / (firsts.length - 1);
  }
  return {
    mean0: m,
    tau2: Math.max(noiseVar / 4, v - noiseVar),
    noiseVar,
    driftVar: DRIFT_SHARE * noiseVar,
    priorDf,
    halfStep,
  };
}

/**
 * The filter state of a patient before their first rated session.
 *
 * @example
 * latentStart(model).mean === model.mean0; // true
 */
export function latentStart(model: LatentAllianceModel): LatentState {
  return { mean: model.mean0, variance: model.tau2, ssd: 0, nd: 0, last: null };
}

/** The patient's noise variance: the network's pooled with their own successive differences. */
function patientNoise(model: LatentAllianceModel, s: LatentState): number {
  const own = (model.priorDf * model.noiseVar + s.ssd) / (model.priorDf + s.nd);
  return Math.max(model.halfStep * model.halfStep, own);
}

/**
 * How far `score` lies below the patient's predicted level, in SDs of the one-step-ahead prediction.
 *
 * @example
 * latentSignal(model, state, 60).z; // large when the patient's level was near 90
 */
export function latentSignal(model: LatentAllianceModel, s: LatentState, score: number): LatentSignal {
  const sd = Math.sqrt(s.variance + patientNoise(model, s));
  // A score at the ceiling is never a fall, even for a patient whose level lies above the scale: every
  // score is ≤ 100, so P(score ≤ 100) = 1.
  const drop = score >= 100 - EDGE ? Math.min(0, s.mean - score) : s.mean - score;
  return { level: s.mean, sd, drop, z: drop / sd };
}

const lowerTail = (x: number): number => (x < 0 ? pTwoSidedZ(x) / 2 : 1 - pTwoSidedZ(x) / 2);
const density = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** φ(a)/(1 − Φ(a)), the inverse Mills ratio, stable in the far tail. */
function mills(a: number): number {
  if (a > 8) return a + 1 / a;
  return density(a) / Math.max(1e-300, 1 - lowerTail(a));
}

/**
 * The patient's state after a rated session `score`: a Kalman update, or for a score at the ceiling
 * (floor) the moments of the level given "at least (most) this high (low)"; then the level's random walk.
 *
 * @example
 * let s = latentStart(model);
 * for (const y of [90, 100, 100]) s = latentUpdate(model, s, y);
 */
export function latentUpdate(model: LatentAllianceModel, s: LatentState, score: number): LatentState {
  const r = patientNoise(model, s);
  const total = s.variance + r;
  const sd = Math.sqrt(total);
  let mean: number;
  let variance: number;
  const top = 100 - model.halfStep;
  if (censored(score)) {
    // Censored: y* ≥ 100 − h (or ≤ h). Mirror the floor onto the ceiling's formula.
    const up = score >= 100 - EDGE;
    const a = up ? (top - s.mean) / sd : (s.mean - model.halfStep) / sd;
    const lam = mills(a);
    mean = s.mean + (up ? 1 : -1) * (s.variance / sd) * lam;
    variance = s.variance * (1 - (s.variance / total) * lam * (lam - a));
  } else {
    const k = s.variance / total;
    mean = s.mean + k * (score - s.mean);
    variance = (1 - k) * s.variance;
  }
  // The patient's own noise learns only from pairs of uncensored scores: a run of top boxes is silent
  // about how much the patient's alliance moves, not evidence that it never moves.
  const pair = s.last !== null && !censored(score) && !censored(s.last);
  return {
    mean,
    variance: Math.max(1e-6, variance) + model.driftVar,
    ssd: s.ssd + (pair ? (score - (s.last as number)) ** 2 / 2 : 0),
    nd: s.nd + (pair ? 1 : 0),
    last: score,
  };
}

/**
 * Every rated session's statistic without rupture state (the filter takes every score): the sessions
 * that can alert, and the statistic's spread on the network. The first rated session is skipped.
 *
 * @example
 * latentSignals(model, [[80, 82, null, 60]]).map((x) => x.z);
 */
export function latentSignals(
  model: LatentAllianceModel,
  series: readonly (readonly (number | null)[])[],
): LatentSignal[] {
  const out: LatentSignal[] = [];
  for (const list of series) {
    let s = latentStart(model);
    for (const y of list) {
      if (y === null) continue;
      if (s.last !== null) out.push(latentSignal(model, s, y));
      s = latentUpdate(model, s, y);
    }
  }
  return out;
}

/**
 * The rupture bar that meets an alert budget: the z whose one-sided tail under the model's prediction
 * (standard normal when the model holds) equals the allowed false alerts per rated session that can alert,
 * `allowed / eligible`. The model's parameters come from the network's own data; the bar trusts its
 * Gaussian prediction (misfit shows as the realised rate on held-out networks, docs/feedback.md).
 *
 * @example
 * budgetBar(50, 1000); // qNormal(0.95) ≈ 1.64
 */
export function budgetBar(allowed: number, eligible: number): number {
  if (!(eligible > 0)) return qNormal(0.95);
  const p = Math.min(0.5, Math.max(1e-6, allowed / eligible));
  return Math.max(1, qNormal(1 - p));
}
