// The inverse of a dense SPD matrix from its Cholesky factor, M = (F F')⁻¹, for the selected inverse's
// dense tail (the analytic gradient on crossed models). Row-oriented like the Cholesky driver, so every
// inner product runs along contiguous rows and can use the same 2×2-tile kernels (scalar JavaScript or
// WebAssembly SIMD, denseCholesky.ts / simdCholesky.ts): first V = F'⁻¹ (upper triangular, LAPACK's
// trtri on F'), then M = V V' (lauum). Each half costs n³/6 multiply-adds, like one Cholesky.
import type { TileDots } from "./denseCholesky.ts";

/**
 * M = (F F')⁻¹ for the n×n lower-triangular row-major F stored at element offset `fOff` of `a` (row
 * stride n; the upper part is never read). V = F'⁻¹ is formed at element offset `vOff` (n² entries of
 * scratch, same array), then M overwrites F with both triangles filled. `tile` computes the four dot
 * products of two row pairs of `a` into `out` ({@link TileDots}). No allocation.
 *
 * V's row i solves V_i F' = e_i: V_ii = 1/F_ii, V_ij = −(Σ_{i≤m<j} V_im F_jm)/F_jj (j > i), a dot
 * product of row i of V with row j of F; rows i and i+1 against rows j and j+1 form one tile.
 * M_ij = Σ_{m ≥ i} V_im V_jm (j ≤ i), a dot product of rows i and j of V from column i on.
 *
 * @example
 * const a = new Float64Array(2 * n * n), out = new Float64Array(4);
 * a.set(factor); inverseFromFactor(a, n, 0, n * n, scalarTile(a, out), out); // a[0..n²) = (F F')⁻¹
 */
export function inverseFromFactor(
  a: Float64Array,
  n: number,
  fOff: number,
  vOff: number,
  tile: TileDots,
  out: Float64Array,
): void {
  upperInverse(a, n, fOff, vOff, tile, out);
  gramOfRows(a, n, fOff, vOff, tile, out);
}

/** V = F'⁻¹ at vOff (upper part and V_{i+1,i} = 0 written; the rest of V's lower part is not read). */
function upperInverse(
  a: Float64Array,
  n: number,
  fOff: number,
  vOff: number,
  tile: TileDots,
  out: Float64Array,
): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = i + 1;
    const vi = vOff + i * n;
    const vk = vi + n;
    const fk = fOff + k * n;
    const vii = 1 / (a[fOff + i * n + i] as number);
    const fkk = a[fk + k] as number;
    a[vi + i] = vii;
    a[vk + i] = 0; // read by the tiles below as the start of row k
    a[vk + k] = 1 / fkk;
    a[vi + k] = -(vii * (a[fk + i] as number)) / fkk;
    let j = i + 2;
    for (; j + 1 < n; j += 2) {
      const fj = fOff + j * n;
      const fl = fj + n;
      // Rows i, k of V with rows j, j+1 of F over columns i..j−1 (an even count).
      tile(vi + i, vk + i, fj + i, fl + i, j - i);
      const fjj = a[fj + j] as number;
      const flj = a[fl + j] as number;
      const fll = a[fl + j + 1] as number;
      const vij = -(out[0] as number) / fjj;
      const vkj = -(out[2] as number) / fjj;
      a[vi + j] = vij;
      a[vk + j] = vkj;
      a[vi + j + 1] = -((out[1] as number) + vij * flj) / fll;
      a[vk + j + 1] = -((out[3] as number) + vkj * flj) / fll;
    }
    if (j < n) {
      // An odd last column.
      const fj = fOff + j * n;
      let s0 = 0;
      let s1 = 0;
      for (let m = i; m < j; m++) {
        const y = a[fj + m] as number;
        s0 += (a[vi + m] as number) * y;
        s1 += (a[vk + m] as number) * y;
      }
      const fjj = a[fj + j] as number;
      a[vi + j] = -s0 / fjj;
      a[vk + j] = -s1 / fjj;
    }
  }
  if (i < n) a[vOff + i * n + i] = 1 / (a[fOff + i * n + i] as number);
}

/** M = V V' into fOff, both triangles (F is no longer needed). */
function gramOfRows(
  a: Float64Array,
  n: number,
  fOff: number,
  vOff: number,
  tile: TileDots,
  out: Float64Array,
): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = i + 1;
    const vi = vOff + i * n;
    const vk = vi + n;
    const len = n - i;
    const last = n - 1;
    for (let j = 0; j <= i; j += 2) {
      const l = j + 1;
      const vj = vOff + j * n;
      const vl = vj + n;
      // Rows i, k with rows j, l from column i on (V_ki = 0, so row k may start there too).
      tile(vi + i, vk + i, vj + i, vl + i, len);
      let s00 = out[0] as number;
      let s01 = out[1] as number;
      let s10 = out[2] as number;
      let s11 = out[3] as number;
      if (len & 1) {
        const xi = a[vi + last] as number;
        const xk = a[vk + last] as number;
        const yj = a[vj + last] as number;
        const yl = a[vl + last] as number;
        s00 += xi * yj;
        s01 += xi * yl;
        s10 += xk * yj;
        s11 += xk * yl;
      }
      a[fOff + i * n + j] = s00;
      a[fOff + j * n + i] = s00;
      a[fOff + i * n + l] = s01;
      a[fOff + l * n + i] = s01;
      a[fOff + k * n + j] = s10;
      a[fOff + j * n + k] = s10;
      a[fOff + k * n + l] = s11;
      a[fOff + l * n + k] = s11;
    }
  }
  if (i < n) {
    // Odd n: the last row, M_ij = V_ii V_ji.
    const vii = a[vOff + i * n + i] as number;
    for (let j = 0; j <= i; j++) {
      const v = vii * (a[vOff + j * n + i] as number);
      a[fOff + i * n + j] = v;
      a[fOff + j * n + i] = v;
    }
  }
}
