// Small block kernels of the PLS factorization: scaling cross-product blocks by the relative covariance factors.

/**
 * out = Ta' · A · Tb for a ka×kb block (T lower triangular, row-major).
 *
 * @example
 * tAt(l, 0, a, 0, t1, 2, t1, 2, tmp); // a 2×2 intercept+slope block scaled by T on both sides
 */
export function tAt(
  out: Float64Array,
  oOff: number,
  a: Float64Array,
  aOff: number,
  ta: Float64Array,
  ka: number,
  tb: Float64Array,
  kb: number,
  tmp: Float64Array,
): void {
  if (ka === 1 && kb === 1) {
    out[oOff] = (ta[0] as number) * (a[aOff] as number) * (tb[0] as number);
    return;
  }
  if (ka === 2 && kb === 2) {
    // Unrolled for intercept + slope terms: T lower, so T[0][1] = 0.
    const a00 = a[aOff] as number;
    const a01 = a[aOff + 1] as number;
    const a10 = a[aOff + 2] as number;
    const a11 = a[aOff + 3] as number;
    const b00 = tb[0] as number;
    const b10 = tb[2] as number;
    const b11 = tb[3] as number;
    const t00 = a00 * b00 + a01 * b10;
    const t01 = a01 * b11;
    const t10 = a10 * b00 + a11 * b10;
    const t11 = a11 * b11;
    const c00 = ta[0] as number;
    const c10 = ta[2] as number;
    const c11 = ta[3] as number;
    out[oOff] = c00 * t00 + c10 * t10;
    out[oOff + 1] = c00 * t01 + c10 * t11;
    out[oOff + 2] = c11 * t10;
    out[oOff + 3] = c11 * t11;
    return;
  }
  // tmp = A · Tb (ka × kb)
  for (let r = 0; r < ka; r++) {
    for (let c = 0; c < kb; c++) {
      let v = 0;
      for (let m = c; m < kb; m++) v += (a[aOff + r * kb + m] as number) * (tb[m * kb + c] as number);
      tmp[r * kb + c] = v;
    }
  }
  // out = Ta' · tmp
  for (let r = 0; r < ka; r++) {
    for (let c = 0; c < kb; c++) {
      let v = 0;
      for (let m = r; m < ka; m++) v += (ta[m * ka + r] as number) * (tmp[m * kb + c] as number);
      out[oOff + r * kb + c] = v;
    }
  }
}

/**
 * out (m×kb) = A (m×kb) · Tb, T lower triangular.
 *
 * @example
 * aT(l, xo, a, xo, p + 1, t1, 2); // the [X y] rows of a node scaled by T
 */
export function aT(
  out: Float64Array,
  oOff: number,
  a: Float64Array,
  aOff: number,
  m: number,
  tb: Float64Array,
  kb: number,
): void {
  if (kb === 2) {
    // Intercept + slope: T lower, so column 0 takes both entries and column 1 only the second.
    const t00 = tb[0] as number;
    const t10 = tb[2] as number;
    const t11 = tb[3] as number;
    for (let r = 0; r < m; r++) {
      const a0 = a[aOff + 2 * r] as number;
      const a1 = a[aOff + 2 * r + 1] as number;
      out[oOff + 2 * r] = a0 * t00 + a1 * t10;
      out[oOff + 2 * r + 1] = a1 * t11;
    }
    return;
  }
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < kb; c++) {
      let v = 0;
      for (let t = c; t < kb; t++) v += (a[aOff + r * kb + t] as number) * (tb[t * kb + c] as number);
      out[oOff + r * kb + c] = v;
    }
  }
}

/**
 * C (m×n, row stride ldc) −= A (m×k) · B (n×k)', A and B contiguous blocks: a sparse column's rank
 * update landing in the dense tail.
 *
 * @example
 * subABtStrided(lTail, r * tailDim + c, tailDim, l, oi, l, oj, ki, kj, kb);
 */
export function subABtStrided(
  c: Float64Array,
  cOff: number,
  ldc: number,
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  m: number,
  n: number,
  k: number,
): void {
  if (k === 1) {
    for (let i = 0; i < m; i++) {
      const a0 = a[aOff + i] as number;
      const row = cOff + i * ldc;
      for (let j = 0; j < n; j++) c[row + j] = (c[row + j] as number) - a0 * (b[bOff + j] as number);
    }
    return;
  }
  for (let i = 0; i < m; i++) {
    const row = cOff + i * ldc;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += (a[aOff + i * k + t] as number) * (b[bOff + j * k + t] as number);
      c[row + j] = (c[row + j] as number) - s;
    }
  }
}
