// Numerical derivatives with Richardson extrapolation, as R's numDeriv::genD (used by lmerTest).

const ZERO_TOL = Math.sqrt(2.220446049250313e-16 / 7e-7);

/** First and second derivatives of a vector-valued function at a point. */
export interface Derivatives {
  /** f(x). */
  readonly f0: Float64Array;
  /** gradient[i][c] = ∂f_c/∂x_i. */
  readonly gradient: Float64Array[];
  /** hessian[i * n + j][c] = ∂²f_c/∂x_i∂x_j (symmetric, all n² entries filled). */
  readonly hessian: Float64Array[];
}

/** Combines estimates at steps h, h/2, h/4, … with weights 4^m (numDeriv's Richardson scheme). */
function extrapolate(est: Float64Array[]): Float64Array {
  const r = est.length;
  const cur = est.map((v) => Float64Array.from(v));
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
 * Gradient and Hessian of every component of f by central differences with Richardson extrapolation,
 * exactly numDeriv::genD's scheme (defaults d = 0.1, eps = 1e-4, r = 4, v = 2): steps
 * h = |d·x| (or eps where |x| is below numDeriv's zero tolerance), halved r times.
 * Costs 2rn + rn(n−1) evaluations of f.
 *
 * @example
 * const d = genD((x) => Float64Array.of(x[0]! * x[1]!), Float64Array.of(1, 2));
 * d.hessian[1]![0]; // ≈ 1
 */
export function genD(
  f: (x: Float64Array) => Float64Array,
  x: Float64Array,
  d = 0.1,
  eps = 1e-4,
  r = 4,
): Derivatives {
  const n = x.length;
  const f0 = f(x);
  const h0 = Float64Array.from(x, (v) => Math.abs(d * v) + (Math.abs(v) < ZERO_TOL ? eps : 0));
  const gradient: Float64Array[] = [];
  const hessian: Float64Array[] = new Array<Float64Array>(n * n);
  const hdiag: Float64Array[] = [];
  const shifted = (steps: [number, number][]) => {
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    for (const [i, h] of steps) {
      xp[i] = (xp[i] as number) + h;
      xm[i] = (xm[i] as number) - h;
    }
    return [f(xp), f(xm)] as const;
  };
  for (let i = 0; i < n; i++) {
    const g: Float64Array[] = [];
    const hd: Float64Array[] = [];
    let h = h0[i] as number;
    for (let k = 0; k < r; k++) {
      const [fp, fm] = shifted([[i, h]]);
      g.push(fp.map((v, c) => (v - (fm[c] as number)) / (2 * h)));
      hd.push(fp.map((v, c) => (v - 2 * (f0[c] as number) + (fm[c] as number)) / (h * h)));
      h /= 2;
    }
    gradient.push(extrapolate(g));
    const di = extrapolate(hd);
    hdiag.push(di);
    hessian[i * n + i] = di;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const est: Float64Array[] = [];
      let hi = h0[i] as number;
      let hj = h0[j] as number;
      for (let k = 0; k < r; k++) {
        const [fp, fm] = shifted([
          [i, hi],
          [j, hj],
        ]);
        const di = hdiag[i] as Float64Array;
        const dj = hdiag[j] as Float64Array;
        est.push(
          fp.map(
            (v, c) =>
              (v -
                2 * (f0[c] as number) +
                (fm[c] as number) -
                (di[c] as number) * hi * hi -
                (dj[c] as number) * hj * hj) /
              (2 * hi * hj),
          ),
        );
        hi /= 2;
        hj /= 2;
      }
      const v = extrapolate(est);
      hessian[i * n + j] = v;
      hessian[j * n + i] = v;
    }
  }
  return { f0, gradient, hessian };
}
