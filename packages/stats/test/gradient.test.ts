// The analytic gradient of the profiled deviance (lmm/plsGradient.ts) against Richardson-extrapolated
// central differences (numDeriv's genD scheme, lmm/richardson.ts) on every golden and extra case, with
// the sparse block columns alone and with a dense tail, away from the optimum and at it.
import { describe, expect, it } from "vitest";
import { fitLmm } from "../src/index.ts";
import { optimizeTheta } from "../src/lmm/optimize.ts";
import { PlsModel } from "../src/lmm/pls.ts";
import { DevianceGradient } from "../src/lmm/plsGradient.ts";
import { genD } from "../src/lmm/richardson.ts";
import { contrastTest, satterthwaiteBasis } from "../src/lmm/satterthwaite.ts";
import type { TailChoice } from "../src/lmm/structure.ts";
import { FIXTURES, FIXTURES_EXTRA, goldenCases, readFixture } from "./golden.ts";

for (const dir of [FIXTURES, FIXTURES_EXTRA]) {
  describe(`gradient of the profiled deviance on ${dir.split("/").at(-2)}`, () => {
    for (const c of goldenCases(dir)) {
      it(`${c.data} ${c.method} ${c.formula}`, () => {
        const reml = c.method === "REML";
        const fit = fitLmm(c.formula, readFixture(c.data, dir), { reml, satterthwaite: false });
        const tails: TailChoice[] = ["none", { lastTerms: 1 }, "auto"];
        // Away from the optimum (every variance parameter kept off its bound so that central differences
        // stay inside the domain) and at lme4's optimum (interior components then near zero).
        const away = Float64Array.from(fit.theta, (v, i) => {
          const moved = v * (1 + 0.3 * Math.sin(i + 1)) + 0.07 * Math.cos(i);
          const size = Math.max(Math.abs(moved), 0.05);
          return fit.model.lower[i] === 0 ? size : Math.sign(moved || 1) * size;
        });
        for (const tail of tails) {
          const model = new PlsModel(fit.x, fit.frame.y, fit.terms, tail);
          const gradient = new DevianceGradient(model);
          // The same gradient from the full sums over Z'Z's blocks (also the path at singular T_j).
          const full = new DevianceGradient(model, false);
          for (const theta of [
            away,
            Float64Array.from(fit.theta, (v, i) => (model.lower[i] === 0 ? Math.max(v, 0.02) : v)),
          ]) {
            const analytic = new Float64Array(theta.length);
            const dev = gradient.evaluate(theta, reml, analytic);
            const summed = new Float64Array(theta.length);
            full.evaluate(theta, reml, summed);
            for (let i = 0; i < theta.length; i++)
              expect(Math.abs((summed[i] as number) - (analytic[i] as number))).toBeLessThan(
                1e-7 * (1 + Math.abs(analytic[i] as number)),
              );
            expect(dev).toBeCloseTo(model.deviance(theta, reml), 9);
            // Steps 10% of |θ_i| (1e-4 at zero), halved four times; a central difference then carries a
            // rounding error of up to ~5000 ε|D|/h (the extrapolation amplifies it) besides its (extrapolated-away) truncation error.
            const numeric = genD((x) => Float64Array.of(model.deviance(x, reml)), theta, 0.1, 1e-4, 4);
            for (let i = 0; i < theta.length; i++) {
              const g = (numeric.gradient[i] as Float64Array)[0] as number;
              const h = Math.max(Math.abs(0.1 * (theta[i] as number)), 1e-4) / 8;
              expect(Math.abs((analytic[i] as number) - g), `θ${i} (${JSON.stringify(tail)})`).toBeLessThan(
                1e-6 * (1 + Math.abs(g)) + (1e-12 * Math.abs(dev)) / h,
              );
            }
          }
        }
      });
    }
  });
}

// The quasi-Newton path forced on every golden case (by default only large nested models take it):
// never a worse optimum than lme4's, at the golden test's bar.
for (const dir of [FIXTURES, FIXTURES_EXTRA]) {
  describe(`quasi-Newton optimum on ${dir.split("/").at(-2)}`, () => {
    for (const c of goldenCases(dir)) {
      it(`${c.data} ${c.method} ${c.formula}`, () => {
        const reml = c.method === "REML";
        const fit = fitLmm(c.formula, readFixture(c.data, dir), { reml, satterthwaite: false });
        const before = process.env.ATTUNE_OPTIMIZER;
        process.env.ATTUNE_OPTIMIZER = "quasi-newton";
        try {
          const opt = optimizeTheta(fit.model, reml);
          expect(opt.deviance).toBeLessThanOrEqual(c.deviance + 1e-7 * Math.abs(c.deviance));
        } finally {
          if (before === undefined) delete process.env.ATTUNE_OPTIMIZER;
          else process.env.ATTUNE_OPTIMIZER = before;
        }
      });
    }
  });
}

// Satterthwaite's derivatives from the analytic gradient (the path of large nested models) against
// numDeriv's differences of the deviance (lmerTest's scheme), with the gradient path forced on every
// golden case ("auto" then takes the gradient unless a variance parameter is near its bound): the same df.
for (const dir of [FIXTURES, FIXTURES_EXTRA]) {
  describe(`Satterthwaite df from the gradient on ${dir.split("/").at(-2)}`, () => {
    for (const c of goldenCases(dir)) {
      it(`${c.data} ${c.method} ${c.formula}`, () => {
        const reml = c.method === "REML";
        const fit = fitLmm(c.formula, readFixture(c.data, dir), { reml, satterthwaite: false });
        const p = fit.beta.length;
        const df = (method: "auto" | "differences") => {
          const before = process.env.ATTUNE_OPTIMIZER;
          process.env.ATTUNE_OPTIMIZER = "quasi-newton";
          const basis = satterthwaiteBasis(fit.model, fit.theta, fit.sigma, reml, method);
          if (before === undefined) delete process.env.ATTUNE_OPTIMIZER;
          else process.env.ATTUNE_OPTIMIZER = before;
          return Array.from({ length: p }, (_, i) => {
            const L = new Float64Array(p);
            L[i] = 1;
            return contrastTest(basis, fit.beta, fit.vcov, L).df;
          });
        };
        const fromGradient = df("auto");
        const fromDifferences = df("differences");
        // lmerTest's df belong to lme4's θ: compared only where both optima agree (sleepstudy3's REML
        // optimum is 5.9e-3 below lme4's).
        const sameOptimum = Math.abs(fit.deviance - c.deviance) < 1e-4;
        fromGradient.forEach((v, i) => {
          const ref = fromDifferences[i] as number;
          const lmerTest = (c.fixef[i] as { df: number }).df;
          expect(Math.abs(v - ref) / ref, `df ${i}: ${v} vs ${ref}`).toBeLessThan(5e-3);
          if (sameOptimum)
            expect(Math.abs(v - lmerTest) / lmerTest, `df ${i} vs lmerTest ${lmerTest}`).toBeLessThan(0.02);
        });
      });
    }
  });
}
