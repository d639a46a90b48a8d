// (Over 400 lines on purpose: the model, its filter and its robust fit share the private grid tables.)
// An item-level latent alliance model: each session's item answers are read through an ordinal
// (normal-ogive graded-response) model of the form, and the patient's level is followed by a filter on a
// grid of the latent scale. A form answered at the top of every item says only "at least this high"; a
// form with one item off the top says a little less; the filter reads each pattern by its likelihood
// instead of by its mean. The rupture statistic is the predictive mid-p of the session's sum score
// (ties at the ceiling count half), turned into a z, so one bar reads the same on any form.
//
//   answer_j = k  ⇔  τ_j,k−1 < λ·x + √(1 − λ²)·e_j ≤ τ_j,k,  e_j ~ N(0, 1)   (x standardised over the network)
//   x_it = level_it + ε_it, ε ~ N(0, r);  level_i,1 ~ N(mean0, tau2);  level_it = level_it' + g(t', t) + η
//
// The thresholds τ come from each item's marginal answer shares, the loading λ and the dynamics (mean0,
// tau2, r, the course g) by maximum marginal likelihood of the network's own patients.
import { nelderMead, pTwoSidedZ, qNormal } from "@attune/stats";

/** The network's item-level model of one form (plain data; the grid tables are rebuilt on demand). */
export interface ItemLatentModel {
  /** Lowest answer of an item (answers are integers min..min + categories − 1). */
  readonly min: number;
  readonly categories: number;
  /** τ[j][k]: standardised upper threshold of category k of item j (k = 0..categories − 2). */
  readonly tau: readonly (readonly number[])[];
  /** Common loading λ of the items on the session's latent alliance. */
  readonly loading: number;
  readonly mean0: number;
  readonly tau2: number;
  /** Session noise variance r of the latent alliance around the patient's level. */
  readonly noiseVar: number;
  readonly driftVar: number;
  readonly growth: { readonly perSession: number; readonly perLogSession: number };
}

/** One patient's filter state on the latent scale. */
export interface ItemLatentState {
  readonly mean: number;
  readonly variance: number;
  readonly session: number | null;
}

/** The statistic of one session: predictive mid-p of its sum score as a z (large = fall). */
export interface ItemLatentSignal {
  readonly z: number;
  /** Expected item mean under the prediction (0–100). */
  readonly level: number;
  /** level − the observed item mean (points; positive = fall). */
  readonly drop: number;
  /** SD of the item mean under the prediction (points). */
  readonly sd: number;
}

const GRID_LO = -6;
const GRID_HI = 8;
const GRID_STEP = 0.1;
const GRID = Float64Array.from(
  { length: Math.round((GRID_HI - GRID_LO) / GRID_STEP) + 1 },
  (_, g) => GRID_LO + g * GRID_STEP,
);
const DRIFT_SHARE = 0.05;
/**
 * Share of sessions (largest falls) the dynamics are refitted without. Tuned on the second simulator's
 * training seeds 1–5 with the simulated bar at a budget of 5: 0.05 realised 4.0–4.9 false alerts per 100
 * non-rupture sessions, 0.10 realised 5.3–6.1, 0.15 up to 6.9, none (the fit on every session) 2.4–3.4.
 */
export const ROBUST_TRIM = 0.05;

const phiCdf = (x: number): number => (x < 0 ? pTwoSidedZ(x) / 2 : 1 - pTwoSidedZ(x) / 2);

/** P(answer_j = k | x_g) for every item, category and grid node: prob[(j·K + k)·G + g]. */
interface Tables {
  readonly prob: Float64Array;
  /** Sum-score distribution per grid node for a set of answered items, keyed by the items' mask. */
  readonly sums: Map<string, Float64Array>;
}
const tables = new WeakMap<ItemLatentModel, Tables>();

function itemProbabilities(tau: readonly (readonly number[])[], K: number, loading: number): Float64Array {
  const G = GRID.length;
  const prob = new Float64Array(tau.length * K * G);
  const se = Math.sqrt(1 - loading * loading);
  tau.forEach((t, j) => {
    for (let g = 0; g < G; g++) {
      const lx = loading * (GRID[g] as number);
      let below = 0;
      for (let k = 0; k < K; k++) {
        const upTo = k < K - 1 ? phiCdf(((t[k] as number) - lx) / se) : 1;
        prob[(j * K + k) * G + g] = Math.max(1e-300, upTo - below);
        below = upTo;
      }
    }
  });
  return prob;
}

function tablesOf(model: ItemLatentModel): Tables {
  let t = tables.get(model);
  if (!t) {
    t = { prob: itemProbabilities(model.tau, model.categories, model.loading), sums: new Map() };
    tables.set(model, t);
  }
  return t;
}

/**
 * The mean of a form's answered items (null when none is answered): the form's score as the item rule and
 * the server read it from stored answers.
 *
 * @example
 * answeredMean([4, null, 5]); // 4.5
 */
export function answeredMean(answers: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const a of answers)
    if (a !== null) {
      sum += a;
      n++;
    }
  return n === 0 ? null : sum / n;
}

/** Answers as categories 0..K−1 (null when an item is unanswered); null when an answer is off the scale. */
function categoriesOf(
  model: Pick<ItemLatentModel, "min" | "categories" | "tau">,
  answers: readonly (number | null)[],
): (number | null)[] | null {
  if (answers.length !== model.tau.length) return null;
  const out: (number | null)[] = [];
  for (const a of answers) {
    if (a === null) {
      out.push(null);
      continue;
    }
    const k = Math.round(a - model.min);
    if (!(k >= 0 && k < model.categories) || Math.abs(a - model.min - k) > 1e-9) return null;
    out.push(k);
  }
  return out.some((k) => k !== null) ? out : null;
}

/** The likelihood of one session's answers at every grid node (into `out`). */
function likelihood(
  prob: Float64Array,
  K: number,
  cats: readonly (number | null)[],
  out: Float64Array,
): void {
  const G = GRID.length;
  out.fill(1);
  cats.forEach((k, j) => {
    if (k === null) return;
    const base = (j * K + k) * G;
    for (let g = 0; g < G; g++) out[g] = (out[g] as number) * (prob[base + g] as number);
  });
}

/** P(sum of the answered items' categories = s | x_g): sums[g·(S+1) + s], by convolution over items. */
function sumTable(model: ItemLatentModel, cats: readonly (number | null)[]): Float64Array {
  const t = tablesOf(model);
  const key = cats.map((k) => (k === null ? "0" : "1")).join("");
  const hit = t.sums.get(key);
  if (hit) return hit;
  const K = model.categories;
  const G = GRID.length;
  const answered = cats.flatMap((k, j) => (k === null ? [] : [j]));
  const S = answered.length * (K - 1);
  const table = new Float64Array(G * (S + 1));
  let cur = new Float64Array(S + 1);
  let next = new Float64Array(S + 1);
  for (let g = 0; g < G; g++) {
    cur.fill(0);
    cur[0] = 1;
    let top = 0;
    for (const j of answered) {
      next.fill(0);
      for (let s = 0; s <= top; s++) {
        const p = cur[s] as number;
        if (p === 0) continue;
        for (let k = 0; k < K; k++)
          next[s + k] = (next[s + k] as number) + p * (t.prob[(j * K + k) * G + g] as number);
      }
      top += K - 1;
      [cur, next] = [next, cur];
    }
    table.set(cur, g * (S + 1));
  }
  t.sums.set(key, table);
  return table;
}

/** Normalised prediction weights of the session's latent alliance on the grid (into `w`). */
function predictive(mean: number, variance: number, w: Float64Array): void {
  let total = 0;
  for (let g = 0; g < GRID.length; g++) {
    const d = ((GRID[g] as number) - mean) ** 2 / variance;
    const v = d > 80 ? 0 : Math.exp(-0.5 * d);
    w[g] = v;
    total += v;
  }
  if (total > 0) for (let g = 0; g < GRID.length; g++) w[g] = (w[g] as number) / total;
  else {
    // The prediction lies between grid nodes far outside: put it on the nearest node.
    const g = Math.min(GRID.length - 1, Math.max(0, Math.round((mean - GRID_LO) / GRID_STEP)));
    w[g] = 1;
  }
}

/**
 * The network's mean course of the latent alliance between two sessions (0 before a first session).
 *
 * @example
 * itemGrowthBetween(model.growth, 1, 10); // e.g. 0.4
 */
export const itemGrowthBetween = (g: ItemLatentModel["growth"], from: number | null, to: number): number =>
  from === null || !(from > 0) || !(to > 0)
    ? 0
    : g.perSession * (to - from) + g.perLogSession * Math.log(to / from);

/**
 * The filter state of a patient before their first rated session.
 *
 * @example
 * itemLatentStart(model).mean === model.mean0; // true
 */
export function itemLatentStart(model: ItemLatentModel): ItemLatentState {
  return { mean: model.mean0, variance: model.tau2, session: null };
}

const scratch = { w: new Float64Array(GRID.length), l: new Float64Array(GRID.length) };

/**
 * The patient's state after a session's answers, and the log predictive probability of the answers (for
 * the model's fit). Moments of the level are exact given the grid posterior of the session's alliance.
 *
 * @example
 * let s = itemLatentStart(model);
 * s = itemLatentUpdate(model, s, [5, 5, 4, 5], 1).state;
 */
export function itemLatentUpdate(
  model: ItemLatentModel,
  state: ItemLatentState,
  answers: readonly (number | null)[],
  session: number,
): { state: ItemLatentState; logLik: number } {
  const cats = categoriesOf(model, answers);
  if (!cats) return { state, logLik: 0 };
  likelihood(tablesOf(model).prob, model.categories, cats, scratch.l);
  return updateWith(model, state, scratch.l, session);
}

/** The filter step given the session's likelihood on the grid (shared by the fit, which caches it). */
function updateWith(
  model: ItemLatentModel,
  state: ItemLatentState,
  l: Float64Array,
  session: number,
): { state: ItemLatentState; logLik: number } {
  const m = state.mean + itemGrowthBetween(model.growth, state.session, session);
  const S = state.variance + model.noiseVar;
  // One pass over the grid nodes within 6.5 prediction SDs (the weight beyond is below 1e-9 of the peak):
  // the predictive weight, the likelihood's mass and the first two moments of the session's alliance.
  const reach = 6.5 * Math.sqrt(S);
  const gLo = Math.max(0, Math.floor((m - reach - GRID_LO) / GRID_STEP));
  const gHi = Math.min(GRID.length - 1, Math.ceil((m + reach - GRID_LO) / GRID_STEP));
  let total = 0;
  let lik = 0;
  let mx = 0;
  let mxx = 0;
  for (let g = gLo; g <= gHi; g++) {
    const x = GRID[g] as number;
    const wg = Math.exp((-0.5 * (x - m) * (x - m)) / S);
    total += wg;
    const p = wg * (l[g] as number);
    lik += p;
    mx += p * x;
    mxx += p * x * x;
  }
  if (!(total > 0) || !(lik > 0)) return { state: { ...state, mean: m, session }, logLik: -700 };
  mx /= lik;
  const vx = Math.max(0, mxx / lik - mx * mx);
  lik /= total;
  const k = state.variance / S;
  return {
    state: {
      mean: m + k * (mx - m),
      variance: Math.max(1e-6, state.variance - k * k * (S - vx)) + model.driftVar,
      session,
    },
    logLik: Math.log(lik),
  };
}

/**
 * How far a session's answers lie below the patient's prediction: z = Φ⁻¹(1 − mid-p) of the sum of the
 * answered items under the predictive law, with the expected and observed item means on 0–100.
 *
 * @example
 * itemLatentSignal(model, state, [2, 3, 2, 2], 6).z; // large after a run of 5s
 */
export function itemLatentSignal(
  model: ItemLatentModel,
  state: ItemLatentState,
  answers: readonly (number | null)[],
  session: number,
): ItemLatentSignal | null {
  const cats = categoriesOf(model, answers);
  if (!cats) return null;
  const table = sumTable(model, cats);
  const n = cats.filter((k) => k !== null).length;
  const S = n * (model.categories - 1);
  const observed = cats.reduce<number>((a, k) => a + (k ?? 0), 0);
  const { w } = scratch;
  predictive(
    state.mean + itemGrowthBetween(model.growth, state.session, session),
    state.variance + model.noiseVar,
    w,
  );
  let below = 0;
  let at = 0;
  let expected = 0;
  let square = 0;
  for (let g = 0; g < GRID.length; g++) {
    const wg = w[g] as number;
    if (wg < 1e-12) continue;
    const row = g * (S + 1);
    for (let s = 0; s <= S; s++) {
      const p = wg * (table[row + s] as number);
      expected += p * s;
      square += p * s * s;
      if (s < observed) below += p;
      else if (s === observed) at += p;
    }
  }
  const midP = Math.min(1 - 1e-12, Math.max(1e-12, below + at / 2));
  const toPct = (s: number) => (S > 0 ? (100 * s) / S : 0);
  const sd = S > 0 ? (100 / S) * Math.sqrt(Math.max(0, square - expected * expected)) : 0;
  return { z: -qNormal(midP), level: toPct(expected), drop: toPct(expected) - toPct(observed), sd };
}

/** One patient's sessions with stored answers: [session, answers]. */
export type ItemSeries = readonly (readonly [number, readonly (number | null)[]])[];

/**
 * Fits the network's item-level model of a form: thresholds from each item's answer shares, the loading
 * by marginal likelihood (golden section), then mean0, tau2, r and the course g by Nelder–Mead on the
 * filter's marginal likelihood. Null when the form has fewer than 2 items, answers off the integer scale
 * min..max, or fewer than 200 complete forms.
 *
 * @example
 * const model = fitItemLatent(patients, 1, 5);
 */
export function fitItemLatent(
  patients: readonly ItemSeries[],
  min: number,
  max: number,
  trim = ROBUST_TRIM,
): ItemLatentModel | null {
  const K = Math.round(max - min) + 1;
  const forms = patients.flatMap((p) => p.map(([, a]) => a));
  const J = forms[0]?.length ?? 0;
  if (K < 2 || J < 2 || Math.abs(max - min - (K - 1)) > 1e-9) return null;
  const complete = forms.filter((a) => a.length === J && a.every((v) => v !== null));
  if (complete.length < 200) return null;
  const tau: number[][] = [];
  for (let j = 0; j < J; j++) {
    const counts = new Float64Array(K);
    for (const a of complete) {
      const k = Math.round((a[j] as number) - min);
      if (!(k >= 0 && k < K)) return null;
      counts[k] = (counts[k] as number) + 1;
    }
    const row: number[] = [];
    let cum = 0;
    for (let k = 0; k < K - 1; k++) {
      cum += counts[k] as number;
      const t = qNormal((cum + 0.5) / (complete.length + 1));
      row.push(Math.max(t, (row[k - 1] ?? -Infinity) + 1e-3));
    }
    tau.push(row);
  }
  const base = { min, categories: K, tau, growth: { perSession: 0, perLogSession: 0 } };
  // The loading: marginal likelihood of complete forms with x ~ N(0, 1) (every form alike, no dynamics).
  const sample = complete.filter((_, i) => i % Math.max(1, Math.floor(complete.length / 2000)) === 0);
  const marginal = (loading: number): number => {
    const m = { ...base, loading, mean0: 0, tau2: 1e-6, noiseVar: 1, driftVar: 0 };
    const start = itemLatentStart(m);
    let ll = 0;
    for (const a of sample) ll += itemLatentUpdate(m, start, a, 1).logLik;
    return ll;
  };
  const loading = goldenMax(marginal, 0.3, 0.97);
  // Each session's likelihood on the grid depends on the thresholds and the loading only, so it is
  // computed once per answer pattern and shared by every pass of the dynamics' fit.
  const prob = itemProbabilities(tau, K, loading);
  const byPattern = new Map<string, Float64Array>();
  const cached: { session: number; l: Float64Array }[][] = patients.map((series) =>
    series.flatMap(([session, answers]) => {
      const cats = categoriesOf(base, answers);
      if (!cats) return [];
      const key = cats.join(",");
      let l = byPattern.get(key);
      if (!l) {
        l = new Float64Array(GRID.length);
        likelihood(prob, K, cats, l);
        byPattern.set(key, l);
      }
      return [{ session, l }];
    }),
  );
  // Sessions left out of the refit (see below): a patient's index → the positions in their series.
  let skip: Set<number>[] = cached.map(() => new Set<number>());
  const negLogLik = (p: Float64Array): number => {
    const model = dynamics(base, loading, p);
    let ll = 0;
    cached.forEach((series, i) => {
      const out = skip[i] as Set<number>;
      let s = itemLatentStart(model);
      series.forEach((x, t) => {
        if (out.has(t)) return;
        const u = updateWith(model, s, x.l, x.session);
        ll += u.logLik;
        s = u.state;
      });
    });
    return -ll;
  };
  const lower = Float64Array.of(-3, Math.log(0.01), Math.log(0.01), -1);
  const upper = Float64Array.of(3, Math.log(9), Math.log(4), 1);
  const first = nelderMead(negLogLik, Float64Array.of(0, Math.log(0.5), Math.log(0.3), 0.2), lower, upper, {
    maxeval: 300,
    ftolAbs: 1e-3,
    step: 0.3,
  });
  const fitted = dynamics(base, loading, first.x);
  if (!(trim > 0)) return fitted;
  // Ruptures inflate the session noise the fit sees, so a bar simulated from that model spends only part
  // of the budget on the network's quiet sessions (2.4–3.4 of 5 per 100 on the second simulator). As the
  // mean statistic's model does, refit without the sessions that fell furthest below their prediction
  // (the `trim` share with the largest z, the filter skipping them as if unrated, so a rupture's later
  // sessions and its recovery are read against the level before it).
  const zs: { i: number; t: number; z: number }[] = [];
  patients.forEach((series, i) => {
    let s = itemLatentStart(fitted);
    let t = 0;
    for (const [session, answers] of series) {
      const cats = categoriesOf(fitted, answers);
      if (!cats) continue;
      if (s.session !== null) {
        const sig = itemLatentSignal(fitted, s, answers, session);
        if (sig) zs.push({ i, t, z: sig.z });
      }
      s = updateWith(fitted, s, (cached[i] as { l: Float64Array }[])[t]?.l as Float64Array, session).state;
      t++;
    }
  });
  zs.sort((a, b) => b.z - a.z);
  skip = cached.map(() => new Set<number>());
  for (const x of zs.slice(0, Math.floor(trim * zs.length))) (skip[x.i] as Set<number>).add(x.t);
  const second = nelderMead(negLogLik, first.x, lower, upper, { maxeval: 200, ftolAbs: 1e-3, step: 0.1 });
  return dynamics(base, loading, second.x);
}

function dynamics(
  base: Omit<ItemLatentModel, "loading" | "mean0" | "tau2" | "noiseVar" | "driftVar">,
  loading: number,
  p: Float64Array,
): ItemLatentModel {
  const noiseVar = Math.exp(p[2] as number);
  return {
    ...base,
    loading,
    mean0: p[0] as number,
    tau2: Math.exp(p[1] as number),
    noiseVar,
    driftVar: DRIFT_SHARE * noiseVar,
    growth: { perSession: 0, perLogSession: p[3] as number },
  };
}

function goldenMax(f: (x: number) => number, lo: number, hi: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 25; i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - r * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + r * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Every rated session's item statistic without rupture state (the filter takes every form), per patient
 * in order; the first rated session of each patient is skipped.
 *
 * @example
 * itemLatentSignals(model, patients).map((x) => x.z);
 */
export function itemLatentSignals(
  model: ItemLatentModel,
  patients: readonly ItemSeries[],
): { session: number; signal: ItemLatentSignal }[][] {
  return patients.map((series) => {
    let s = itemLatentStart(model);
    const out: { session: number; signal: ItemLatentSignal }[] = [];
    for (const [session, answers] of series) {
      if (s.session !== null) {
        const sig = itemLatentSignal(model, s, answers, session);
        if (sig) out.push({ session, signal: sig });
      }
      s = itemLatentUpdate(model, s, answers, session).state;
    }
    return out;
  });
}
