import { describe, expect, it } from "vitest";
import { cronbachAlpha, levelNoise, levelResiduals, noiseAt, robustSd } from "./noise.ts";
import { probabilityOfFall, ruptureSignal } from "./ruptureSignal.ts";

describe("noise of a form", () => {
  it("residuals are taken against the mean of the previous rated sessions, skipping missing forms", () => {
    expect(levelResiduals([[80, 85, null, 70]], 3)).toEqual([
      { level: 80, residual: 5 },
      { level: 82.5, residual: -12.5 },
    ]);
  });

  it("the robust SD ignores the rare large falls ruptures make and never goes below its floor", () => {
    const noise = Array.from({ length: 200 }, (_, i) => ((i % 7) - 3) * 2);
    const withRuptures = [...noise, -40, -45, -50, -38, -42];
    expect(robustSd(withRuptures, 0.5)).toBeLessThan(robustSd(noise, 0.5) * 1.15);
    expect(robustSd([0, 0, 0, 0], 1.5)).toBe(1.5);
  });

  it("bands by level: patients near the ceiling get their own, smaller noise", () => {
    const residuals = [
      ...Array.from({ length: 120 }, (_, i) => ({ level: 50 + (i % 20), residual: ((i % 9) - 4) * 3 })),
      ...Array.from({ length: 120 }, (_, i) => ({ level: 95 + (i % 5), residual: (i % 5) - 2 })),
    ];
    const n = levelNoise(residuals, { floor: 0.5, bands: 2, minPerBand: 40 });
    expect(n.upTo.at(-1)).toBe(100);
    expect(noiseAt(n, 98)).toBeLessThan(noiseAt(n, 55) / 3);
  });

  it("Cronbach's alpha: high for items that move together, null without enough forms", () => {
    const forms = Array.from({ length: 50 }, (_, i) => {
      const t = i % 5;
      return [t + 1, t + 1, Math.min(5, t + 1 + (i % 2)), t + 1];
    });
    expect(cronbachAlpha(forms)).toBeGreaterThan(0.9);
    expect(cronbachAlpha(forms.slice(0, 5))).toBeNull();
  });
});

describe("rupture statistic", () => {
  const settings = { window: 4, noise: { upTo: [100], sd: [5], n: [100], overall: 5 }, priorDf: 4 };

  it("is a fall in units of noise, larger for a steady patient than for a restless one", () => {
    const steady = ruptureSignal(70, [90, 90, 90, 90, 90], settings);
    const restless = ruptureSignal(70, [75, 100, 80, 100, 85], settings);
    expect(steady.drop).toBe(20);
    expect(steady.z).toBeGreaterThan(restless.z);
    expect(probabilityOfFall(steady.z)).toBeGreaterThan(0.99);
    expect(probabilityOfFall(0)).toBeCloseTo(0.5, 10);
  });
});
