// Invariants of the engine that hold on any data, plus reference values of docs/engine.md, "Prediction for a new unit" (sleepstudy
// prediction intervals, computed with R 4.2.2 / lme4 1.1-31 by the formulas of §1.9).
import { describe, expect, it } from "vitest";
import { dataFrameFromColumns, fitLmm, likelihoodRatioTest } from "../src/index.ts";
import type { PlsModel } from "../src/lmm/pls.ts";
import { goldenCases, readFixture } from "./golden.ts";

const sleep = readFixture("sleepstudy.csv");

describe("engine invariants", () => {
  it("the deviance at our optimum is no worse than at lme4's θ, for every golden case", () => {
    for (const c of goldenCases()) {
      const fit = fitLmm(c.formula, readFixture(c.data), { reml: c.method === "REML", satterthwaite: false });
      const atLme4 = fit.model.deviance([c.theta].flat(), c.method === "REML");
      expect(fit.deviance).toBeLessThanOrEqual(atLme4 + 1e-9 * Math.abs(atLme4));
      // and our deviance function reproduces lme4's criterion at lme4's θ (same objective, not just same optimum)
      expect(Math.abs(atLme4 - c.deviance)).toBeLessThan(1e-7 * Math.abs(c.deviance));
    }
  });

  it("group-level predictions on the fitted data reproduce the fitted values; residuals add up", () => {
    const fit = fitLmm("Reaction ~ Days + (Days | Subject)", sleep);
    const pred = fit.predict();
    for (let i = 0; i < fit.nobs; i++) {
      expect(pred.fit[i]).toBeCloseTo(fit.fitted[i]!, 9);
      expect(fit.fitted[i]! + fit.residuals[i]!).toBeCloseTo(fit.frame.y[i]!, 9);
    }
  });

  it("predicts as docs/engine.md's reference: subject 308 at day 9, a new subject, and population means", () => {
    const fit = fitLmm("Reaction ~ Days + (Days | Subject)", sleep);
    const nd = dataFrameFromColumns({
      Days: [9, 9, 0, 1, 2, 3, 4, 5],
      Subject: ["308", "999", "999", "999", "999", "999", "999", "999"],
    });
    const g = fit.predict(nd, { level: "group" });
    // θ agrees with lme4 to ~1e-5 (optimizer tolerance), so predictions agree to ~1e-6 relative.
    expect(g.fit[0]).toBeCloseTo(430.660011325, 3);
    const pop = fit.predict(nd, { level: "population", interval: 0.9 });
    expect(pop.fit[1]).toBeCloseTo(345.610678485, 4);
    expect(pop.sd[1]! ** 2).toBeCloseTo(4494.73064196, 1);
    expect(pop.lower![1]).toBeCloseTo(235.33516413, 2);
    expect(pop.upper![1]).toBeCloseTo(455.88619284, 2);
    expect(Array.from(pop.fit.slice(2)).map((v) => Number(v.toFixed(3)))).toEqual([
      251.405, 261.872, 272.34, 282.807, 293.274, 303.742,
    ]);
    // a level never seen gets no random effect at group level
    expect(g.fit[1]).toBeCloseTo(pop.fit[1]!, 9);
  });

  it("refuses a fixed-effect factor level in new data that was not seen when fitting", () => {
    const d = dataFrameFromColumns({
      y: [1, 2, 3, 4, 5, 6, 7, 9],
      f: ["a", "b", "a", "b", "a", "b", "a", "b"],
      g: ["x", "x", "y", "y", "z", "z", "w", "w"],
    });
    const fit = fitLmm("y ~ f + (1 | g)", d);
    expect(fit.fixefNames).toEqual(["(Intercept)", "fb"]);
    expect(() => fit.predict(dataFrameFromColumns({ f: ["c"], g: ["x"] }))).toThrow(
      /level "c" of "f" was not seen/,
    );
  });

  it("likelihood-ratio test refits with ML and matches the golden ML deviances", () => {
    const small = fitLmm("Reaction ~ Days + (1 | Subject)", sleep);
    const big = fitLmm("Reaction ~ Days + (Days | Subject)", sleep);
    const [a, b] = likelihoodRatioTest(big, small);
    const ml = goldenCases().filter((c) => c.data === "sleepstudy.csv" && c.method === "ML");
    const devSmall = ml.find((c) => c.formula.includes("(1 | Subject)"))!.deviance;
    const devBig = ml.find((c) => c.formula.includes("(Days | Subject)"))!.deviance;
    expect(a!.npar).toBe(4);
    expect(b!.npar).toBe(6);
    expect(a!.deviance).toBeCloseTo(devSmall, 5);
    expect(b!.chisq).toBeCloseTo(devSmall - devBig, 4);
    expect(b!.df).toBe(2);
    expect(b!.p).toBeLessThan(1e-8);
  });

  it("drops an aliased fixed-effect column with a warning, as lme4", () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const d = dataFrameFromColumns({
      y: [3, 5, 4, 7, 8, 7, 10, 12, 11, 14, 13, 16],
      x,
      x2: x.map((v) => 2 * v),
      g: x.map((v) => `g${v % 3}`),
    });
    const fit = fitLmm("y ~ x + x2 + (1 | g)", d);
    expect(fit.fixefNames).toEqual(["(Intercept)", "x"]);
    expect(fit.warnings.join(" ")).toMatch(/rank deficient so dropping 1 column \/ coefficient: x2/);
  });

  it("flags a singular fit when a variance is estimated at zero", () => {
    // Every group has the same values in another order: identical group means, so the group SD is 0.
    const base = [1, -1, 2.5, -2, 0.3];
    const g = Array.from({ length: 40 }, (_, i) => `g${Math.floor(i / 5)}`);
    const y = Array.from({ length: 40 }, (_, i) => base[(i + Math.floor(i / 5)) % 5]!);
    const fit = fitLmm("y ~ 1 + (1 | g)", dataFrameFromColumns({ y, g }));
    expect(fit.theta[0]).toBe(0);
    expect(fit.singular).toBe(true);
    expect(fit.warnings.join(" ")).toMatch(/singular/);
  });

  it("categorical predictors get R's treatment contrasts and names", () => {
    const n = 24;
    const sex = Array.from({ length: n }, (_, i) => (i % 2 ? "Male" : "Female"));
    const days = Array.from({ length: n }, (_, i) => i % 6);
    const g = Array.from({ length: n }, (_, i) => `s${Math.floor(i / 6)}`);
    const y = days.map((d, i) => 10 + d * (i % 2 ? 2 : 1) + ((i * 7) % 5));
    const fit = fitLmm("y ~ Sex * Days + (1 | g)", dataFrameFromColumns({ y, Sex: sex, Days: days, g }));
    expect(fit.fixefNames).toEqual(["(Intercept)", "SexMale", "Days", "SexMale:Days"]);
  });

  it("a nested model costs one block per level: patients couple only to their therapist", () => {
    const fit = fitLmm(
      "wellbeing ~ time + (1 + time | therapist) + (1 + time | therapist:patient)",
      readFixture("prn_small.csv"),
      { satterthwaite: false },
    );
    const s = (fit.model as PlsModel).s;
    const patients = fit.terms[0]!.levels.length;
    // every patient column has exactly one off-diagonal block (its therapist): no fill-in
    for (let b = 0; b < patients; b++) expect(s.patStart[b + 1]! - s.patStart[b]!).toBe(1);
  });
});
