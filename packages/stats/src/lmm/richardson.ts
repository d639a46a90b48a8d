// Numerical derivatives with Richardson extrapolation, as R's numDeriv (used by lmerTest for Satterthwaite).

const ZERO_TOL = Math.sqrt(2.220446049250313e-16 / 7e-7);

function initialSteps(x: Float64Array, d: number, eps: number): Float64Array {
  return Float64Array.from(x, (v) => Math.abs(d * v) + (Math.abs(v) < ZERO_TOL ? eps : 0));
}

function extrapolate(a: Float64Array[], r: number): Float64Array {
  // a[k] holds the estimates with step h0 / 2^k; combine with weights 4^m as numDeriv does.
  const cur = a.map((v) => Float64Array.from(v));
  for (let m = 1; m < r; m++) {
    const w = 4 ** m;
    for (let k = 0; k < r - m; k++) {
      const lo = cur[k] as Float64Array;
      const hi = cur[k + 1] as Float64Array;
      for (let i = 0; i < lo.length; i++) lo[i] = ((hi[i] as number) * w - (lo[i] as number)) / (w - 1);
    }
  }
  return cur[0] as Float64Array;
}

/**
 * Jacobian of a vector function by central differences with Richardson extrapolation
 * (numDeriv::jacobian defaults: eps 1e-4, d 1e-4, r 4, v 2). Returns one Float64Array per parameter.
 *
 * @example
 * jacobian((x) => Float64Array.of(x[0]! ** 2), Float64Array.of(3)); // [[6]]
 */
export function jacobian(
  f: (x: Float64Array) => Float64Array,
  x: Float64Array,
  d = 1e-4,
  eps = 1e-4,
  r = 4,
): Float64Array[] {
  const n = x.length;
  const h0 = initialSteps(x, d, eps);
  const out: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const est: Float64Array[] = [];
    let h = h0[i] as number;
    for (let k = 0; k < r; k++) {
      const xp = Float64Array.from(x);
      const xm = Float64Array.from(x);
      xp[i] = (xp[i] as number) + h;
      xm[i] = (xm[i] as number) - h;
      const fp = f(xp);
      const fm = f(xm);
      est.push(Float64Array.from(fp, (v, j) => (v - (fm[j] as number)) / (2 * h)));
      h /= 2;
    }
    out.push(extrapolate(est, r));
  }
  return out;
}

/**
 * Hessian of a scalar function (numDeriv::hessian via genD: eps 1e-4, d 0.1, r 4, v 2), row-major n×n.
 *
 * @example
 * hessian((x) => x[0]! * x[1]!, Float64Array.of(1, 2)); // [0, 1, 1, 0]
 */
export function hessian(
  f: (x: Float64Array) => number,
  x: Float64Array,
  d = 0.1,
  eps = 1e-4,
  r = 4,
): Float64Array {
  const n = x.length;
  const f0 = f(x);
  const h0 = initialSteps(x, d, eps);
  const hdiag = new Float64Array(n);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const est: Float64Array[] = [];
    let h = h0[i] as number;
    for (let k = 0; k < r; k++) {
      const xp = Float64Array.from(x);
      const xm = Float64Array.from(x);
      xp[i] = (xp[i] as number) + h;
      xm[i] = (xm[i] as number) - h;
      est.push(Float64Array.of((f(xp) - 2 * f0 + f(xm)) / (h * h)));
      h /= 2;
    }
    hdiag[i] = extrapolate(est, r)[0] as number;
    H[i * n + i] = hdiag[i] as number;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const est: Float64Array[] = [];
      let hi = h0[i] as number;
      let hj = h0[j] as number;
      for (let k = 0; k < r; k++) {
        const xp = Float64Array.from(x);
        const xm = Float64Array.from(x);
        xp[i] = (xp[i] as number) + hi;
        xp[j] = (xp[j] as number) + hj;
        xm[i] = (xm[i] as number) - hi;
        xm[j] = (xm[j] as number) - hj;
        const v =
          (f(xp) - 2 * f0 + f(xm) - (hdiag[i] as number) * hi * hi - (hdiag[j] as number) * hj * hj) /
          (2 * hi * hj);
        est.push(Float64Array.of(v));
        hi /= 2;
        hj /= 2;
      }
      const v = extrapolate(est, r)[0] as number;
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}
