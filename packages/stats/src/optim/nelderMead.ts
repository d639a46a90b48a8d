/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Initial step along each coordinate. Default 0.1 (per parameter, scaled by max(1, |x0|)). */
  readonly step?: number;
  /** Stop when the spread of f over the simplex is below this. Default 1e-10. */
  readonly ftolAbs?: number;
  /** Stop when the simplex is smaller than this in every coordinate. Default 1e-8. */
  readonly xtolAbs?: number;
  /** Maximum function evaluations. Default 20000. */
  readonly maxeval?: number;
}

/** Result of an optimizer run. */
export interface OptimResult {
  readonly x: Float64Array;
  readonly fval: number;
  readonly evaluations: number;
  readonly reason: string;
}

/**
 * Bound-constrained Nelder–Mead (points projected onto the box), restarted from its best point until a
 * restart no longer improves. A robust fallback for small smooth problems.
 *
 * @example
 * const r = nelderMead((x) => (x[0]! - 1) ** 2, Float64Array.of(0), Float64Array.of(-5), Float64Array.of(5));
 * r.x[0]; // ≈ 1
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  options: NelderMeadOptions = {},
): OptimResult {
  const maxeval = options.maxeval ?? 20000;
  let evaluations = 0;
  const feval = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  let best: Float64Array = Float64Array.from(x0);
  let fbest = feval(best);
  let reason = "maxeval";
  for (let restart = 0; restart < 20 && evaluations < maxeval; restart++) {
    const r = run(feval, best, lower, upper, options, maxeval - evaluations, restart === 0 ? 1 : 0.1);
    const improved = r.fval < fbest - 1e-12;
    if (r.fval <= fbest) {
      best = r.x;
      fbest = r.fval;
    }
    reason = r.reason;
    if (!improved && restart > 0) break;
  }
  return { x: best, fval: fbest, evaluations, reason };
}

function run(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  options: NelderMeadOptions,
  budget: number,
  scale: number,
): { x: Float64Array; fval: number; reason: string } {
  const n = x0.length;
  const ftol = options.ftolAbs ?? 1e-10;
  const xtol = options.xtolAbs ?? 1e-8;
  const step0 = (options.step ?? 0.1) * scale;
  const clamp = (x: Float64Array) => {
    for (let i = 0; i < n; i++)
      x[i] = Math.min(upper[i] as number, Math.max(lower[i] as number, x[i] as number));
    return x;
  };
  const pts: Float64Array[] = [clamp(Float64Array.from(x0))];
  for (let i = 0; i < n; i++) {
    const x = Float64Array.from(x0);
    const h = step0 * Math.max(1, Math.abs(x0[i] as number));
    x[i] = (x[i] as number) + h;
    if ((x[i] as number) > (upper[i] as number)) x[i] = (x0[i] as number) - h;
    pts.push(clamp(x));
  }
  const fv = pts.map(f);
  let used = n + 1;
  // Adaptive coefficients (Gao & Han 2012) help in higher dimensions.
  const alpha = 1;
  const beta = 1 + 2 / Math.max(n, 2);
  const gamma = 0.75 - 1 / (2 * Math.max(n, 2));
  const delta = 1 - 1 / Math.max(n, 2);
  const centroid = new Float64Array(n);
  const trial = (c: number, worst: Float64Array) => {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++)
      x[i] = (centroid[i] as number) + c * ((worst[i] as number) - (centroid[i] as number));
    return clamp(x);
  };
  for (;;) {
    const order = fv.map((v, i) => i).sort((a, b) => (fv[a] as number) - (fv[b] as number));
    const sorted = order.map((i) => pts[i] as Float64Array);
    const sortedF = order.map((i) => fv[i] as number);
    pts.splice(0, pts.length, ...sorted);
    fv.splice(0, fv.length, ...sortedF);
    const fspread = (fv[n] as number) - (fv[0] as number);
    let xspread = 0;
    for (let j = 1; j <= n; j++) {
      for (let i = 0; i < n; i++)
        xspread = Math.max(
          xspread,
          Math.abs(((pts[j] as Float64Array)[i] as number) - ((pts[0] as Float64Array)[i] as number)),
        );
    }
    if (fspread <= ftol && xspread <= xtol)
      return { x: pts[0] as Float64Array, fval: fv[0] as number, reason: "converged" };
    if (xspread <= xtol * 1e-3) return { x: pts[0] as Float64Array, fval: fv[0] as number, reason: "xtol" };
    if (used >= budget) return { x: pts[0] as Float64Array, fval: fv[0] as number, reason: "maxeval" };
    centroid.fill(0);
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++)
        centroid[i] = (centroid[i] as number) + ((pts[j] as Float64Array)[i] as number) / n;
    const worst = pts[n] as Float64Array;
    const xr = trial(-alpha, worst);
    const fr = f(xr);
    used++;
    if (fr < (fv[0] as number)) {
      const xe = trial(-beta, worst);
      const fe = f(xe);
      used++;
      if (fe < fr) {
        pts[n] = xe;
        fv[n] = fe;
      } else {
        pts[n] = xr;
        fv[n] = fr;
      }
    } else if (fr < (fv[n - 1] as number)) {
      pts[n] = xr;
      fv[n] = fr;
    } else {
      const outside = fr < (fv[n] as number);
      const xc = trial(outside ? -gamma : gamma, worst);
      const fc = f(xc);
      used++;
      if (fc < Math.min(fr, fv[n] as number)) {
        pts[n] = xc;
        fv[n] = fc;
      } else {
        for (let j = 1; j <= n; j++) {
          const x = pts[j] as Float64Array;
          for (let i = 0; i < n; i++)
            x[i] =
              ((pts[0] as Float64Array)[i] as number) +
              delta * ((x[i] as number) - ((pts[0] as Float64Array)[i] as number));
          clamp(x);
          fv[j] = f(x);
          used++;
        }
      }
    }
  }
}
