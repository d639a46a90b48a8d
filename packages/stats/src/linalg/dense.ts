// Small dense kernels on row-major blocks stored inside larger Float64Arrays (explicit offsets, no allocation).

/**
 * In-place Cholesky of the k×k row-major block at `off` with row stride `ld` (default k); lower factor,
 * the upper part is left as is.
 * Returns false when the block is not positive definite.
 *
 * @example
 * const a = Float64Array.of(4, 2, 2, 3); cholInPlace(a, 0, 2); // a = [2, 2, 1, 1.414...] (lower part)
 */
export function cholInPlace(a: Float64Array, off: number, k: number, ld: number = k): boolean {
  if (k === 1) {
    const d = a[off] as number;
    if (!(d > 0)) return false;
    a[off] = Math.sqrt(d);
    return true;
  }
  if (k === 2 && ld === 2) {
    const d0 = a[off] as number;
    if (!(d0 > 0)) return false;
    const l00 = Math.sqrt(d0);
    const l10 = (a[off + 2] as number) / l00;
    const d1 = (a[off + 3] as number) - l10 * l10;
    if (!(d1 > 0)) return false;
    a[off] = l00;
    a[off + 2] = l10;
    a[off + 3] = Math.sqrt(d1);
    return true;
  }
  for (let j = 0; j < k; j++) {
    let d = a[off + j * ld + j] as number;
    for (let m = 0; m < j; m++) {
      const v = a[off + j * ld + m] as number;
      d -= v * v;
    }
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[off + j * ld + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[off + i * ld + j] as number;
      for (let m = 0; m < j; m++) s -= (a[off + i * ld + m] as number) * (a[off + j * ld + m] as number);
      a[off + i * ld + j] = s / ljj;
    }
  }
  return true;
}

/**
 * Replaces the m×k row-major block X at `xOff` by X L^{-T}, L the k×k lower factor at `lOff`.
 *
 * @example
 * rightSolveLT(x, 0, 3, l, 0, 2); // each row x_r becomes L⁻¹ x_r
 */
export function rightSolveLT(
  x: Float64Array,
  xOff: number,
  m: number,
  l: Float64Array,
  lOff: number,
  k: number,
): void {
  for (let r = 0; r < m; r++) {
    const row = xOff + r * k;
    for (let j = 0; j < k; j++) {
      let s = x[row + j] as number;
      for (let c = 0; c < j; c++) s -= (l[lOff + j * k + c] as number) * (x[row + c] as number);
      x[row + j] = s / (l[lOff + j * k + j] as number);
    }
  }
}

/**
 * C (m×n at cOff) −= A (m×k at aOff) · B' (B is n×k at bOff); all row-major, may share one array.
 *
 * @example
 * subABt(c, 0, a, 0, b, 0, 2, 2, 3);
 */
export function subABt(
  c: Float64Array,
  cOff: number,
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  m: number,
  n: number,
  k: number,
): void {
  if (k === 2) {
    // The common case (random intercept + slope): unrolled inner product.
    for (let i = 0; i < m; i++) {
      const a0 = a[aOff + 2 * i] as number;
      const a1 = a[aOff + 2 * i + 1] as number;
      for (let j = 0; j < n; j++) {
        const o = cOff + i * n + j;
        c[o] = (c[o] as number) - a0 * (b[bOff + 2 * j] as number) - a1 * (b[bOff + 2 * j + 1] as number);
      }
    }
    return;
  }
  if (k === 1) {
    for (let i = 0; i < m; i++) {
      const a0 = a[aOff + i] as number;
      for (let j = 0; j < n; j++)
        c[cOff + i * n + j] = (c[cOff + i * n + j] as number) - a0 * (b[bOff + j] as number);
    }
    return;
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += (a[aOff + i * k + t] as number) * (b[bOff + j * k + t] as number);
      c[cOff + i * n + j] = (c[cOff + i * n + j] as number) - s;
    }
  }
}

/**
 * Inverse of a k×k lower-triangular matrix (row-major), returned as a new lower-triangular array.
 *
 * @example
 * invLower(Float64Array.of(2, 0, 1, 1), 2); // [0.5, 0, -0.5, 1]
 */
export function invLower(l: Float64Array, k: number, lOff = 0): Float64Array {
  const inv = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    inv[j * k + j] = 1 / (l[lOff + j * k + j] as number);
    for (let i = j + 1; i < k; i++) {
      let s = 0;
      for (let m = j; m < i; m++) s += (l[lOff + i * k + m] as number) * (inv[m * k + j] as number);
      inv[i * k + j] = -s / (l[lOff + i * k + i] as number);
    }
  }
  return inv;
}

/**
 * Symmetric eigen-decomposition by cyclic Jacobi rotations (for the small matrices of Satterthwaite).
 * Returns eigenvalues and eigenvectors (columns of the row-major `vectors`).
 *
 * @example
 * symmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values; // [1, 3] in some order
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += (m[i * n + j] as number) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const app = m[p * n + p] as number;
        const aqq = m[q * n + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p] as number;
          const mkq = m[k * n + q] as number;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k] as number;
          const mqk = m[q * n + k] as number;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i] as number;
  return { values, vectors: v };
}
