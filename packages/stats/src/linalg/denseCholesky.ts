// Dense kernels for the dense tail of the blocked Cholesky (crossed random effects): an in-place
// Cholesky of an n×n row-major matrix tuned for V8 (2×2 register tiles over contiguous row dot
// products; one driver, with the tiles' inner products in JavaScript here or in WebAssembly SIMD in
// simdCholesky.ts), the right triangular solve of a few rows, and a symmetric rank update.

/**
 * The four dot products of rows i, k with rows j, l (element offsets ri, rk, rj, rl of one matrix)
 * over their first `len & ~1` entries, written to the tile's output as [ij, il, kj, kl]. The odd
 * last entry, if any, is added by {@link choleskyTiled}. Two implementations: scalar JavaScript
 * ({@link scalarTile}) and WebAssembly SIMD (simdCholesky.ts).
 */
export type TileDots = (ri: number, rk: number, rj: number, rl: number, len: number) => void;

/**
 * The 2×2-tile dot products of {@link TileDots} in plain JavaScript, over the matrix `a`, written to
 * `out` (length ≥ 4).
 *
 * @example
 * const out = new Float64Array(4); const tile = scalarTile(a, out); tile(0, n, 2 * n, 3 * n, 2);
 */
export function scalarTile(a: Float64Array, out: Float64Array): TileDots {
  return (ri, rk, rj, rl, len) => {
    let s00 = 0;
    let s01 = 0;
    let s10 = 0;
    let s11 = 0;
    const end = len & ~1;
    for (let m = 0; m < end; m++) {
      const xi = a[ri + m] as number;
      const xk = a[rk + m] as number;
      const yj = a[rj + m] as number;
      const yl = a[rl + m] as number;
      s00 += xi * yj;
      s01 += xi * yl;
      s10 += xk * yj;
      s11 += xk * yl;
    }
    out[0] = s00;
    out[1] = s01;
    out[2] = s10;
    out[3] = s11;
  };
}

/**
 * In-place Cholesky A = LL' of the n×n row-major matrix `a` (row stride n, lower part read and
 * written, upper part untouched). Returns log det(A) = 2 Σ log L_ii, or NaN if A is not positive
 * definite.
 *
 * @example
 * const a = Float64Array.of(4, 0, 2, 3); choleskyDense(a, 2); // a = [2, 0, 1, 1.414...], returns log 8
 */
export function choleskyDense(a: Float64Array, n: number): number {
  const out = new Float64Array(4);
  return choleskyTiled(a, n, scalarTile(a, out), out);
}

/**
 * The Cholesky driver both kernels share: row-oriented (Cholesky–Banachiewicz),
 * L_ij = (A_ij − L_i,<j · L_j,<j) / L_jj, two rows i and two columns j at a time so each pair of
 * loads feeds four multiply-adds; the tiles' inner products come from `tile`, which writes to `out`.
 * No allocation. Returns log det(A), or NaN if A is not positive definite.
 *
 * @example
 * const out = new Float64Array(4); choleskyTiled(a, n, scalarTile(a, out), out); // = choleskyDense(a, n)
 */
export function choleskyTiled(a: Float64Array, n: number, tile: TileDots, out: Float64Array): number {
  let logDet = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const ri = i * n;
    const rk = ri + n;
    let j = 0;
    for (; j + 1 < i; j += 2) {
      const rj = j * n;
      const rl = rj + n;
      // Dot products of rows i, i+1 with rows j, j+1 over the first j columns.
      tile(ri, rk, rj, rl, j);
      let s00 = out[0] as number;
      let s01 = out[1] as number;
      let s10 = out[2] as number;
      let s11 = out[3] as number;
      if (j & 1) {
        const m = j - 1;
        const xi = a[ri + m] as number;
        const xk = a[rk + m] as number;
        const yj = a[rj + m] as number;
        const yl = a[rl + m] as number;
        s00 += xi * yj;
        s01 += xi * yl;
        s10 += xk * yj;
        s11 += xk * yl;
      }
      const ljj = a[rj + j] as number;
      const llj = a[rl + j] as number;
      const lll = a[rl + j + 1] as number;
      const vi = ((a[ri + j] as number) - s00) / ljj;
      const vk = ((a[rk + j] as number) - s10) / ljj;
      a[ri + j] = vi;
      a[rk + j] = vk;
      a[ri + j + 1] = ((a[ri + j + 1] as number) - s01 - vi * llj) / lll;
      a[rk + j + 1] = ((a[rk + j + 1] as number) - s11 - vk * llj) / lll;
    }
    for (; j < i; j++) {
      const rj = j * n;
      let s0 = 0;
      let s1 = 0;
      for (let m = 0; m < j; m++) {
        const y = a[rj + m] as number;
        s0 += (a[ri + m] as number) * y;
        s1 += (a[rk + m] as number) * y;
      }
      const ljj = a[rj + j] as number;
      a[ri + j] = ((a[ri + j] as number) - s0) / ljj;
      a[rk + j] = ((a[rk + j] as number) - s1) / ljj;
    }
    // Diagonal 2×2 block of rows i, i+1.
    let d0 = a[ri + i] as number;
    let c = a[rk + i] as number;
    let d1 = a[rk + i + 1] as number;
    for (let m = 0; m < i; m++) {
      const x = a[ri + m] as number;
      const y = a[rk + m] as number;
      d0 -= x * x;
      c -= x * y;
      d1 -= y * y;
    }
    if (!(d0 > 0)) return Number.NaN;
    const lii = Math.sqrt(d0);
    const lki = c / lii;
    const e = d1 - lki * lki;
    if (!(e > 0)) return Number.NaN;
    const lkk = Math.sqrt(e);
    a[ri + i] = lii;
    a[rk + i] = lki;
    a[rk + i + 1] = lkk;
    logDet += 2 * Math.log(lii * lkk);
  }
  if (i < n) {
    // Odd n: the last row alone.
    const ri = i * n;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      let s = a[ri + j] as number;
      for (let m = 0; m < j; m++) s -= (a[ri + m] as number) * (a[rj + m] as number);
      a[ri + j] = s / (a[rj + j] as number);
    }
    let d = a[ri + i] as number;
    for (let m = 0; m < i; m++) d -= (a[ri + m] as number) ** 2;
    if (!(d > 0)) return Number.NaN;
    a[ri + i] = Math.sqrt(d);
    logDet += Math.log(d);
  }
  return logDet;
}

/**
 * X ← X L^{-T} for the m×n row-major X (row stride n) and the n×n lower factor L (row stride n):
 * each row x becomes the solution of L z = x.
 *
 * @example
 * rightSolveDense(x, 3, l, n); // three rows solved against the factor
 */
export function rightSolveDense(x: Float64Array, m: number, l: Float64Array, n: number): void {
  for (let r = 0; r < m; r++) {
    const xr = r * n;
    for (let j = 0; j < n; j++) {
      const lj = j * n;
      let s = x[xr + j] as number;
      for (let c = 0; c < j; c++) s -= (l[lj + c] as number) * (x[xr + c] as number);
      x[xr + j] = s / (l[lj + j] as number);
    }
  }
}

/**
 * C ← C − X X' for the m×m row-major C (row stride ldc) and m×n row-major X (row stride n).
 *
 * @example
 * subXXt(lxy, 3, 3, x, 1000); // [X y] Schur complement update from the dense tail
 */
export function subXXt(c: Float64Array, ldc: number, m: number, x: Float64Array, n: number): void {
  for (let r = 0; r < m; r++) {
    for (let s = 0; s <= r; s++) {
      let v = 0;
      for (let k = 0; k < n; k++) v += (x[r * n + k] as number) * (x[s * n + k] as number);
      c[r * ldc + s] = (c[r * ldc + s] as number) - v;
      if (s !== r) c[s * ldc + r] = (c[s * ldc + r] as number) - v;
    }
  }
}
