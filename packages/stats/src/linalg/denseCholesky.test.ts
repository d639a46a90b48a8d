import { describe, expect, it } from "vitest";
import { choleskyDense } from "./denseCholesky.ts";
import { simdCholesky } from "./simdCholesky.ts";

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
