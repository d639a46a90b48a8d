import type { BobyqaModel } from "./bobyqaModel.ts";

/**
 * Updates the factored inverse H (zmat, bmat) when interpolation point `knew` moves to a new
 * position (Powell's UPDATE; the formula is (4.11)–(4.14) of the NEWUOA paper, Powell 2006,
 * reused as §4 of the BOBYQA report).
 *
 * On entry `vlag` (length npt+n) holds H·w for the new point (the Lagrange function values at
 * it, then their gradient part), `beta` and `denom` the parameters of the updating formula,
 * denom = α β + τ², α = H[knew][knew], τ = vlag[knew]. `w` is scratch of length npt+n.
 *
 * @example
 * // In the main iteration, after vlag/beta have been computed for the step d:
 * // updateInverse(model, vlag, beta, vlag[knew] ** 2 + alpha * beta, knew, work);
 */
export function updateInverse(
  m: BobyqaModel,
  vlag: Float64Array,
  beta: number,
  denom: number,
  knew: number,
  w: Float64Array,
): void {
  const { n, npt, nptm, zmat, bmat } = m;
  const kz = knew * nptm;

  // Entries of Z smaller than this are treated as zero.
  let ztest = 0;
  for (let i = 0; i < npt * nptm; i++) ztest = Math.max(ztest, Math.abs(zmat[i]!));
  ztest *= 1e-20;

  // Givens rotations of the columns of Z that leave only Z[knew][0] nonzero in row knew; Ω = ZZᵀ
  // is unchanged (Powell keeps all of Z's columns with a + sign in BOBYQA, so no sign vector).
  for (let j = 1; j < nptm; j++) {
    const zkj = zmat[kz + j]!;
    if (Math.abs(zkj) > ztest) {
      const zk0 = zmat[kz]!;
      const r = Math.hypot(zk0, zkj);
      const c = zk0 / r;
      const s = zkj / r;
      for (let i = 0; i < npt; i++) {
        const a = zmat[i * nptm]!;
        const b = zmat[i * nptm + j]!;
        zmat[i * nptm + j] = c * b - s * a;
        zmat[i * nptm] = c * a + s * b;
      }
    }
    zmat[kz + j] = 0;
  }

  // w[0..npt) = Ω e_knew (the knew-th column of Ω), α = its knew-th entry, τ = vlag[knew].
  const zk0 = zmat[kz]!;
  for (let i = 0; i < npt; i++) w[i] = zk0 * zmat[i * nptm]!;
  const alpha = w[knew]!;
  const tau = vlag[knew]!;
  vlag[knew]! -= 1;

  // New first column of Z.
  const sq = Math.sqrt(denom);
  const ta = tau / sq;
  const tb = zk0 / sq;
  for (let i = 0; i < npt; i++) zmat[i * nptm] = ta * zmat[i * nptm]! - tb * vlag[i]!;

  // Rank-two update of bmat, keeping its lower n × n block (Υ) symmetric.
  for (let j = 0; j < n; j++) {
    const jp = npt + j;
    w[jp] = bmat[knew * n + j]!;
    const ca = (alpha * vlag[jp]! - tau * w[jp]!) / denom;
    const cb = (-beta * w[jp]! - tau * vlag[jp]!) / denom;
    for (let i = 0; i <= jp; i++) {
      const v = bmat[i * n + j]! + ca * vlag[i]! + cb * w[i]!;
      bmat[i * n + j] = v;
      if (i >= npt) bmat[jp * n + (i - npt)] = v;
    }
  }
}
