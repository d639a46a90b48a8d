// Prediction for a new unit of a fitted LMM, from its own observed rows (docs/engine.md, "Prediction for a new unit").

/** What a prediction needs of a fitted model with one random-effects term (all row-major). */
export interface PredictiveModel {
  /** Fixed effects β̂ (p). */
  readonly beta: readonly number[];
  /** Var(β̂), p×p. */
  readonly vcov: readonly number[];
  /** Covariance of the unit's random effects Σ_b, k×k. */
  readonly randomCov: readonly number[];
  /** Residual SD σ̂. */
  readonly sigma: number;
}

/** Mean and predictive SD of a new observation. */
export interface PredictiveMoments {
  readonly mean: number;
  /** SD including the uncertainty of β̂. */
  readonly sd: number;
  /** SD with β̂ taken as known. */
  readonly sdBetaKnown: number;
  /** The unit's predicted random effects b̃ (zeros without observed rows). */
  readonly ranef: readonly number[];
}

/**
 * Predictive mean and SD of a new observation (fixed row x0, random row z0) of a unit with observed rows
 * (Xo, Zo, yo), ignoring the uncertainty of θ: V = Zo Σ_b Zo' + σ²I, K = Σ_b Zo' V⁻¹, b̃ = K(yo − Xo β̂),
 * C = Σ_b − K Zo Σ_b; mean x0'β̂ + z0'b̃; variance z0'C z0 + σ² + a'Var(β̂)a with a = x0 − Xo'K'z0.
 * Without observed rows this is the population prediction x0'β̂ with variance x0'Var(β̂)x0 + z0'Σ_b z0 + σ².
 *
 * @example
 * // sleepstudy, new subject observed on days 0–2 (docs/engine.md): mean 354.416, variance 3012.59
 * predictNewUnit(model, [1, 9], [1, 9], { x: [[1, 0], [1, 1], [1, 2]], z: [[1, 0], [1, 1], [1, 2]], y: [250, 270, 280] });
 */
export function predictNewUnit(
  model: PredictiveModel,
  x0: readonly number[],
  z0: readonly number[],
  observed: { x: readonly (readonly number[])[]; z: readonly (readonly number[])[]; y: readonly number[] } = {
    x: [],
    z: [],
    y: [],
  },
): PredictiveMoments {
  const p = model.beta.length;
  const k = z0.length;
  const n = observed.y.length;
  const S = (r: number, c: number): number => model.randomCov[r * k + c] as number;
  const s2 = model.sigma * model.sigma;
  // ZS[i][e] = (Zo Σ_b)[i][e]
  const ZS = observed.z.map((zi) => Array.from({ length: k }, (_, e) => dot(zi, (f) => S(f, e))));
  const V = Array.from({ length: n }, (_, i) =>
    Array.from(
      { length: n },
      (_, j) =>
        dot(observed.z[j] as readonly number[], (f) => (ZS[i] as number[])[f] as number) + (i === j ? s2 : 0),
    ),
  );
  const Vinv = invert(V);
  // K = Σ_b Zo' V⁻¹  (k×n): K[e][j] = Σ_i ZS[i][e] V⁻¹[i][j]
  const K = Array.from({ length: k }, (_, e) =>
    Array.from({ length: n }, (_, j) =>
      sum(n, (i) => ((ZS[i] as number[])[e] as number) * ((Vinv[i] as number[])[j] as number)),
    ),
  );
  const resid = observed.y.map(
    (y, i) => y - dot(observed.x[i] as readonly number[], (r) => model.beta[r] as number),
  );
  const ranef = K.map((row) => sum(n, (j) => (row[j] as number) * (resid[j] as number)));
  // C = Σ_b − K Zo Σ_b
  const C = (e: number, f: number): number =>
    S(e, f) - sum(n, (j) => ((K[e] as number[])[j] as number) * ((ZS[j] as number[])[f] as number));
  const mean = dot(x0, (r) => model.beta[r] as number) + dot(z0, (e) => ranef[e] as number);
  let vKnown = s2;
  for (let e = 0; e < k; e++)
    for (let f = 0; f < k; f++) vKnown += (z0[e] as number) * C(e, f) * (z0[f] as number);
  // a = x0 − Xo' K' z0
  const Kz = Array.from({ length: n }, (_, j) =>
    sum(k, (e) => ((K[e] as number[])[j] as number) * (z0[e] as number)),
  );
  const a = Array.from(
    { length: p },
    (_, r) =>
      (x0[r] as number) -
      sum(n, (j) => ((observed.x[j] as readonly number[])[r] as number) * (Kz[j] as number)),
  );
  let vBeta = 0;
  for (let r = 0; r < p; r++)
    for (let c = 0; c < p; c++)
      vBeta += (a[r] as number) * (model.vcov[r * p + c] as number) * (a[c] as number);
  return { mean, sd: Math.sqrt(vKnown + vBeta), sdBetaKnown: Math.sqrt(vKnown), ranef };
}

const sum = (n: number, f: (i: number) => number): number => {
  let s = 0;
  for (let i = 0; i < n; i++) s += f(i);
  return s;
};
const dot = (v: readonly number[], f: (i: number) => number): number =>
  sum(v.length, (i) => (v[i] as number) * f(i));

/** Inverse of a small symmetric positive-definite matrix (Gauss–Jordan with partial pivoting). */
function invert(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[piv] as number[])[c] as number)) piv = r;
    [a[c], a[piv]] = [a[piv] as number[], a[c] as number[]];
    const row = a[c] as number[];
    const d = row[c] as number;
    if (d === 0) throw new Error("predictNewUnit: singular covariance of the observed rows");
    for (let j = 0; j < 2 * n; j++) row[j] = (row[j] as number) / d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const other = a[r] as number[];
      const f = other[c] as number;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) other[j] = (other[j] as number) - f * (row[j] as number);
    }
  }
  return a.map((row) => row.slice(n));
}
