import { describe, expect, it } from "vitest";
import {
  BUILT_IN_RECOVERY_MODEL,
  expectedBand,
  expectedRecoveryModel,
  fitExpectedRecovery,
  recoveryDataSufficient,
} from "./expectedRecovery.ts";
import { readGoldenCsv } from "./fixtures.testkit.ts";

describe("expected recovery (docs/engine.md reference, PTSIM)", () => {
  const rows = readGoldenCsv("ptsim.csv").map((r) => ({
    patient: String(r.patient),
    session: r.session as number,
    score: r.Y as number,
  }));
  const model = fitExpectedRecovery(rows);
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

  it("fits Y ~ Ic * log(session) + (1 + log(session) | patient) as lme4 does", () => {
    expect(model.source).toBe("network");
    expect(model.observations).toBe(671);
    expect(model.center).toBeCloseTo(21.5911958234606, 10);
    const ref = [23.5506778163, 0.92796130441, -3.66657173767, 0.04211657081];
    model.beta.forEach((b, i) => expect(Math.abs(b - (ref[i] as number))).toBeLessThan(1e-4));
    expect(rel(model.sigma, 0.9119870578)).toBeLessThan(1e-5);
    expect(rel(model.randomCov[0] as number, 0.71562353)).toBeLessThan(1e-4);
    expect(rel(model.randomCov[3] as number, 0.80435043)).toBeLessThan(1e-4);
  });

  it("gives the §8.8 curve for intake 25: mean, SD with β uncertainty, one-sided 80% and 90% bounds", () => {
    const table: [number, number, number, number, number][] = [
      [2, 24.27195548, 1.117743916, 25.2126725, 25.70440195],
      [6, 20.40153934, 1.532759314, 21.69154213, 22.36584944],
      [10, 18.60189832, 1.88194331, 20.18578177, 21.01370572],
    ];
    for (const [s, mean, sd, u80, u90] of table) {
      const b80 = expectedBand(model, 25, s, { level: 0.8 });
      expect(rel(b80.mean, mean)).toBeLessThan(1e-5);
      expect(rel(b80.sd, sd)).toBeLessThan(1e-4);
      expect(rel(b80.upper, u80)).toBeLessThan(1e-5);
      expect(rel(expectedBand(model, 25, s, { level: 0.9 }).upper, u90)).toBeLessThan(1e-5);
    }
  });

  it("narrows the band given the patient's own earlier sessions (docs/engine.md)", () => {
    const pop = expectedBand(model, 25, 6);
    const cond = expectedBand(model, 25, 6, {
      observed: [2, 3, 4, 5].map((s) => ({ session: s, score: 26 })),
    });
    expect(cond.sd).toBeLessThan(pop.sd);
    expect(cond.mean).toBeGreaterThan(pop.mean); // a patient above the curve is expected to stay above it
  });

  it("uses the built-in model until 30 patients have an intake and 3 sessions", () => {
    const few = rows.filter((r) => Number(r.patient) <= 29);
    expect(recoveryDataSufficient(few)).toEqual({ patients: 29, sufficient: false });
    expect(expectedRecoveryModel(few)).toBe(BUILT_IN_RECOVERY_MODEL);
    expect(() => fitExpectedRecovery(few)).toThrow(/29 patients .* at least 30/);
    expect(expectedRecoveryModel(rows).source).toBe("network");
  });

  it("built-in band by hand: intake 40, session 2", () => {
    // mean 50 + 0.8·(−10) + 5·ln 2; variance 100 + 25·ln²2 + 100 (no β uncertainty)
    const b = expectedBand(BUILT_IN_RECOVERY_MODEL, 40, 2, { level: 0.95 });
    expect(b.mean).toBeCloseTo(42 + 5 * Math.LN2, 10);
    expect(b.sd).toBeCloseTo(Math.sqrt(200 + 25 * Math.LN2 ** 2), 10);
    expect(() => expectedBand(BUILT_IN_RECOVERY_MODEL, 40, 1)).toThrow(/session must be 2 or later/);
  });
});
