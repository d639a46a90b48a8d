import { symmetricEigen } from "../linalg/dense.ts";

/** Gauss–Hermite nodes and weights for the standard normal density (weights sum to 1). */
export interface GaussHermiteRule {
  readonly z: Float64Array;
  readonly w: Float64Array;
}

/**
 * The N-point Gauss–Hermite rule for ∫ f(z) φ(z) dz (lme4's `GHrule`: nodes in z, weights summing to
 * 1), by the Golub–Welsch eigenvalue method on the Jacobi matrix of the probabilists' Hermite
 * polynomials (off-diagonal √k). Nodes are sorted and made exactly symmetric, the middle one of an
 * odd rule exactly 0.
 *
 * @example
 * gaussHermite(3).z; // [-1.732..., 0, 1.732...]
 * gaussHermite(3).w; // [1/6, 2/3, 1/6]
 */
export function gaussHermite(n: number): GaussHermiteRule {
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new RangeError(`nAGQ must be a whole number from 1 to 100, got ${n}`);
  const j = new Float64Array(n * n);
  for (let k = 1; k < n; k++) {
    j[(k - 1) * n + k] = Math.sqrt(k);
    j[k * n + k - 1] = Math.sqrt(k);
  }
  const { values, vectors } = symmetricEigen(j, n);
  const order = Array.from(values, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const z = new Float64Array(n);
  const w = new Float64Array(n);
  order.forEach((col, i) => {
    z[i] = values[col] as number;
    w[i] = (vectors[col] as number) ** 2;
  });
  // Symmetrise (the rule is symmetric in exact arithmetic) and normalise.
  const zs = Float64Array.from(z, (v, i) => (v - (z[n - 1 - i] as number)) / 2);
  const ws = Float64Array.from(w, (v, i) => (v + (w[n - 1 - i] as number)) / 2);
  if (n % 2 === 1) zs[(n - 1) / 2] = 0;
  const total = ws.reduce((s, v) => s + v, 0);
  for (let i = 0; i < n; i++) ws[i] = (ws[i] as number) / total;
  return { z: zs, w: ws };
}
