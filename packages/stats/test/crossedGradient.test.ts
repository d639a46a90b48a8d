// The quasi-Newton path on a crossed design large enough to take it by default (dense tail of the
// raters' fill-in, factorization work above the polish threshold): the same optimum as BOBYQA, lme4's
// reference path, in fewer evaluations.
import { describe, expect, it } from "vitest";
import { dataFrameFromColumns, fitLmm } from "../src/index.ts";
import { gradientPays, optimizeTheta } from "../src/lmm/optimize.ts";
import { contrastTest, satterthwaiteBasis } from "../src/lmm/satterthwaite.ts";

/** Raters × targets, each rater scoring 10 of the targets (a simulator of its own, fixed seed). */
function crossedRatings(raters: number, targets: number, seed: number) {
  let s = seed;
  const unif = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const norm = () => Math.sqrt(-2 * Math.log(unif())) * Math.cos(2 * Math.PI * unif());
  const target = Array.from({ length: targets }, () => 0.7 * norm());
  const rater: string[] = [];
  const item: string[] = [];
  const y: number[] = [];
  const x: number[] = [];
  for (let r = 0; r < raters; r++) {
    const u = 0.5 * norm();
    for (let k = 0; k < 10; k++) {
      const t = Math.floor(unif() * targets);
      const xv = unif() < 0.5 ? 1 : 0;
      rater.push(`R${r}`);
      item.push(`T${t}`);
      x.push(xv);
      y.push(3 + 0.4 * xv + u + (target[t] as number) + norm());
    }
  }
  return dataFrameFromColumns({ rater, item, x, y });
}

function withOptimizer<T>(name: string, run: () => T): T {
  const before = process.env.ATTUNE_OPTIMIZER;
  process.env.ATTUNE_OPTIMIZER = name;
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env.ATTUNE_OPTIMIZER;
    else process.env.ATTUNE_OPTIMIZER = before;
  }
}

describe("crossed design on the gradient path", () => {
  it("2,000 raters × 300 targets: quasi-Newton by default, criterion at or below BOBYQA's", () => {
    const data = crossedRatings(2000, 300, 20261206);
    const fit = fitLmm("y ~ x + (1 | rater) + (1 | item)", data, { satterthwaite: false });
    expect(fit.model.s.tailDim).toBeGreaterThan(100);
    expect(gradientPays(fit.model)).toBe(true);
    for (const reml of [true, false]) {
      const qn = optimizeTheta(fit.model, reml);
      const bq = withOptimizer("bobyqa", () => optimizeTheta(fit.model, reml));
      expect(qn.deviance).toBeLessThanOrEqual(bq.deviance + 1e-9 * Math.abs(bq.deviance));
      expect(Math.abs(qn.deviance - bq.deviance)).toBeLessThan(1e-6);
      expect(qn.evaluations).toBeLessThan(bq.evaluations);
    }
  });

  it("Satterthwaite's df from the gradient (the default there) agree with numDeriv's differences", () => {
    const data = crossedRatings(2000, 300, 20261206);
    const fit = fitLmm("y ~ x + (1 | rater) + (1 | item)", data, { satterthwaite: false });
    const p = fit.beta.length;
    const df = (method: "auto" | "differences") => {
      const basis = satterthwaiteBasis(fit.model, fit.theta, fit.sigma, true, method);
      return Array.from({ length: p }, (_, i) => {
        const L = new Float64Array(p);
        L[i] = 1;
        return contrastTest(basis, fit.beta, fit.vcov, L).df;
      });
    };
    const auto = df("auto");
    const differences = df("differences");
    auto.forEach((v, i) => expect(Math.abs(v / (differences[i] as number) - 1)).toBeLessThan(5e-3));
  });
});
