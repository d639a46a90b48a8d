import { InputError } from "../errors.ts";

/** What R's `poly()` keeps to evaluate the same polynomials on new data (`attr(, "coefs")`). */
export interface PolyCoefs {
  readonly alpha: Float64Array;
  /** norm2[0] = 1, norm2[1] = n, norm2[k+1] = squared norm of the degree-k polynomial. */
  readonly norm2: Float64Array;
}

/**
 * Orthogonal polynomials of degree 1..k on x, identical to R's `poly(x, k)`: the columns of Q from
 * the QR decomposition of [1, x − x̄, …, (x − x̄)^k] scaled to unit length, signed so that each has a
 * positive leading coefficient. Computed by the three-term recurrence (Stieltjes), which yields the
 * same columns and R's `coefs` (alpha, norm2) for prediction.
 *
 * @example
 * const { columns, coefs } = orthogonalPoly(Float64Array.of(1, 2, 3, 4), 2, "x");
 * columns[0]; // [-0.6708, -0.2236, 0.2236, 0.6708], as poly(1:4, 2)[, 1]
 */
export function orthogonalPoly(
  x: Float64Array,
  degree: number,
  label: string,
): { columns: Float64Array[]; coefs: PolyCoefs } {
  const n = x.length;
  const distinct = new Set(x).size;
  if (degree >= distinct) {
    throw new InputError(
      `formula: ${label}: the degree (${degree}) must be less than the number of distinct values of the variable (${distinct}), as R's poly requires`,
    );
  }
  const alpha = new Float64Array(degree);
  const norm2 = new Float64Array(degree + 2);
  norm2[0] = 1;
  norm2[1] = n;
  // basis[j] = p_j, the unnormalised polynomial of degree j (p_0 = 1).
  const basis: Float64Array[] = [new Float64Array(n).fill(1)];
  for (let j = 0; j < degree; j++) {
    const cur = basis[j] as Float64Array;
    const prev = basis[j - 1];
    let sx = 0;
    for (let i = 0; i < n; i++) sx += (x[i] as number) * (cur[i] as number) ** 2;
    const a = sx / (norm2[j + 1] as number);
    alpha[j] = a;
    const ratio = prev ? (norm2[j + 1] as number) / (norm2[j] as number) : 0;
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++)
      next[i] = ((x[i] as number) - a) * (cur[i] as number) - (prev ? ratio * (prev[i] as number) : 0);
    // One re-orthogonalisation against the lower polynomials keeps high degrees exact to rounding.
    for (const q of basis) {
      let num = 0;
      let den = 0;
      for (let i = 0; i < n; i++) {
        num += (next[i] as number) * (q[i] as number);
        den += (q[i] as number) ** 2;
      }
      const c = num / den;
      for (let i = 0; i < n; i++) next[i] = (next[i] as number) - c * (q[i] as number);
    }
    let nn = 0;
    for (let i = 0; i < n; i++) nn += (next[i] as number) ** 2;
    norm2[j + 2] = nn;
    basis.push(next);
  }
  const columns = basis.slice(1).map((p, j) => {
    const s = Math.sqrt(norm2[j + 2] as number);
    return p.map((v) => v / s);
  });
  return { columns, coefs: { alpha, norm2 } };
}

/**
 * Evaluates orthogonal polynomials with known coefficients (R's `predict(poly(...), newdata)`), and
 * so the columns of `poly(x, k)` themselves.
 *
 * @example
 * evalPoly(Float64Array.of(2.5), coefs); // values of the fitted polynomials at x = 2.5
 */
export function evalPoly(x: Float64Array, coefs: PolyCoefs): Float64Array[] {
  const n = x.length;
  const degree = coefs.alpha.length;
  const out: Float64Array[] = [];
  let prev = new Float64Array(n).fill(1);
  let cur = new Float64Array(n);
  for (let i = 0; i < n; i++) cur[i] = (x[i] as number) - (coefs.alpha[0] as number);
  for (let j = 1; j <= degree; j++) {
    if (j > 1) {
      const a = coefs.alpha[j - 1] as number;
      const ratio = (coefs.norm2[j] as number) / (coefs.norm2[j - 1] as number);
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++)
        next[i] = ((x[i] as number) - a) * (cur[i] as number) - ratio * (prev[i] as number);
      prev = cur;
      cur = next;
    }
    const s = Math.sqrt(coefs.norm2[j + 1] as number);
    out.push(cur.map((v) => v / s));
  }
  return out;
}

/**
 * Raw polynomial columns x, x², …, x^k (R's `poly(x, k, raw = TRUE)`).
 *
 * @example
 * rawPoly(Float64Array.of(1, 2), 2); // [[1, 2], [1, 4]]
 */
export function rawPoly(x: Float64Array, degree: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 1; j <= degree; j++) out.push(x.map((v) => v ** j));
  return out;
}
