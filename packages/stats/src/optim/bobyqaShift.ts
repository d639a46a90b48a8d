import type { BobyqaModel } from "./bobyqaModel.ts";

/**
 * Moves the origin xbase to the trust-region centre xbase + xopt (Powell's BOBYQB, the block
 * after label 90; BOBYQA report §4/§7: rounding errors in the model grow with |xopt|, so the
 * origin follows the iterates once the steps become small compared with |xopt|).
 *
 * Υ (the lower n rows of bmat) and the explicit second derivatives hq change; Ω = ZZᵀ, the
 * Ξ rows of bmat below are corrected, and xpt, sl, su, xnew are re-expressed in the new origin.
 * `xoptsq` = |xopt|². `w` needs length npt+n, `v` length ≥ max(npt, n).
 *
 * @example
 * // In the main iteration, when |d|² ≤ 1e-3 |xopt|²:
 * // shiftBase(model, xoptsq, xnew, work, work2); // now model.xopt = 0, model.xbase moved
 */
export function shiftBase(
  m: BobyqaModel,
  xoptsq: number,
  xnew: Float64Array,
  w: Float64Array,
  v: Float64Array,
): void {
  const { n, npt, nptm, xpt, xopt, bmat, zmat, pq, hq, xbase, sl, su } = m;
  const fracsq = 0.25 * xoptsq;

  // Revisions of Υ that do not depend on Z.
  let sumpq = 0;
  for (let k = 0; k < npt; k++) {
    sumpq += pq[k]!;
    let sum = -0.5 * xoptsq;
    for (let i = 0; i < n; i++) sum += xpt[k * n + i]! * xopt[i]!;
    w[npt + k] = sum;
    const temp = fracsq - 0.5 * sum;
    for (let i = 0; i < n; i++) {
      w[i] = bmat[k * n + i]!;
      v[i] = sum * xpt[k * n + i]! + temp * xopt[i]!;
      const ip = npt + i;
      for (let j = 0; j <= i; j++) bmat[ip * n + j] = bmat[ip * n + j]! + w[i]! * v[j]! + v[i]! * w[j]!;
    }
  }

  // Revisions of bmat that depend on Z.
  for (let jj = 0; jj < nptm; jj++) {
    let sumz = 0;
    let sumw = 0;
    for (let k = 0; k < npt; k++) {
      const z = zmat[k * nptm + jj]!;
      sumz += z;
      v[k] = w[npt + k]! * z;
      sumw += v[k]!;
    }
    for (let j = 0; j < n; j++) {
      let sum = (fracsq * sumz - 0.5 * sumw) * xopt[j]!;
      for (let k = 0; k < npt; k++) sum += v[k]! * xpt[k * n + j]!;
      w[j] = sum;
      for (let k = 0; k < npt; k++) bmat[k * n + j]! += sum * zmat[k * nptm + jj]!;
    }
    for (let i = 0; i < n; i++) {
      const ip = i + npt;
      const t = w[i]!;
      for (let j = 0; j <= i; j++) bmat[ip * n + j]! += t * w[j]!;
    }
  }

  // Shift the points and the explicit second derivatives; symmetrise Υ.
  let ih = 0;
  for (let j = 0; j < n; j++) {
    w[j] = -0.5 * sumpq * xopt[j]!;
    for (let k = 0; k < npt; k++) {
      w[j]! += pq[k]! * xpt[k * n + j]!;
      xpt[k * n + j]! -= xopt[j]!;
    }
    for (let i = 0; i <= j; i++, ih++) {
      hq[ih] = hq[ih]! + w[i]! * xopt[j]! + xopt[i]! * w[j]!;
      bmat[(npt + i) * n + j] = bmat[(npt + j) * n + i]!;
    }
  }
  for (let i = 0; i < n; i++) {
    xbase[i]! += xopt[i]!;
    xnew[i]! -= xopt[i]!;
    sl[i]! -= xopt[i]!;
    su[i]! -= xopt[i]!;
    xopt[i] = 0;
  }
}
