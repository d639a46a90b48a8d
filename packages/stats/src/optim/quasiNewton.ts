/** Result of {@link boundedBfgs}. */
export interface QuasiNewtonResult {
  readonly x: Float64Array;
  readonly fval: number;
  /** Objective-and-gradient evaluations. */
  readonly evaluations: number;
  /** Largest projected-gradient component at the end. */
  readonly projectedGradient: number;
  readonly reason: "gradient" | "ftol" | "step" | "maxeval" | "linesearch";
  /** The final inverse-Hessian approximation (n×n row-major), to warm-start another run. */
  readonly inverseHessian: Float64Array;
}

/** Stopping rules of {@link boundedBfgs}. */
export interface QuasiNewtonOptions {
  /** Stop when every projected-gradient component is below this (absolute). */
  readonly gtol?: number;
  /**
   * Stop when an accepted step lowers f by less than ftolRel·(1 + |f|) twice in a row, or when the
   * quasi-Newton model predicts less than that (f's own rounding noise then dominates every step).
   */
  readonly ftolRel?: number;
  /** Largest first step (∞-norm) from the start, where the curvature is not yet known. */
  readonly firstStep?: number;
  /** Share of its distance to the bound that a component well off it keeps after one step (default 0.1). */
  readonly boundaryFraction?: number;
  readonly maxEvaluations?: number;
  /**
   * Shape of the first inverse-Hessian approximation (its diagonal, up to the Shanno–Phua scale);
   * default all ones. Parameters whose curvature differs by orders of magnitude (a variance over
   * 10,000 patients and one over 200 therapists) otherwise wait many steps for BFGS to learn it.
   */
  readonly diagonal?: Float64Array;
  /** A first inverse-Hessian approximation (n×n row-major), e.g. another run's final one. */
  readonly inverseHessian?: Float64Array;
}

/**
 * Minimises a smooth f on the box x ≥ lower with a projected BFGS (dense inverse-Hessian approximation,
 * for the handful of variance parameters of a mixed model): components at their bound whose gradient
 * points outward are held fixed, the rest take the quasi-Newton direction, and a backtracking Armijo
 * search along the projected path keeps every trial point feasible. `fg(x, grad)` returns f(x) and
 * writes ∇f(x) (Infinity where f is undefined: the step is shortened).
 *
 * @example
 * const r = boundedBfgs((x, g) => { g[0] = 2 * (x[0]! - 1); return (x[0]! - 1) ** 2; }, Float64Array.of(3), Float64Array.of(0));
 * r.x[0]; // ≈ 1
 */
export function boundedBfgs(
  fg: (x: Float64Array, grad: Float64Array) => number,
  x0: Float64Array,
  lower: Float64Array,
  options: QuasiNewtonOptions = {},
): QuasiNewtonResult {
  const n = x0.length;
  const gtol = options.gtol ?? 1e-6;
  const ftolRel = options.ftolRel ?? 1e-12;
  const maxEval = options.maxEvaluations ?? 100 * (n + 1);
  const x = Float64Array.from(x0, (v, i) => Math.max(v, lower[i] as number));
  const g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  const h = new Float64Array(n * n);
  const shape = options.diagonal ?? new Float64Array(n).fill(1);
  const resetH = (scale: number) => {
    h.fill(0);
    for (let i = 0; i < n; i++) h[i * n + i] = scale * (shape[i] as number);
  };
  resetH(1);
  let scaled = false;
  if (options.inverseHessian) {
    h.set(options.inverseHessian);
    scaled = true;
  }
  const d = new Float64Array(n);
  const free = new Uint8Array(n);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const sv = new Float64Array(n);
  const yv = new Float64Array(n);
  const hy = new Float64Array(n);
  let small = 0;
  let lastStep = 0;
  let reason: QuasiNewtonResult["reason"] = "maxeval";
  const projected = (): number => {
    let m = 0;
    for (let i = 0; i < n; i++) {
      const gi = g[i] as number;
      const atBound = (x[i] as number) <= (lower[i] as number);
      const v = atBound && gi > 0 ? 0 : Math.abs(gi);
      if (v > m) m = v;
    }
    return m;
  };
  while (evaluations < maxEval) {
    if (!Number.isFinite(f)) {
      reason = "linesearch";
      break;
    }
    if (projected() < gtol) {
      reason = "gradient";
      break;
    }
    // Free set: off the bound, or on it with the gradient pointing inward.
    for (let i = 0; i < n; i++)
      free[i] = (x[i] as number) > (lower[i] as number) || (g[i] as number) < 0 ? 1 : 0;
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      if (free[i]) for (let j = 0; j < n; j++) if (free[j]) v -= (h[i * n + j] as number) * (g[j] as number);
      d[i] = v;
      slope += v * (g[i] as number);
    }
    if (!(slope < 0)) {
      // Not a descent direction (curvature information gone stale at a bound): steepest descent.
      resetH(1);
      scaled = false;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = free[i] ? -(g[i] as number) : 0;
        slope -= (d[i] as number) * (g[i] as number);
      }
    }
    if (scaled && -slope < ftolRel * (1 + Math.abs(f))) {
      reason = "ftol";
      break;
    }
    let alpha = 1;
    if (!scaled) {
      let dmax = 0;
      for (let i = 0; i < n; i++) dmax = Math.max(dmax, Math.abs(d[i] as number));
      const first = options.firstStep ?? 0.5;
      if (dmax > first) alpha = first / dmax;
    }
    // Two limits on the first trial, both learnt on 100k-session nested models, where the BFGS
    // model is poor far from the optimum: a free component well off its bound may cover at most
    // 90% of its distance to the bound in one step (projecting a large variance straight onto 0
    // cost 4–5 backtracking evaluations each time, and once led into a boundary local optimum), and
    // no step may be more than 4 times the last accepted one.
    const keep = options.boundaryFraction ?? 0.1;
    for (let i = 0; i < n; i++) {
      const room = (x[i] as number) - (lower[i] as number);
      const di = d[i] as number;
      if (di < 0 && room > 1e-3 && alpha * -di > (1 - keep) * room) alpha = ((1 - keep) * room) / -di;
    }
    if (lastStep > 0) {
      let dmax = 0;
      for (let i = 0; i < n; i++) dmax = Math.max(dmax, Math.abs(d[i] as number));
      if (alpha * dmax > 4 * lastStep) alpha = (4 * lastStep) / dmax;
    }
    let accepted = false;
    let ft = Infinity;
    for (let tries = 0; tries < 30 && evaluations < maxEval; tries++) {
      for (let i = 0; i < n; i++)
        xt[i] = Math.max((x[i] as number) + alpha * (d[i] as number), lower[i] as number);
      ft = fg(xt, gt);
      evaluations++;
      let decrease = 0;
      for (let i = 0; i < n; i++) decrease += (g[i] as number) * ((xt[i] as number) - (x[i] as number));
      if (ft <= f + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      // Backtrack by the minimiser of the quadratic through f, its slope and ft (kept within [0.1, 0.5]).
      const q = Number.isFinite(ft) ? (-slope * alpha * alpha) / (2 * (ft - f - slope * alpha)) : 0.1 * alpha;
      alpha = Math.min(0.5 * alpha, Math.max(0.1 * alpha, q));
    }
    if (!accepted) {
      reason = "linesearch";
      break;
    }
    let sy = 0;
    let yy = 0;
    let smax = 0;
    for (let i = 0; i < n; i++) {
      sv[i] = (xt[i] as number) - (x[i] as number);
      yv[i] = (gt[i] as number) - (g[i] as number);
      sy += (sv[i] as number) * (yv[i] as number);
      yy += (yv[i] as number) ** 2;
      smax = Math.max(smax, Math.abs(sv[i] as number));
    }
    const gain = f - ft;
    lastStep = smax;
    x.set(xt);
    g.set(gt);
    f = ft;
    if (sy > 1e-12 * Math.sqrt(yy) * smax) {
      if (!scaled) {
        // Shanno–Phua scaling of the first approximation: H = (s'y / y'y) I.
        let yDy = 0;
        for (let i = 0; i < n; i++) yDy += (shape[i] as number) * (yv[i] as number) ** 2;
        resetH(sy / yDy);
        scaled = true;
      }
      // H ← (I − ρsy')H(I − ρys') + ρss', ρ = 1/s'y.
      const rho = 1 / sy;
      let yhy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += (h[i * n + j] as number) * (yv[j] as number);
        hy[i] = v;
        yhy += v * (yv[i] as number);
      }
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          h[i * n + j] =
            (h[i * n + j] as number) -
            rho * ((hy[i] as number) * (sv[j] as number) + (sv[i] as number) * (hy[j] as number)) +
            (rho * rho * yhy + rho) * (sv[i] as number) * (sv[j] as number);
    }
    if (smax < 1e-12) {
      reason = "step";
      break;
    }
    small = gain <= ftolRel * (1 + Math.abs(f)) ? small + 1 : 0;
    if (small >= 2) {
      reason = "ftol";
      break;
    }
  }
  return { x, fval: f, evaluations, projectedGradient: projected(), reason, inverseHessian: h };
}
