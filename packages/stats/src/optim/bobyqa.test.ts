import { describe, expect, test } from "vitest";
import { bobyqa } from "./bobyqa.ts";

const INF = Number.POSITIVE_INFINITY;
const filled = (n: number, v: number): Float64Array => new Float64Array(n).fill(v);
const unbounded = (n: number): [Float64Array, Float64Array] => [filled(n, -INF), filled(n, INF)];

/** Extended Rosenbrock, minimum 0 at (1, …, 1). */
function rosenbrock(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
  return s;
}

/**
 * REML profiled deviance (up to a constant) of a balanced one-way random-effects model with
 * `a` groups of `m` observations, as a function of θ = σ_b/σ:
 *   d(θ) = (N−1) log(SSW + SSB/(1+mθ²)) + (a−1) log(1+mθ²).
 * Its minimiser is θ̂² = (MSB/MSW − 1)/m when MSB > MSW, else θ̂ = 0 (a singular fit) — where, as
 * for lme4's deviance, the function is even in θ, so its slope at the bound is zero.
 */
function oneWayDeviance(a: number, m: number, ssw: number, ssb: number): (theta: number) => number {
  const nobs = a * m;
  return (theta) => {
    const u = 1 + m * theta * theta;
    return (nobs - 1) * Math.log(ssw + ssb / u) + (a - 1) * Math.log(u);
  };
}
function oneWayThetaHat(a: number, m: number, ssw: number, ssb: number): number {
  const ratio = ssb / (a - 1) / (ssw / (a * m - a));
  return ratio > 1 ? Math.sqrt((ratio - 1) / m) : 0;
}

/** Powell's BOBYQA test problem: M = n/2 points in [-1, 1]², minimise Σ 1/|P_i − P_j|. */
function pointsInSquare(x: Float64Array): number {
  const m = x.length / 2;
  let f = 0;
  for (let i = 1; i < m; i++) {
    for (let j = 0; j < i; j++) {
      const dx = x[2 * i]! - x[2 * j]!;
      const dy = x[2 * i + 1]! - x[2 * j + 1]!;
      f += 1 / Math.sqrt(Math.max(dx * dx + dy * dy, 1e-6));
    }
  }
  return f;
}
/** Powell's starting point: the points equally spaced on the unit circle. */
function pointsOnCircle(n: number): Float64Array {
  const m = n / 2;
  const x = new Float64Array(n);
  for (let j = 1; j <= m; j++) {
    const t = (2 * Math.PI * j) / m;
    x[2 * j - 2] = Math.cos(t);
    x[2 * j - 1] = Math.sin(t);
  }
  return x;
}

describe("bobyqa: unconstrained smooth problems", () => {
  test("Rosenbrock n = 2 from (-1.2, 1), default options: f < 1e-8, |x - 1| < 1e-4", () => {
    const r = bobyqa(rosenbrock, Float64Array.of(-1.2, 1), ...unbounded(2));
    expect(r.reason).toBe("rhoend");
    expect(r.fval).toBeLessThan(1e-8);
    for (const v of r.x) expect(Math.abs(v - 1)).toBeLessThan(1e-4);
    expect(r.evaluations).toBeLessThan(400); // 189 when written
  });

  test("Rosenbrock n = 4 from (-1.2, -1.2, -1.2, 1), default options: f < 1e-8", () => {
    const r = bobyqa(rosenbrock, Float64Array.of(-1.2, -1.2, -1.2, 1), ...unbounded(4));
    expect(r.fval).toBeLessThan(1e-8);
    for (const v of r.x) expect(Math.abs(v - 1)).toBeLessThan(1e-4);
    expect(r.evaluations).toBeLessThan(700); // 337 when written
  });

  test("10-parameter smooth non-quadratic function: x within 1e-5 of the minimiser, f < 1e-10", () => {
    // f = Σ (x_i − i/10)² + Σ (x_i − i/10)⁴ + ½(Σ x_i − 5.5)² + (x_1 − 0.1)²(x_2 − 0.2)², min 0.
    const target = Float64Array.from({ length: 10 }, (_, i) => (i + 1) / 10);
    const f = (x: Float64Array): number => {
      let s = 0;
      let sum = 0;
      for (let i = 0; i < 10; i++) {
        const e = x[i]! - target[i]!;
        s += e * e + e ** 4;
        sum += x[i]!;
      }
      return s + 0.5 * (sum - 5.5) ** 2 + (x[0]! - 0.1) ** 2 * (x[1]! - 0.2) ** 2;
    };
    const r = bobyqa(f, new Float64Array(10), ...unbounded(10), { rhoend: 1e-8 });
    expect(r.fval).toBeLessThan(1e-10);
    for (let i = 0; i < 10; i++) expect(Math.abs(r.x[i]! - target[i]!)).toBeLessThan(1e-5);
    expect(r.evaluations).toBeLessThan(1000);
  });

  test("npt at its extremes (n+2 and (n+1)(n+2)/2) still converges", () => {
    const f = (x: Float64Array): number =>
      (x[0]! - 1) ** 2 + 2 * (x[1]! + 1) ** 2 + (x[2]! - 2) ** 2 + x[0]! * x[1]!;
    // ∇f = 0: 2(x0 − 1) + x1 = 0 and 4(x1 + 1) + x0 = 0  →  x1 = −10/7, x0 = 12/7, x2 = 2.
    const x0 = 12 / 7;
    const x1 = -10 / 7;
    for (const npt of [5, 10]) {
      const r = bobyqa(f, Float64Array.of(0, 0, 0), ...unbounded(3), { npt, rhoend: 1e-9 });
      expect(Math.abs(r.x[0]! - x0)).toBeLessThan(1e-6);
      expect(Math.abs(r.x[1]! - x1)).toBeLessThan(1e-6);
      expect(Math.abs(r.x[2]! - 2)).toBeLessThan(1e-6);
    }
  });
});

describe("bobyqa: bound constraints", () => {
  test("convex quadratic with its minimum outside the box: active bounds exact, KKT signs", () => {
    // f = (x − t)ᵀ A (x − t), t = (2, −1, 0.5) outside [0, 1]³. Solution (1, 0, 0.3):
    // x0 at its upper bound (∂f/∂x0 = −3 ≤ 0), x1 at its lower bound (∂f/∂x1 = 0.92 ≥ 0),
    // x2 interior (∂f/∂x2 = 0).
    const A = [
      [2, 0.5, 0],
      [0.5, 1, 0.2],
      [0, 0.2, 1],
    ];
    const t = [2, -1, 0.5];
    const grad = (x: Float64Array): number[] =>
      A.map((row) => 2 * row.reduce((s, a, j) => s + a * (x[j]! - t[j]!), 0));
    const f = (x: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) s += (x[i]! - t[i]!) * A[i]![j]! * (x[j]! - t[j]!);
      return s;
    };
    const lower = filled(3, 0);
    const upper = filled(3, 1);
    const r = bobyqa(f, Float64Array.of(0.5, 0.5, 0.5), lower, upper);
    expect(r.x[0]).toBe(1);
    expect(r.x[1]).toBe(0);
    expect(Math.abs(r.x[2]! - 0.3)).toBeLessThan(1e-6);
    const g = grad(r.x);
    expect(g[0]!).toBeLessThan(0); // pushing up against the upper bound
    expect(g[1]!).toBeGreaterThan(0); // pushing down against the lower bound
    expect(Math.abs(g[2]!)).toBeLessThan(1e-5);
    expect(r.evaluations).toBeLessThan(200);
  });

  test("singular variance, n = 2 (lower bound 0, θ̂₁ = 0, flat slope there): θ₁ within 1e-7 of 0", () => {
    const dZero = oneWayDeviance(10, 5, 40, 3);
    const dPos = oneWayDeviance(10, 5, 40, 60);
    const r = bobyqa((x) => dZero(x[0]!) + dPos(x[1]!), Float64Array.of(1, 1), filled(2, 0), filled(2, INF));
    expect(r.x[0]!).toBeGreaterThanOrEqual(0);
    expect(r.x[0]!).toBeLessThanOrEqual(1e-7);
    expect(Math.abs(r.x[1]! - oneWayThetaHat(10, 5, 40, 60))).toBeLessThan(1e-6);
  });

  test("optimum at a lower bound of 0 with positive slope is hit exactly", () => {
    const f = (x: Float64Array): number => (x[0]! + 0.5) ** 2 + (x[1]! - 2) ** 2 + 0.1 * x[0]! * x[1]!;
    const r = bobyqa(f, Float64Array.of(1, 1), Float64Array.of(0, -INF), Float64Array.of(INF, INF));
    expect(r.x[0]).toBe(0);
    expect(Math.abs(r.x[1]! - 2)).toBeLessThan(1e-6);
  });

  test("start outside the box is clamped; start on a bound works", () => {
    const f = (x: Float64Array): number => (x[0]! - 0.25) ** 2 + (x[1]! - 0.75) ** 2;
    for (const x0 of [Float64Array.of(-3, 7), Float64Array.of(0, 1)]) {
      const r = bobyqa(f, x0, filled(2, 0), filled(2, 1));
      expect(Math.abs(r.x[0]! - 0.25)).toBeLessThan(1e-6);
      expect(Math.abs(r.x[1]! - 0.75)).toBeLessThan(1e-6);
    }
  });

  test("variables with lower === upper are held fixed and never varied", () => {
    const seen: number[] = [];
    const f = (x: Float64Array): number => {
      seen.push(x[1]!);
      return (x[0]! - 1) ** 2 + (x[1]! - 5) ** 2 + (x[2]! + 1) ** 2;
    };
    const r = bobyqa(
      f,
      Float64Array.of(0, 2, 0),
      Float64Array.of(-INF, 2, -INF),
      Float64Array.of(INF, 2, INF),
    );
    expect(seen.every((v) => v === 2)).toBe(true);
    expect(r.x[1]).toBe(2);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.x[2]! + 1)).toBeLessThan(1e-6);
  });

  test("never evaluates outside the bounds", () => {
    const lower = Float64Array.of(-0.5, 0, 1);
    const upper = Float64Array.of(0.5, INF, 1.5);
    let outside = 0;
    const f = (x: Float64Array): number => {
      for (let j = 0; j < 3; j++) if (x[j]! < lower[j]! || x[j]! > upper[j]!) outside++;
      return rosenbrock(x);
    };
    bobyqa(f, Float64Array.of(0, 0, 1.2), lower, upper);
    expect(outside).toBe(0);
  });
});

describe("bobyqa: one variable (npt = 3)", () => {
  test("interior optimum of a one-way REML deviance matches the closed form to 1e-6", () => {
    const d = oneWayDeviance(10, 5, 40, 60);
    const r = bobyqa((x) => d(x[0]!), Float64Array.of(1), Float64Array.of(0), Float64Array.of(INF));
    expect(r.reason).toBe("rhoend");
    expect(Math.abs(r.x[0]! - oneWayThetaHat(10, 5, 40, 60))).toBeLessThan(1e-6);
    expect(r.evaluations).toBeLessThan(50); // 15 when written
  });

  test("singular fit: θ̂ = 0 (zero slope at the bound) within 1e-7, from several starts", () => {
    const d = oneWayDeviance(10, 5, 40, 3);
    expect(oneWayThetaHat(10, 5, 40, 3)).toBe(0);
    for (const x0 of [1, 0.5, 0.05, 0]) {
      const r = bobyqa((x) => d(x[0]!), Float64Array.of(x0), Float64Array.of(0), Float64Array.of(INF));
      expect(r.x[0]!).toBeGreaterThanOrEqual(0);
      expect(r.x[0]!).toBeLessThanOrEqual(1e-7);
      expect(r.fval).toBe(d(r.x[0]!));
    }
  });

  test("optimum at an upper bound is hit exactly", () => {
    const r = bobyqa((x) => (x[0]! - 5) ** 2, Float64Array.of(0), Float64Array.of(-1), Float64Array.of(2));
    expect(r.x[0]).toBe(2);
    expect(r.fval).toBe(9);
  });

  test("unbounded 1-D quartic, minimum far from the start", () => {
    const r = bobyqa(
      (x) => (x[0]! + 7) ** 2 + 0.01 * (x[0]! + 7) ** 4 + 3,
      Float64Array.of(1),
      ...unbounded(1),
    );
    expect(Math.abs(r.x[0]! + 7)).toBeLessThan(1e-5);
    expect(r.fval - 3).toBeLessThan(1e-10);
  });
});

describe("bobyqa: robustness", () => {
  test("NaN region (infeasible side of x0 + x1 = 1.8): finite answer on its edge, no NaN returned", () => {
    let nanCalls = 0;
    const f = (x: Float64Array): number => {
      if (x[0]! + x[1]! < 1.8) {
        nanCalls++;
        return Number.NaN;
      }
      return (x[0]! - 1) ** 2 + 10 * (x[1]! - 1.2) ** 2 + x[0]! * x[1]!;
    };
    const r = bobyqa(f, Float64Array.of(3, 3), ...unbounded(2), { rhobeg: 1 });
    expect(nanCalls).toBeGreaterThan(0);
    expect(Number.isFinite(r.fval)).toBe(true);
    expect(r.x[0]! + r.x[1]!).toBeGreaterThanOrEqual(1.8);
    // The constrained minimum is at (0.61, 1.19) with f = 0.8790 (stationary on the edge).
    expect(Math.abs(r.fval - 0.879)).toBeLessThan(2e-3);
  });

  test("NaN at the starting point and Infinity beyond a wall are survived", () => {
    const f = (x: Float64Array): number => {
      if (x[0]! > 5) return Number.NaN;
      if (x[1]! > 5) return INF;
      return (x[0]! - 1) ** 2 + (x[1]! - 2) ** 2;
    };
    // x0 = (5.5, 4) is NaN; of the 5 initial points only (4.5, 4) is finite.
    const r = bobyqa(f, Float64Array.of(5.5, 4), ...unbounded(2), { rhobeg: 1 });
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.x[1]! - 2)).toBeLessThan(1e-6);
  });

  test("a function that is NaN everywhere returns without throwing", () => {
    const r = bobyqa(() => Number.NaN, Float64Array.of(1, 2), ...unbounded(2), { maxeval: 40 });
    expect(r.evaluations).toBeLessThanOrEqual(40);
    expect(Number.isNaN(r.fval)).toBe(true);
  });

  test("evaluation count never exceeds maxeval (also below npt)", () => {
    for (const maxeval of [1, 3, 7, 50]) {
      let calls = 0;
      const r = bobyqa(
        (x) => {
          calls++;
          return rosenbrock(x);
        },
        Float64Array.of(-1.2, -1.2, -1.2, 1),
        ...unbounded(4),
        { maxeval },
      );
      expect(calls).toBe(maxeval);
      expect(r.evaluations).toBe(maxeval);
      expect(r.reason).toBe("maxeval");
      expect(r.fval).toBe(rosenbrock(r.x));
    }
  });

  test("the returned point is the best point evaluated", () => {
    let best = INF;
    const r = bobyqa(
      (x) => {
        const v = rosenbrock(x);
        best = Math.min(best, v);
        return v;
      },
      Float64Array.of(-1.2, 1),
      ...unbounded(2),
      { maxeval: 60 },
    );
    expect(r.fval).toBe(best);
  });

  test("ftolAbs and xtolAbs stop early with their reasons, as NLopt's ftol_abs/xtol_abs", () => {
    const start = Float64Array.of(-1.2, 1);
    const full = bobyqa(rosenbrock, start, ...unbounded(2));
    const ftol = bobyqa(rosenbrock, start, ...unbounded(2), { ftolAbs: 1e-3 });
    expect(ftol.reason).toBe("ftol");
    expect(ftol.evaluations).toBeLessThan(full.evaluations);
    const xtol = bobyqa(rosenbrock, start, ...unbounded(2), { xtolAbs: 1e-3 });
    expect(xtol.reason).toBe("xtol");
    expect(xtol.evaluations).toBeLessThan(full.evaluations);
    expect(Math.abs(xtol.x[0]! - 1)).toBeLessThan(0.05);
  });

  test("invalid arguments throw RangeError", () => {
    const f = (x: Float64Array): number => x[0]! ** 2;
    const lo = filled(2, -1);
    const hi = filled(2, 1);
    expect(() => bobyqa(f, Float64Array.of(0), lo, hi)).toThrow(RangeError);
    expect(() => bobyqa(f, filled(2, 0), hi, lo)).toThrow(RangeError);
    expect(() => bobyqa(f, Float64Array.of(0, Number.NaN), lo, hi)).toThrow(RangeError);
    expect(() => bobyqa(f, filled(2, 0), lo, hi, { npt: 3 })).toThrow(RangeError);
    expect(() => bobyqa(f, filled(2, 0), lo, hi, { npt: 7 })).toThrow(RangeError);
    expect(() => bobyqa(f, filled(2, 0), lo, hi, { rhobeg: 1.5 })).toThrow(RangeError);
    expect(() => bobyqa(f, filled(2, 0), lo, hi, { rhobeg: 0.1, rhoend: 0.2 })).toThrow(RangeError);
    expect(() => bobyqa(f, filled(2, 0), lo, hi, { maxeval: 0 })).toThrow(RangeError);
  });
});

describe("bobyqa: Powell's test problem (points in a square, BOBYQA report / his driver)", () => {
  // Least values of F from Powell's Fortran for his four (N, NPT) cases, with rhobeg = 0.1,
  // rhoend = 1e-6 (as recorded in the test suite of a C port of his code). The N = 10 cases stop
  // at different local minima, so matching them checks that the iteration follows his path.
  const cases = [
    { n: 10, npt: 16, f: 5.680353888084283 },
    { n: 10, npt: 21, f: 5.601533972186465 },
    { n: 20, npt: 26, f: 32.20305336883057 },
    { n: 20, npt: 41, f: 32.2030533688306 },
  ];
  for (const c of cases) {
    test(`N = ${c.n}, NPT = ${c.npt}: least F = ${c.f} to 1e-10 (relative)`, () => {
      const r = bobyqa(pointsInSquare, pointsOnCircle(c.n), filled(c.n, -1), filled(c.n, 1), {
        rhobeg: 0.1,
        rhoend: 1e-6,
        npt: c.npt,
        maxeval: 500000,
      });
      expect(r.reason).toBe("rhoend");
      expect(Math.abs(r.fval - c.f) / c.f).toBeLessThan(1e-10);
      expect(r.evaluations).toBeLessThan(400); // 122, 104, 217, 184 when written
    });
  }
});
