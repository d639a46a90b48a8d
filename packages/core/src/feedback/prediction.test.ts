import { dataFrameFromColumns, fitLmm } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { readGoldenCsv } from "./fixtures.testkit.ts";
import { predictNewUnit } from "./prediction.ts";

describe("prediction for a new unit (docs/engine.md reference, sleepstudy REML)", () => {
  const rows = readGoldenCsv("sleepstudy.csv");
  const fit = fitLmm(
    "Reaction ~ Days + (Days | Subject)",
    dataFrameFromColumns({
      Reaction: rows.map((r) => r.Reaction as number),
      Days: rows.map((r) => r.Days as number),
      Subject: rows.map((r) => String(r.Subject)),
    }),
  );
  const model = {
    beta: Array.from(fit.beta),
    vcov: Array.from(fit.vcov),
    randomCov: Array.from(fit.termCovariance(0)),
    sigma: fit.sigma,
  };
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

  it("matches the population prediction without data", () => {
    const m = predictNewUnit(model, [1, 9], [1, 9]);
    expect(rel(m.mean, 345.610678485)).toBeLessThan(1e-6);
    expect(rel(m.sd ** 2, 4494.73064196)).toBeLessThan(1e-4);
  });

  it("matches b̃, the mean and both variances for a subject observed on days 0–2", () => {
    const days = [0, 1, 2];
    const m = predictNewUnit(model, [1, 9], [1, 9], {
      x: days.map((d) => [1, d]),
      z: days.map((d) => [1, d]),
      y: [250, 270, 280],
    });
    expect(rel(m.ranef[0] as number, 3.10959336306)).toBeLessThan(1e-3);
    expect(rel(m.ranef[1] as number, 0.632904063887)).toBeLessThan(1e-3);
    expect(rel(m.mean, 354.416408423)).toBeLessThan(1e-6);
    expect(rel(m.sdBetaKnown ** 2, 2888.27930265)).toBeLessThan(1e-4);
    expect(rel(m.sd ** 2, 3012.59054575)).toBeLessThan(1e-4);
  });
});
