// A latent-score model of each patient's alliance: a local-level (Kalman) filter per patient on the 0–100
// metric, with the network's prior for a new patient's level, the network's session noise pooled with
// the patient's own, a slow random walk of the level, and the form's ceiling and floor treated as
// censoring (Tobit update): a form with every item at the top box says only "at least this high", so a
// top-box responder's level is learned to lie above the scale and a drop from the top is surprising,
// while a patient in the middle of the scale is judged against their own noise. The level follows the
// network's mean course between sessions (patients' alliance grows over treatment; a filter without it
// lags behind every growing patient and reads their ordinary rises as large and their falls as small).
// The rupture statistic is the standardised one-step-ahead prediction error of the observed score.
//
//   level_i,1 ~ N(mean0, tau2)   level_i,t = level_i,t' + g(t', t) + η_t,  η_t ~ N(0, driftVar)
//   g(t', t) = a·(t − t') + b·(ln t − ln t')      (the network's mean change from session t' to t)
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
  /** The network's mean course of a patient's alliance: g(t', t) = perSession·(t − t') + perLogSession·ln(t/t'). */
  readonly growth: { readonly perSession: number; readonly perLogSession: number };
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
  /** The session the level refers to (null before the first score). */
  readonly session: number | null;
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
 * Fits the network's latent alliance model from its patients' 0–100 series by moments. Each series is
 * indexed by session (element i is session i + 1; null = no form). The mean course g comes first, by
 * least squares on the changes between a patient's successive uncensored scores (refitted without the
 * 10% largest residuals, so ruptures and their recoveries do not steer it); the noise from the central
 * 90% of those changes less g; the prior of a new patient's level from first rated scores, carried
 * back to session 1 along g.
 *
 * @example
 * const model = fitLatentAlliance([[80, 85, null, 70], [100, 100, 95]], 3.125);
 * model.noiseVar; // session noise variance on 0–100
 */
export function fitLatentAlliance(
  series: readonly (readonly (number | null)[])[],
  halfStep: number,
  priorDf?: number,
): LatentAllianceModel {
  const pairs = successivePairs(series);
  const growth = fitGrowth(pairs);
  const floor = Math.max(1, halfStep * halfStep);
  const residual = (p: Pair) => p.change - growthBetween(growth, p.from, p.to);
  const noiseVar = pairs.length >= 10 ? Math.max(floor, trimmedVariance(pairs.map(residual))) : 100;
  const firsts: number[] = [];
  for (const s of series) {
    const i = s.findIndex((y) => y !== null);
    if (i >= 0) firsts.push((s[i] as number) - growthBetween(growth, 1, i + 1));
  }
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
    priorDf: priorDf ?? noiseDf(pairs, growth),
    halfStep,
    growth,
  };
}

/**
 * A session's noise variance from changes between successive sessions: the mean square of the central
 * 90% of |change| (E[X² | |X| ≤ q0.9] = 0.702 for a standard normal), halved (a change is two sessions' noise).
 */
function trimmedVariance(changes: readonly number[]): number {
  const abs = Float64Array.from(changes, Math.abs).sort();
  const keep = Math.max(1, Math.floor(abs.length * 0.9));
  let ss = 0;
  for (let i = 0; i < Math.min(keep, abs.length); i++) ss += (abs[i] as number) ** 2;
  return ss / keep / 0.702 / 2;
}

/**
 * How alike the patients' noise is, as the degrees of freedom ν of a scaled inverse-χ² law of their noise
 * variances (the weight of the network's noise against a patient's own): by moments of each patient's
 * ½·mean squared change (less the mean course), Var(r) = (Var(s²) − 2·E[s²]²/n̄)/(1 + 2/n̄) and
 * ν = 4 + 2·E[r]²/Var(r). Patients who differ much give a small ν (their own changes count soon); a
 * network of alike patients a large one. Clamped to 4–40; 4 with fewer than 30 patients.
 */
function noiseDf(pairs: readonly Pair[], growth: LatentAllianceModel["growth"]): number {
  const byPatient = new Map<number, { ss: number; n: number }>();
  for (const p of pairs) {
    const e = byPatient.get(p.patient) ?? { ss: 0, n: 0 };
    e.ss += (p.change - growthBetween(growth, p.from, p.to)) ** 2 / 2;
    e.n++;
    byPatient.set(p.patient, e);
  }
  const s2: number[] = [];
  let nSum = 0;
  for (const e of byPatient.values()) {
    if (e.n < 3) continue;
    s2.push(e.ss / e.n);
    nSum += e.n;
  }
  if (s2.length < 30) return 4;
  const nBar = nSum / s2.length;
  const mean = s2.reduce((a, b) => a + b, 0) / s2.length;
  const v = s2.reduce((a, b) => a + (b - mean) ** 2, 0) / (s2.length - 1);
  const varR = (v - (2 * mean * mean) / nBar) / (1 + 2 / nBar);
  if (!(varR > 0)) return 40;
  return Math.min(40, Math.max(4, 4 + (2 * mean * mean) / varR));
}

/** A change between two successive uncensored scores of one patient. */
interface Pair {
  /** Index of the patient's series. */
  readonly patient: number;
  readonly from: number;
  readonly to: number;
  readonly change: number;
}

function successivePairs(series: readonly (readonly (number | null)[])[]): Pair[] {
  const top = 100 - EDGE;
  const pairs: Pair[] = [];
  series.forEach((s, patient) => {
    let prev: number | null = null;
    let at = 0;
    s.forEach((y, i) => {
      if (y === null) return;
      if (prev !== null && y < top && prev < top && y > EDGE && prev > EDGE)
        pairs.push({ patient, from: at, to: i + 1, change: y - prev });
      prev = y;
      at = i + 1;
    });
  });
  return pairs;
}

/**
 * The network's mean course g(t', t) = a·(t − t') + b·ln(t/t') by least squares on the successive changes,
 * refitted without the 10% largest residuals. Too few changes, or sessions that cannot separate the two
 * terms: no growth, or the log term alone.
 */
function fitGrowth(pairs: readonly Pair[]): LatentAllianceModel["growth"] {
  const none = { perSession: 0, perLogSession: 0 };
  if (pairs.length < 50) return none;
  let fit = leastSquares(pairs, () => true);
  const res = Float64Array.from(pairs, (p) => Math.abs(p.change - growthBetween(fit, p.from, p.to))).sort();
  const cut = res[Math.floor(0.9 * (res.length - 1))] as number;
  fit = leastSquares(pairs, (p) => Math.abs(p.change - growthBetween(fit, p.from, p.to)) <= cut);
  return Number.isFinite(fit.perSession) && Number.isFinite(fit.perLogSession) ? fit : none;
}

function leastSquares(pairs: readonly Pair[], use: (p: Pair) => boolean): LatentAllianceModel["growth"] {
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let r1 = 0;
  let r2 = 0;
  for (const p of pairs) {
    if (!use(p)) continue;
    const x1 = p.to - p.from;
    const x2 = Math.log(p.to / p.from);
    s11 += x1 * x1;
    s12 += x1 * x2;
    s22 += x2 * x2;
    r1 += x1 * p.change;
    r2 += x2 * p.change;
  }
  const det = s11 * s22 - s12 * s12;
  // The two terms are nearly collinear over a narrow range of sessions: keep the log term alone.
  if (!(det > 1e-6 * s11 * s22)) return { perSession: 0, perLogSession: s22 > 0 ? r2 / s22 : 0 };
  return { perSession: (s22 * r1 - s12 * r2) / det, perLogSession: (s11 * r2 - s12 * r1) / det };
}

/**
 * The network's mean change of a patient's alliance from session `from` to session `to` (0 when either
 * is unknown).
 *
 * @example
 * growthBetween({ perSession: 1, perLogSession: 0 }, 2, 5); // 3
 */
export function growthBetween(
  g: LatentAllianceModel["growth"],
  from: number | null,
  to: number | null,
): number {
  if (from === null || to === null || !(from > 0) || !(to > 0)) return 0;
  return g.perSession * (to - from) + g.perLogSession * Math.log(to / from);
}

/**
 * The filter state of a patient before their first rated session.
 *
 * @example
 * latentStart(model).mean === model.mean0; // true
 */
export function latentStart(model: LatentAllianceModel): LatentState {
  return { mean: model.mean0, variance: model.tau2, ssd: 0, nd: 0, last: null, session: null };
}

/** The patient's noise variance: the network's pooled with their own successive differences. */
function patientNoise(model: LatentAllianceModel, s: LatentState): number {
  const own = (model.priorDf * model.noiseVar + s.ssd) / (model.priorDf + s.nd);
  return Math.max(model.halfStep * model.halfStep, own);
}

/** The predicted level at `session`: the last level carried along the network's mean course. */
function predictedMean(model: LatentAllianceModel, s: LatentState, session: number): number {
  return s.mean + growthBetween(model.growth, s.session ?? 1, session);
}

/**
 * How far `score` at `session` lies below the patient's predicted level, in SDs of the one-step-ahead
 * prediction.
 *
 * @example
 * latentSignal(model, state, 60, 5).z; // large when the patient's level was near 90
 */
export function latentSignal(
  model: LatentAllianceModel,
  s: LatentState,
  score: number,
  session: number,
): LatentSignal {
  const sd = Math.sqrt(s.variance + patientNoise(model, s));
  const level = predictedMean(model, s, session);
  // A score at the ceiling is never a fall, even for a patient whose level lies above the scale: every
  // score is ≤ 100, so P(score ≤ 100) = 1.
  const drop = score >= 100 - EDGE ? Math.min(0, level - score) : level - score;
  return { level, sd, drop, z: drop / sd };
}

const lowerTail = (x: number): number => (x < 0 ? pTwoSidedZ(x) / 2 : 1 - pTwoSidedZ(x) / 2);
const density = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** φ(a)/(1 − Φ(a)), the inverse Mills ratio, stable in the far tail. */
function mills(a: number): number {
  if (a > 8) return a + 1 / a;
  return density(a) / Math.max(1e-300, 1 - lowerTail(a));
}

/**
 * The patient's state after a rated `score` at `session`: the level carried along the network's mean
 * course, then a Kalman update, or for a score at the ceiling (floor) the moments of the level given "at
 * least (most) this high (low)"; then the level's random walk.
 *
 * @example
 * let s = latentStart(model);
 * [90, 100, 100].forEach((y, i) => (s = latentUpdate(model, s, y, i + 1)));
 */
export function latentUpdate(
  model: LatentAllianceModel,
  state: LatentState,
  score: number,
  session: number,
): LatentState {
  // The patient's own noise is learned from changes less the network's mean course.
  const expected = growthBetween(model.growth, state.session, session);
  const s = { ...state, mean: predictedMean(model, state, session) };
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
    ssd: s.ssd + (pair ? (score - (s.last as number) - expected) ** 2 / 2 : 0),
    nd: s.nd + (pair ? 1 : 0),
    last: score,
    session,
  };
}

/**
 * Every rated session's statistic without rupture state (the filter takes every score): the sessions
 * that can alert, and the statistic's spread on the network. Each series is indexed by session (element
 * i is session i + 1). The first rated session is skipped.
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
    list.forEach((y, i) => {
      if (y === null) return;
      if (s.last !== null) out.push(latentSignal(model, s, y, i + 1));
      s = latentUpdate(model, s, y, i + 1);
    });
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
