// The conditioning shift of the penalised least squares: y regressed on X alone (see PlsModel.yShift).
import { dot } from "../linalg/columns.ts";
import { cholInPlace } from "../linalg/dense.ts";

/**
 * Least-squares coefficients of y on the columns x (normal equations by Cholesky; p is small). Zeros
 * when X'X is not positive definite: the shift is only a conditioning device (see PlsModel.yShift).
 *
 * @example
 * leastSquares([Float64Array.of(1, 1, 1)], Float64Array.of(1, 2, 3)); // [2]
 */
export function leastSquares(x: readonly Float64Array[], y: Float64Array): Float64Array {
  const p = x.length;
  const n = y.length;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let r = 0; r < p; r++) {
    const xr = x[r] as Float64Array;
    xty[r] = dot(xr, y, n);
    for (let c = 0; c <= r; c++) xtx[r * p + c] = dot(xr, x[c] as Float64Array, n);
  }
  const gamma = new Float64Array(p);
  if (p === 0 || !cholInPlace(xtx, 0, p)) return gamma;
  for (let r = 0; r < p; r++) {
    let v = xty[r] as number;
    for (let c = 0; c < r; c++) v -= (xtx[r * p + c] as number) * (gamma[c] as number);
    gamma[r] = v / (xtx[r * p + r] as number);
  }
  for (let r = p - 1; r >= 0; r--) {
    let v = gamma[r] as number;
    for (let c = r + 1; c < p; c++) v -= (xtx[c * p + r] as number) * (gamma[c] as number);
    gamma[r] = v / (xtx[r * p + r] as number);
  }
  return gamma.every(Number.isFinite) ? gamma : new Float64Array(p);
}
