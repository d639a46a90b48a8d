import { cholInPlace, symmetricEigen } from "../linalg/dense.ts";

/** Gradient and Hessian of a function by central finite differences. */
export interface Derivatives {
  readonly gradient: Float64Array;
  /** n×n row-major. */
  readonly hessian: Float64Array;
}

/**
 * lme4's `deriv12`: central differences with step δ = 1e-4 for the gradient and diagonal, and the
 * four-point formula for the off-diagonal entries (2n² + 1 evaluations, no bounds, as glmer calls it).
 *
 * @example
 * const d = deriv12((x) => x[0]! ** 2 + 3 * x[0]! * x[1]!, Float64Array.of(1, 2));
 * d.hessian; // ≈ [2, 3, 3, 0]
 */
export function deriv12(
  f: (x: Float64Array) => number,
  x: Float64Array,
  fx = f(x),
  delta = 1e-4,
): Derivatives {
  const n = x.length;
  const g = new Float64Array(n);
  const h = new Float64Array(n * n);
  const at = (i: number, di: number, j = -1, dj = 0): number => {
    const p = Float64Array.from(x);
    p[i] = (p[i] as number) + di;
    if (j >= 0) p[j] = (p[j] as number) + dj;
    return f(p);
  };
  for (let j = 0; j < n; j++) {
    const fadd = at(j, delta);
    const fsub = at(j, -delta);
    h[j * n + j] = (fadd - 2 * fx + fsub) / (delta * delta);
    g[j] = (fadd - fsub) / (2 * delta);
    for (let i = 0; i < j; i++) {
      const v =
        (at(i, delta, j, delta) -
          at(i, delta, j, -delta) -
          at(i, -delta, j, delta) +
          at(i, -delta, j, -delta)) /
        (4 * delta * delta);
      h[i * n + j] = v;
      h[j * n + i] = v;
    }
  }
  return { gradient: g, hessian: h };
}

/**
 * Inverse of a general square matrix by Gauss–Jordan elimination with partial pivoting (R's
 * `solve` for the small Hessians here). Returns null when it is singular.
 *
 * @example
 * inverse(Float64Array.of(2, 0, 0, 4), 2); // [0.5, 0, 0, 0.25]
 */
export function inverse(a: Float64Array, n: number): Float64Array | null {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  const scale = Math.max(...Array.from(a, Math.abs));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs(m[r * n + c] as number) > Math.abs(m[piv * n + c] as number)) piv = r;
    const pv = m[piv * n + c] as number;
    if (!(Math.abs(pv) > 1e-14 * scale)) return null;
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        [m[c * n + k], m[piv * n + k]] = [m[piv * n + k] as number, m[c * n + k] as number];
        [inv[c * n + k], inv[piv * n + k]] = [inv[piv * n + k] as number, inv[c * n + k] as number];
      }
    }
    for (let k = 0; k < n; k++) {
      m[c * n + k] = (m[c * n + k] as number) / pv;
      inv[c * n + k] = (inv[c * n + k] as number) / pv;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const fct = m[r * n + c] as number;
      if (fct === 0) continue;
      for (let k = 0; k < n; k++) {
        m[r * n + k] = (m[r * n + k] as number) - fct * (m[c * n + k] as number);
        inv[r * n + k] = (inv[r * n + k] as number) - fct * (inv[c * n + k] as number);
      }
    }
  }
  return inv;
}

/**
 * lme4's `checkConv` after a glmer fit that is not singular: the gradient scaled by the Hessian's
 * Cholesky factor (tolerance 0.002), then the Hessian of the fixed effects and the whole Hessian
 * (negative or zero eigenvalues, very large eigenvalues or eigenvalue ratios; tolerance 1e-6).
 * Returns lme4's warning texts.
 *
 * @example
 * convergenceWarnings(d, 1); // [] for a clean optimum
 */
export function convergenceWarnings(d: Derivatives, nTheta: number): string[] {
  const n = d.gradient.length;
  const out: string[] = [];
  const l = Float64Array.from(d.hessian);
  if (!cholInPlace(l, 0, n)) out.push("unable to evaluate scaled gradient");
  else {
    // scgrad = R⁻¹ g with H = R'R, R = L': back substitution with L'.
    const sc = Float64Array.from(d.gradient);
    for (let r = n - 1; r >= 0; r--) {
      let v = sc[r] as number;
      for (let c = r + 1; c < n; c++) v -= (l[c * n + r] as number) * (sc[c] as number);
      sc[r] = v / (l[r * n + r] as number);
    }
    let max = 0;
    let which = 0;
    for (let i = 0; i < n; i++) {
      const v = Math.min(Math.abs(sc[i] as number), Math.abs(d.gradient[i] as number));
      if (v > max) {
        max = v;
        which = i;
      }
    }
    if (max > 0.002) {
      out.push(
        `Model failed to converge with max|grad| = ${max.toPrecision(6)} (tol = 0.002, component ${which + 1})`,
      );
    }
  }
  if (n > nTheta) {
    const p = n - nTheta;
    const hb = new Float64Array(p * p);
    for (let r = 0; r < p; r++)
      for (let c = 0; c < p; c++) hb[r * p + c] = d.hessian[(r + nTheta) * n + c + nTheta] as number;
    out.push(...hessianMessages(hb, p, "fixed-effect"));
  }
  out.push(...hessianMessages(d.hessian, n, ""));
  return out;
}

function hessianMessages(h: Float64Array, n: number, type: string): string[] {
  const tol = 1e-6;
  if (Array.from(h).some((v) => !Number.isFinite(v)))
    return ["Problem with Hessian check (infinite or missing values?)"];
  const ev = Array.from(symmetricEigen(h, n).values);
  const negative = ev.filter((v) => v < -tol).length;
  if (negative > 0)
    return [`Model failed to converge: degenerate ${type} Hessian with ${negative} negative eigenvalues`];
  const zero = ev.filter((v) => Math.abs(v) < tol).length;
  if (zero > 0 || !cholInPlace(Float64Array.from(h), 0, n)) {
    return [`${type} Hessian is numerically singular: parameters are not uniquely determined`];
  }
  const out: string[] = [];
  const max = Math.max(...ev);
  const min = Math.min(...ev);
  if (max * tol > 1) out.push("Model is nearly unidentifiable: very large eigenvalue\n - Rescale variables?");
  if (min / max < tol)
    out.push("Model is nearly unidentifiable: large eigenvalue ratio\n - Rescale variables?");
  return out;
}
