import { describe, expect, it } from "vitest";
import { polynomialFromSurface } from "../simulate/surfaceCoefficients.ts";
import { designRow, quadraticForm, slopeRow } from "./design.ts";
import { subBlock, surfaceParameters } from "./surface.ts";

const I5 = Float64Array.from({ length: 25 }, (_, i) => (i % 6 === 0 ? 1 : 0));

describe("response-surface algebra", () => {
  it("a1..a5 are the RSA contrasts of b1..b5 and invert polynomialFromSurface", () => {
    const b = polynomialFromSurface(0.2, 0.05, -0.1, -0.2, 0.03);
    const s = surfaceParameters(b, I5);
    expect(s.a1.estimate).toBeCloseTo(0.2, 14);
    expect(s.a2.estimate).toBeCloseTo(0.05, 14);
    expect(s.a3.estimate).toBeCloseTo(-0.1, 14);
    expect(s.a4.estimate).toBeCloseTo(-0.2, 14);
    expect(s.a5.estimate).toBeCloseTo(0.03, 14);
  });

  it("uses the delta-method variance c'Vc with covariances (RSA.ST formulas)", () => {
    const V = new Float64Array(25);
    const set = (i: number, j: number, v: number) => ((V[i * 5 + j] = v), (V[j * 5 + i] = v));
    [0.04, 0.09, 0.01, 0.02, 0.03].forEach((v, i) => set(i, i, v));
    set(0, 1, 0.01);
    set(2, 3, -0.004);
    set(2, 4, 0.002);
    set(3, 4, 0.001);
    const s = surfaceParameters([0.1, 0.2, 0.3, 0.4, 0.5], V);
    expect(s.a1.se ** 2).toBeCloseTo(0.04 + 0.09 + 2 * 0.01, 14);
    expect(s.a3.se ** 2).toBeCloseTo(0.04 + 0.09 - 2 * 0.01, 14);
    expect(s.a2.se ** 2).toBeCloseTo(0.01 + 0.02 + 0.03 + 2 * (-0.004 + 0.002 + 0.001), 14);
    expect(s.a4.se ** 2).toBeCloseTo(0.01 + 0.02 + 0.03 - 2 * -0.004 + 2 * 0.002 - 2 * 0.001, 14);
    expect(s.a5.se ** 2).toBeCloseTo(0.01 + 0.03 - 2 * 0.002, 14);
    expect(s.a1.z).toBeCloseTo(0.3 / Math.sqrt(0.15), 12);
    expect(s.a1.p).toBeCloseTo(0.4385780260809997, 10);
  });

  it("subBlock picks coefficients and their covariance by name", () => {
    const V = Float64Array.from({ length: 9 }, (_, i) => i);
    const { b, V: sub } = subBlock(["(Intercept)", "X", "Y"], [1, 2, 3], V, ["Y", "X"]);
    expect(Array.from(b)).toEqual([3, 2]);
    expect(Array.from(sub)).toEqual([8, 7, 5, 4]);
    expect(() => subBlock(["X"], [1], [1], ["Z"])).toThrow(/term "Z" is not among the fixed effects \(X\)/);
  });
});

describe("design rows for contrasts", () => {
  const names = ["(Intercept)", "truth_c", "condition", "time", "truth_c:condition", "condition:time"];

  it("codes a numeric arm by its value", () => {
    expect(Array.from(designRow(names, { truth_c: 0, time: 0 }, { label: "1", value: 1 }))).toEqual([
      1, 0, 1, 0, 0, 0,
    ]);
    expect(Array.from(slopeRow(names, "truth_c", { time: 0 }, { label: "1", value: 1 }))).toEqual([
      0, 1, 0, 0, 1, 0,
    ]);
  });

  it("codes a categorical arm by treatment indicators", () => {
    const cat = ["(Intercept)", "time", "conditiontrained", "time:conditiontrained"];
    const arm = { label: "trained", value: Number.NaN };
    expect(Array.from(slopeRow(cat, "time", {}, arm))).toEqual([0, 1, 0, 1]);
    expect(Array.from(slopeRow(cat, "time", {}, { label: "control", value: Number.NaN }))).toEqual([
      0, 1, 0, 0,
    ]);
  });

  it("refuses a term it has no value for", () => {
    expect(() => designRow(["(Intercept)", "z"], {})).toThrow(/no value for model term component "z"/);
  });

  it("quadraticForm is L'VL", () => {
    expect(quadraticForm([1, 1], [1, 0.5, 0.5, 2])).toBe(4);
  });
});
