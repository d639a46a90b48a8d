import type { BobyqaModel } from "./bobyqaModel.ts";
import { hqDiag, toUserPoint } from "./bobyqaModel.ts";

/** Evaluates the objective at a user-space point; returns a finite value. */
export type ModelObjective = (x: Float64Array) => number;

/**
 * Places bounds-aware base point and step room, as Powell's BOBYQA driver does before PRELIM: any
 * x[j] within `rho` of a bound is moved onto the bound (if outside or on it) or to distance `rho`
 * from it, so that every initial step of length rho (or 2·rho) stays feasible. Writes the moved
 * point into x and sets sl = xl − x, su = xu − x (exact zeros on active bounds).
 * Requires xu − xl ≥ 2 rho for every j.
 *
 * @example
 * const x = Float64Array.of(0.05, 3);
 * const sl = new Float64Array(2);
 * const su = new Float64Array(2);
 * centreForInitialSteps(x, Float64Array.of(0, -Infinity), Float64Array.of(Infinity, Infinity), 0.2, sl, su);
 * // x = [0.2, 3] (moved to distance rho from the bound 0); sl = [-0.2, -Infinity], su = [Infinity, Infinity]
 */
export function centreForInitialSteps(
  x: Float64Array,
  xl: Float64Array,
  xu: Float64Array,
  rho: number,
  sl: Float64Array,
  su: Float64Array,
): void {
  for (let j = 0; j < x.length; j++) {
    const width = xu[j]! - xl[j]!;
    let lo = xl[j]! - x[j]!;
    let hi = xu[j]! - x[j]!;
    if (lo >= -rho) {
      if (lo >= 0) {
        x[j] = xl[j]!;
        lo = 0;
        hi = width;
      } else {
        x[j] = xl[j]! + rho;
        lo = -rho;
        hi = Math.max(xu[j]! - x[j]!, rho);
      }
    } else if (hi <= rho) {
      if (hi <= 0) {
        x[j] = xu[j]!;
        lo = -width;
        hi = 0;
      } else {
        x[j] = xu[j]! - rho;
        lo = Math.min(xl[j]! - x[j]!, -rho);
        hi = rho;
      }
    }
    sl[j] = lo;
    su[j] = hi;
  }
}

/**
 * Builds the initial interpolation set and the initial model (Powell's PRELIM, BOBYQA report §2).
 *
 * Point 0 is xbase; points 1..n step +rho along each axis (−rho if the upper bound is active);
 * points n+1..2n step the other way (or 2·rho further when a bound is active); any remaining
 * points (npt > 2n+1) sit at xbase + (step i) + (step j) for pairs of axes, giving off-diagonal
 * curvature. The quadratic model interpolates these values with least Frobenius norm of ∇²Q, and
 * H = W⁻¹ is written down in closed form in zmat and bmat.
 *
 * `xbase`, `sl` and `su` of the model must already be set. gopt is left as the gradient at xbase.
 * Returns false if `canEvaluate` said stop before the set was complete.
 *
 * @example
 * const m = allocateModel(2, 5);
 * centreForInitialSteps(x0, xl, xu, rho, m.sl, m.su);
 * m.xbase.set(x0);
 * initialInterpolation(m, xl, xu, rho, f, () => true, new Float64Array(2), new Float64Array(2));
 * // m.fval holds f at x0, x0 ± rho e_1, x0 ± rho e_2; m.gopt and m.hq the initial model
 */
export function initialInterpolation(
  m: BobyqaModel,
  xl: Float64Array,
  xu: Float64Array,
  rho: number,
  f: ModelObjective,
  canEvaluate: () => boolean,
  scratchX: Float64Array,
  scratchRel: Float64Array,
): boolean {
  const { n, npt, nptm, xpt, fval, gopt, hq, pq, bmat, zmat, sl, su } = m;
  const rhosq = rho * rho;
  const recip = 1 / rhosq;
  xpt.fill(0);
  bmat.fill(0);
  hq.fill(0);
  pq.fill(0);
  zmat.fill(0);
  gopt.fill(0);

  let fbeg = 0;
  let stepa = 0;
  let stepb = 0;
  for (let k = 0; k < npt; k++) {
    if (!canEvaluate()) return false;
    // Position of point k relative to xbase.
    let ipt = 0;
    let jpt = 0;
    if (k >= 1 && k <= n) {
      const j = k - 1;
      stepa = su[j] === 0 ? -rho : rho;
      xpt[k * n + j] = stepa;
    } else if (k > n && k <= 2 * n) {
      const j = k - n - 1;
      stepa = xpt[(k - n) * n + j]!;
      stepb = -rho;
      if (sl[j] === 0) stepb = Math.min(2 * rho, su[j]!);
      if (su[j] === 0) stepb = Math.max(-2 * rho, sl[j]!);
      xpt[k * n + j] = stepb;
    } else if (k > 2 * n) {
      // Pairs (ipt, jpt) of axes, 1-based as in Powell, ipt > jpt, cycling through the
      // "diagonals" of the pair table so that all axes are used early.
      const itemp = Math.floor((k - n - 1) / n);
      jpt = k - itemp * n - n;
      ipt = jpt + itemp;
      if (ipt > n) {
        const t = jpt;
        jpt = ipt - n;
        ipt = t;
      }
      xpt[k * n + ipt - 1] = xpt[ipt * n + ipt - 1]!;
      xpt[k * n + jpt - 1] = xpt[jpt * n + jpt - 1]!;
    }

    for (let j = 0; j < n; j++) scratchRel[j] = xpt[k * n + j]!;
    toUserPoint(m, scratchRel, xl, xu, scratchX);
    const fk = f(scratchX);
    fval[k] = fk;
    if (k === 0) {
      fbeg = fk;
      m.kopt = 0;
    } else if (fk < fval[m.kopt]!) {
      m.kopt = k;
    }

    // Model and H for the new point.
    if (k >= 1 && k <= n) {
      // First step along axis j: a forward difference for the gradient.
      const j = k - 1;
      gopt[j] = (fk - fbeg) / stepa;
      if (npt < k + 1 + n) {
        // No second step along this axis will follow: H for a linear model.
        bmat[j] = -1 / stepa;
        bmat[k * n + j] = 1 / stepa;
        bmat[(npt + j) * n + j] = -0.5 * rhosq;
      }
    } else if (k > n && k <= 2 * n) {
      // Second step along axis j: central-type differences give g_j and the curvature H_jj.
      const j = k - n - 1;
      const kp = k - n;
      const temp = (fk - fbeg) / stepb;
      const diff = stepb - stepa;
      hq[hqDiag(j)] = (2 * (temp - gopt[j]!)) / diff;
      gopt[j] = (gopt[j]! * stepb - temp * stepa) / diff;
      if (stepa * stepb < 0 && fk < fval[kp]!) {
        // Swap the two points so that the better one is used in off-diagonal terms later.
        fval[k] = fval[kp]!;
        fval[kp] = fk;
        if (m.kopt === k) m.kopt = kp;
        xpt[kp * n + j] = stepb;
        xpt[k * n + j] = stepa;
      }
      bmat[j] = -(stepa + stepb) / (stepa * stepb);
      bmat[k * n + j] = -0.5 / xpt[kp * n + j]!;
      bmat[kp * n + j] = -bmat[j]! - bmat[k * n + j]!;
      zmat[j] = Math.SQRT2 / (stepa * stepb);
      zmat[k * nptm + j] = Math.SQRT1_2 / rhosq;
      zmat[kp * nptm + j] = -zmat[j]! - zmat[k * nptm + j]!;
    } else if (k > 2 * n) {
      // Off-diagonal curvature from the four points 0, e_i, e_j, e_i + e_j.
      const c = k - n - 1;
      zmat[c] = recip;
      zmat[k * nptm + c] = recip;
      zmat[ipt * nptm + c] = -recip;
      zmat[jpt * nptm + c] = -recip;
      const temp = xpt[k * n + ipt - 1]! * xpt[k * n + jpt - 1]!;
      hq[((ipt - 1) * ipt) / 2 + jpt - 1] = (fbeg - fval[ipt]! - fval[jpt]! + fk) / temp;
    }
  }
  return true;
}
