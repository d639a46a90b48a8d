import { describe, expect, it } from "vitest";
import { boundedBfgs } from "./quasiNewton.ts";

describe("boundedBfgs", () => {
  it("finds Rosenbrock's minimum (1, 1) from (−1.2, 1) with the bounds inactive", () => {
    const r = boundedBfgs(
      (x, g) => {
        const [a, b] = [x[0] as number, x[1] as number];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.of(-1.2, 1),
      Float64Array.of(-Infinity, -Infinity),
      { gtol: 1e-9, ftolRel: 1e-16, maxEvaluations: 500 },
    );
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });

  it("stops on the bound when the unconstrained minimum lies beyond it, with a zero projected gradient", () => {
    // f = (x0 + 1)² + (x1 − 2)² + x0 x1 / 2 on x ≥ 0: the minimum is x0 = 0, x1 = 2 (∂f/∂x0 = 3 > 0 there).
    const r = boundedBfgs(
      (x, g) => {
        const [a, b] = [x[0] as number, x[1] as number];
        g[0] = 2 * (a + 1) + b / 2;
        g[1] = 2 * (b - 2) + a / 2;
        return (a + 1) ** 2 + (b - 2) ** 2 + (a * b) / 2;
      },
      Float64Array.of(1, 1),
      Float64Array.of(0, 0),
      { gtol: 1e-8, ftolRel: 1e-16 },
    );
    expect(r.x[0]).toBe(0);
    expect(r.x[1]).toBeCloseTo(2, 6);
    expect(r.projectedGradient).toBeLessThan(1e-8);
    expect(r.reason).toBe("gradient");
  });
});
