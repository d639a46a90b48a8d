import { describe, expect, it } from "vitest";
import { nelderMead } from "./nelderMead.ts";

const box = (n: number, lo: number, hi: number) =>
  [new Float64Array(n).fill(lo), new Float64Array(n).fill(hi)] as const;

describe("bound-constrained Nelder–Mead (the optimizer's fallback)", () => {
  it("finds the Rosenbrock minimum (1, 1) from the textbook start", () => {
    const [lo, hi] = box(2, -5, 5);
    const r = nelderMead(
      (x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2,
      Float64Array.of(-1.2, 1),
      lo,
      hi,
      {
        ftolAbs: 1e-14,
        xtolAbs: 1e-10,
      },
    );
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.fval).toBeLessThan(1e-8);
    expect(r.evaluations).toBeGreaterThan(50);
  });

  it("stops on the bound when the unconstrained minimum lies outside the box", () => {
    // minimum at (−1, 2); the box is x ≥ 0, so the constrained optimum is (0, 2) with f = 1
    const f = (x: Float64Array) => (x[0]! + 1) ** 2 + (x[1]! - 2) ** 2;
    const r = nelderMead(f, Float64Array.of(1, 1), Float64Array.of(0, 0), Float64Array.of(10, 10));
    expect(r.x[0]).toBeCloseTo(0, 6);
    expect(r.x[1]).toBeCloseTo(2, 5);
    expect(r.fval).toBeCloseTo(1, 8);
    for (const v of r.x) expect(v).toBeGreaterThanOrEqual(0);
  });

  it("respects the evaluation budget", () => {
    const [lo, hi] = box(3, -10, 10);
    const r = nelderMead((x) => x.reduce((s, v) => s + Math.abs(v - 3), 0), new Float64Array(3), lo, hi, {
      maxeval: 40,
    });
    expect(r.evaluations).toBe(40);
    expect(r.reason).toBe("maxeval");
  });
});
