import { describe, expect, it } from "vitest";
import { reflectedStarts } from "./boundaryReflection.ts";

/** Λ Λ' of a k×k factor from its column-wise lower triangle. */
function covariance(k: number, t: ArrayLike<number>): number[] {
  const L = new Float64Array(k * k);
  let idx = 0;
  for (let c = 0; c < k; c++) for (let r = c; r < k; r++) L[r * k + c] = t[idx++] as number;
  const out: number[] = [];
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = 0; m < k; m++) s += (L[i * k + m] as number) * (L[j * k + m] as number);
      out.push(s);
    }
  return out;
}

describe("reflectedStarts", () => {
  const layout = { k: Int32Array.of(1, 3, 2), thetaStart: Int32Array.of(0, 1, 7, 10) };

  it("mirrors each column whose diagonal is at 0 with entries below it, keeping the covariance", () => {
    // term 1: a scalar at 0 (nothing below); term 2 (3×3): column 1 at 0 with entries below, column 2
    // interior; term 3 (2×2): column 1 at 1e-6 with 0.3 below.
    const theta = Float64Array.of(0, 0, 0.4, -0.2, 0.5, 0.1, 0.3, 1e-6, 0.3, 0.2);
    const mirrors = reflectedStarts(layout, theta);
    expect(mirrors.map((m) => Array.from(m))).toEqual([
      [0, 0, -0.4, 0.2, 0.5, 0.1, 0.3, 1e-6, 0.3, 0.2],
      [0, 0, 0.4, -0.2, 0.5, 0.1, 0.3, 0, -0.3, 0.2],
    ]);
    const first = mirrors[0]!;
    const cov = covariance(3, first.subarray(1, 7));
    covariance(3, theta.subarray(1, 7)).forEach((v, i) => expect(cov[i]).toBeCloseTo(v, 15));
  });

  it("leaves interior points and columns with nothing below alone", () => {
    expect(reflectedStarts(layout, Float64Array.of(0.5, 1, 0.4, -0.2, 0.5, 0.1, 0.3, 0.2, 0.3, 0.2))).toEqual(
      [],
    );
    // a diagonal at 0 whose entries below are negligible (no direction to choose)
    expect(reflectedStarts(layout, Float64Array.of(0, 1, 0.4, -0.2, 0.5, 0.1, 0.3, 0, 1e-9, 0.2))).toEqual(
      [],
    );
  });
});
