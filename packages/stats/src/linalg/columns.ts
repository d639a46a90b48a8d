// Kernels over whole data columns (length n, one value per row), shared by every once-per-fit pass:
// the least-squares shift, the aliasing check, the fitted values, the effect sizes. A fit runs each
// of those passes once, so a loop written inline in each would start interpreted (boxing every
// double, feeding the garbage collector) until V8 compiled that loop on its own; one kernel called
// from all of them is compiled once and then runs optimized for every later call. The sums run in
// row order, so results are the same bits as the inline loops they replace.

/**
 * Σ a[i]·b[i] over the first n rows, summed in row order.
 *
 * @example
 * dot(Float64Array.of(1, 2), Float64Array.of(3, 4), 2); // 11
 */
export function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * out[i] += s·x[i] for the first n rows (BLAS axpy).
 *
 * @example
 * const out = Float64Array.of(1, 1); addScaled(out, 2, Float64Array.of(1, 2), 2); // out = [3, 5]
 */
export function addScaled(out: Float64Array, s: number, x: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) + s * (x[i] as number);
}

/**
 * x[i] /= d for the first n rows: a division, not a multiplication by 1/d, so each value is the same
 * bits as dividing it on its own (normalising a column by its norm).
 *
 * @example
 * const x = Float64Array.of(3, 4); divideBy(x, 5, 2); // x = [0.6, 0.8]
 */
export function divideBy(x: Float64Array, d: number, n: number): void {
  for (let i = 0; i < n; i++) x[i] = (x[i] as number) / d;
}

/**
 * The mean of the first n values as Σ (x[i] / n) in row order, and the sum of squared deviations
 * from it: the two passes of a sample variance.
 *
 * @example
 * meanAndSquares(Float64Array.of(1, 2, 3), 3); // { mean: 2, squares: 2 }
 */
export function meanAndSquares(x: Float64Array, n: number): { mean: number; squares: number } {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (x[i] as number) / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += ((x[i] as number) - mean) ** 2;
  return { mean, squares };
}
