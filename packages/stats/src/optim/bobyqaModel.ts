/**
 * The state of Powell's BOBYQA iteration: the interpolation set, the quadratic model and the
 * factored inverse of the interpolation matrix ("H" in Powell 2009, eq. (2.7) and §4), laid out
 * row-major on Float64Array so that the kernels allocate nothing.
 *
 * Notation (Powell, "The BOBYQA algorithm for bound constrained optimization without
 * derivatives", DAMTP 2009/NA06):
 * - points y_k = xbase + xpt[k], k = 0..npt-1, with values fval[k];
 * - the model Q(xbase + x) has gradient gopt at xopt = xpt[kopt] and second derivative
 *   matrix  hq + Σ_k pq[k] xpt[k] xpt[k]ᵀ  (explicit part + implicit part);
 * - H = [[Ω, Ξᵀ], [Ξ, Υ]] with Ω = Z Zᵀ (zmat, npt × (npt−n−1)) and bmat = [Ξᵀ; Υ]
 *   ((npt+n) × n): the last n columns of H.
 */
export interface BobyqaModel {
  /** Number of variables. */
  readonly n: number;
  /** Number of interpolation points. */
  readonly npt: number;
  /** npt − n − 1, the number of columns of zmat. */
  readonly nptm: number;
  /** Shift of origin; every point below is stored relative to it. */
  readonly xbase: Float64Array;
  /** Interpolation points, point k in xpt[k*n .. k*n+n-1]. */
  readonly xpt: Float64Array;
  /** f at the interpolation points. */
  readonly fval: Float64Array;
  /** The trust-region centre (best point so far) relative to xbase. */
  readonly xopt: Float64Array;
  /** Gradient of the model at xopt. */
  readonly gopt: Float64Array;
  /** Explicit second derivatives, packed upper triangle: (i, j), i ≤ j, at j(j+1)/2 + i. */
  readonly hq: Float64Array;
  /** Coefficients of the implicit second derivatives. */
  readonly pq: Float64Array;
  /** Last n columns of H, row r at r*n, (npt+n) rows. */
  readonly bmat: Float64Array;
  /** Factor Z of the leading npt × npt block Ω = Z Zᵀ of H, row k at k*nptm. */
  readonly zmat: Float64Array;
  /** Lower bounds minus xbase (may be −Infinity). */
  readonly sl: Float64Array;
  /** Upper bounds minus xbase (may be +Infinity). */
  readonly su: Float64Array;
  /** Index of the interpolation point with the least f. */
  kopt: number;
}

/**
 * Allocates a zeroed model for n variables and npt interpolation points.
 *
 * @example
 * const m = allocateModel(2, 5); // n = 2, npt = 2n+1
 * m.zmat.length; // 5 * 2 (npt × (npt − n − 1))
 */
export function allocateModel(n: number, npt: number): BobyqaModel {
  const nptm = npt - n - 1;
  return {
    n,
    npt,
    nptm,
    xbase: new Float64Array(n),
    xpt: new Float64Array(npt * n),
    fval: new Float64Array(npt),
    xopt: new Float64Array(n),
    gopt: new Float64Array(n),
    hq: new Float64Array((n * (n + 1)) / 2),
    pq: new Float64Array(npt),
    bmat: new Float64Array((npt + n) * n),
    zmat: new Float64Array(npt * Math.max(nptm, 0)),
    sl: new Float64Array(n),
    su: new Float64Array(n),
    kopt: 0,
  };
}

/**
 * Index of the diagonal element (j, j) in the packed hq.
 *
 * @example
 * hqDiag(0); // 0
 * hqDiag(2); // 5: packed order (0,0) (0,1) (1,1) (0,2) (1,2) (2,2)
 */
export function hqDiag(j: number): number {
  return (j * (j + 3)) / 2;
}

/**
 * out = ∇²Q · s, the model's second derivative matrix (explicit hq plus the implicit
 * Σ pq[k] xpt[k] xpt[k]ᵀ) times a vector. `out` must not alias `s`.
 *
 * @example
 * const m = allocateModel(2, 5);
 * m.hq.set([2, 0, 4]); // ∇²Q = diag(2, 4), no implicit part
 * const out = new Float64Array(2);
 * hessianTimes(m, Float64Array.of(1, 1), out); // out = [2, 4]
 */
export function hessianTimes(m: BobyqaModel, s: Float64Array, out: Float64Array): void {
  const { n, npt, hq, pq, xpt } = m;
  out.fill(0);
  let ih = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i <= j; i++, ih++) {
      const h = hq[ih]!;
      if (i < j) out[j]! += h * s[i]!;
      out[i]! += h * s[j]!;
    }
  }
  for (let k = 0; k < npt; k++) {
    const p = pq[k]!;
    if (p === 0) continue;
    const row = k * n;
    let t = 0;
    for (let j = 0; j < n; j++) t += xpt[row + j]! * s[j]!;
    t *= p;
    for (let i = 0; i < n; i++) out[i]! += t * xpt[row + i]!;
  }
}

/**
 * Adds ∇²Q · d to gopt (the change of the model gradient along a step d from xopt).
 *
 * @example
 * const m = allocateModel(2, 5);
 * m.hq.set([2, 0, 4]);
 * addHessianStepToGradient(m, Float64Array.of(1, 1)); // m.gopt = [2, 4]
 */
export function addHessianStepToGradient(m: BobyqaModel, d: Float64Array): void {
  const { n, npt, hq, pq, xpt, gopt } = m;
  let ih = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i <= j; i++, ih++) {
      const h = hq[ih]!;
      if (i < j) gopt[j]! += h * d[i]!;
      gopt[i]! += h * d[j]!;
    }
  }
  for (let k = 0; k < npt; k++) {
    const row = k * n;
    let t = 0;
    for (let j = 0; j < n; j++) t += xpt[row + j]! * d[j]!;
    t *= pq[k]!;
    for (let i = 0; i < n; i++) gopt[i]! += t * xpt[row + i]!;
  }
}

/**
 * Writes the user-space point xbase + xrel into out, clamped into [xl, xu], taking a bound
 * exactly when xrel sits on sl/su (Powell's guard against rounding in xbase + (xl − xbase)).
 *
 * @example
 * const m = allocateModel(1, 3);
 * m.xbase[0] = 0.3;
 * m.sl[0] = -0.3; // lower bound 0
 * m.su[0] = Infinity;
 * const x = new Float64Array(1);
 * toUserPoint(m, Float64Array.of(-0.3), Float64Array.of(0), Float64Array.of(Infinity), x); // x = [0] exactly
 */
export function toUserPoint(
  m: BobyqaModel,
  xrel: Float64Array,
  xl: Float64Array,
  xu: Float64Array,
  out: Float64Array,
): void {
  for (let j = 0; j < m.n; j++) {
    const v = xrel[j]!;
    let x = Math.min(Math.max(xl[j]!, m.xbase[j]! + v), xu[j]!);
    if (v === m.sl[j]) x = xl[j]!;
    if (v === m.su[j]) x = xu[j]!;
    out[j] = x;
  }
}
