// The dense tail's kernels: the Cholesky (scalar and SIMD tiles) and the inverse from its factor
// (linalg/denseInverse.ts) against the scalar column-order version it replaced.
import { describe, expect, it } from "vitest";
import { choleskyDense, scalarTile } from "./denseCholesky.ts";
import { inverseFromFactor } from "./denseInverse.ts";
import { simdCholesky, simdTiles } from "./simdCholesky.ts";

/** A random SPD matrix G G' + I (n×n row-major) from a fixed seed. */
function spd(n: number, seed: number): Float64Array {
  let s = seed;
  const r = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
  const k = 7;
  const g = Float64Array.from({ length: n * k }, r);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let v = i === j ? 1 : 0;
      for (let m = 0; m < k; m++) v += (g[i * k + m] as number) * (g[j * k + m] as number);
      a[i * n + j] = v;
    }
  return a;
}

describe("dense Cholesky of the tail", () => {
  for (const n of [1, 2, 3, 8, 65, 130]) {
    it(`n = ${n}: L L' reproduces A, and the SIMD kernel agrees with the scalar one`, () => {
      const a = spd(n, n + 11);
      const l = Float64Array.from(a);
      const logDet = choleskyDense(l, n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) {
          let v = 0;
          for (let m = 0; m <= j; m++) v += (l[i * n + m] as number) * (l[j * n + m] as number);
          expect(v).toBeCloseTo(a[i * n + j] as number, 10);
        }
      let ld = 0;
      for (let i = 0; i < n; i++) ld += 2 * Math.log(l[i * n + i] as number);
      expect(logDet).toBeCloseTo(ld, 10);
      const simd = simdCholesky(n);
      if (n >= 2) expect(simd).not.toBeNull(); // Node has WebAssembly SIMD
      if (!simd) return;
      simd.matrix.set(a);
      expect(simd.factor()).toBeCloseTo(logDet, 9);
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++)
          expect(Math.abs((simd.matrix[i * n + j] as number) - (l[i * n + j] as number))).toBeLessThan(1e-12);
    });
  }

  it("returns NaN for a matrix that is not positive definite", () => {
    const a = spd(70, 3);
    a[69 * 70 + 69] = -5;
    expect(choleskyDense(Float64Array.from(a), 70)).toBeNaN();
    const simd = simdCholesky(70);
    simd?.matrix.set(a);
    expect(simd?.factor()).toBeNaN();
  });
});

/**
 * The scalar version the tiled kernel replaced (SelectedInverse.denseTail before): W = F⁻¹ column by
 * column, then M = W'W.
 */
function scalarReference(factor: Float64Array, n: number): Float64Array {
  const f = Float64Array.from(factor);
  for (let j = 0; j < n; j++) f[j * n + j] = 1 / (f[j * n + j] as number);
  for (let j = 0; j < n; j++)
    for (let i = j + 1; i < n; i++) {
      let v = (f[i * n + j] as number) * (f[j * n + j] as number);
      for (let m = j + 1; m < i; m++) v += (f[i * n + m] as number) * (f[m * n + j] as number);
      f[i * n + j] = -v * (f[i * n + i] as number);
    }
  const mt = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let v = 0;
      for (let m = i; m < n; m++) v += (f[m * n + i] as number) * (f[m * n + j] as number);
      mt[i * n + j] = v;
      mt[j * n + i] = v;
    }
  return mt;
}

describe("dense inverse from the tail's factor", () => {
  for (const n of [1, 2, 3, 4, 7, 64, 65, 131]) {
    it(`n = ${n}: scalar and SIMD tiles agree with the scalar column-order version to 1e-10, and A M = I`, () => {
      const a = spd(n, 7 * n + 3);
      const l = Float64Array.from(a);
      choleskyDense(l, n);
      // Garbage above the diagonal and in V's scratch: neither may be read.
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) l[i * n + j] = 1e300;
      const ref = scalarReference(l, n);
      const buf = new Float64Array(2 * n * n).fill(Number.NaN);
      buf.set(l);
      const out = new Float64Array(4);
      inverseFromFactor(buf, n, 0, n * n, scalarTile(buf, out), out);
      const simd = simdTiles(2 * n * n);
      expect(simd).not.toBeNull(); // Node has WebAssembly SIMD
      if (!simd) return;
      simd.array.fill(Number.NaN);
      simd.array.set(l);
      inverseFromFactor(simd.array, n, 0, n * n, simd.dots, simd.out);
      let scale = 0;
      for (let e = 0; e < n * n; e++) scale = Math.max(scale, Math.abs(ref[e] as number));
      let errScalar = 0;
      let errSimd = 0;
      for (let e = 0; e < n * n; e++) {
        errScalar = Math.max(errScalar, Math.abs((buf[e] as number) - (ref[e] as number)));
        errSimd = Math.max(errSimd, Math.abs((simd.array[e] as number) - (ref[e] as number)));
      }
      expect(errScalar).toBeLessThanOrEqual(1e-10 * scale);
      expect(errSimd).toBeLessThanOrEqual(1e-10 * scale);
      let residual = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let v = i === j ? -1 : 0;
          for (let m = 0; m < n; m++) v += (a[i * n + m] as number) * (buf[m * n + j] as number);
          residual = Math.max(residual, Math.abs(v));
        }
      expect(residual).toBeLessThan(1e-9);
    });
  }

  it("works at offsets inside a larger array (the selected inverse's D × D tail in a dMax² buffer)", () => {
    const n = 10;
    const a = spd(n, 5);
    choleskyDense(a, n);
    const ref = scalarReference(a, n);
    const buf = new Float64Array(300).fill(Number.NaN);
    buf.set(a, 17);
    const out = new Float64Array(4);
    inverseFromFactor(buf, n, 17, 150, scalarTile(buf, out), out);
    for (let e = 0; e < n * n; e++) expect(buf[17 + e]).toBeCloseTo(ref[e] as number, 12);
  });
});
