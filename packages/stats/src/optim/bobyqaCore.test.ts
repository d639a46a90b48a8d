import { describe, expect, test } from "vitest";
import { bobyqaCore } from "./bobyqaCore.ts";
import { GuardedObjective } from "./guardedObjective.ts";

function rosenbrock(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
  return s;
}

describe("bobyqaCore: rebuild of the interpolation set (our replacement of Powell's RESCUE)", () => {
  test("a forced rebuild mid-run costs npt evaluations and the run still converges (f < 1e-12)", () => {
    const n = 3;
    const run = (forceRebuildAfter?: number): GuardedObjective => {
      const g = new GuardedObjective(rosenbrock, (x) => Float64Array.from(x), 10000, n);
      const stop = bobyqaCore(
        g,
        Float64Array.of(-1.2, 1, 1),
        new Float64Array(n).fill(-Infinity),
        new Float64Array(n).fill(Infinity),
        {
          npt: 2 * n + 1,
          rhobeg: 0.5,
          rhoend: 1e-9,
          ftolAbs: 0,
          ...(forceRebuildAfter === undefined ? {} : { forceRebuildAfter }),
        },
      );
      expect(stop).toBe("rhoend");
      return g;
    };
    const plain = run();
    const rebuilt = run(40);
    expect(plain.bestF).toBeLessThan(1e-12);
    expect(rebuilt.bestF).toBeLessThan(1e-12);
    expect(rebuilt.evaluations).not.toBe(plain.evaluations);
  });

  test("a rebuild right at a bound (centre within rho of it) keeps every evaluation feasible", () => {
    const n = 2;
    let outside = 0;
    const f = (x: Float64Array): number => {
      if (x[0]! < 0 || x[1]! < 0 || x[1]! > 1) outside++;
      return (x[0]! + 1) ** 2 + (x[1]! - 0.999) ** 2;
    };
    const g = new GuardedObjective(f, (x) => Float64Array.from(x), 10000, n);
    const stop = bobyqaCore(
      g,
      Float64Array.of(0.5, 0.5),
      Float64Array.of(0, 0),
      Float64Array.of(Infinity, 1),
      {
        npt: 5,
        rhobeg: 0.2,
        rhoend: 1e-8,
        ftolAbs: 0,
        forceRebuildAfter: 12,
      },
    );
    expect(stop).toBe("rhoend");
    expect(outside).toBe(0);
    expect(g.bestX[0]).toBe(0);
    expect(Math.abs(g.bestX[1]! - 0.999)).toBeLessThan(1e-6);
  });
});
