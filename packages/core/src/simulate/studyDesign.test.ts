import { describe, expect, it } from "vitest";
import { prnToCsv } from "./csv.ts";
import { simulatePrn } from "./simulate.ts";

describe("simulatePrn: a study's design", () => {
  const sim = simulatePrn({
    therapists: 12,
    patients: 37,
    sessionNumbers: [3, 12, 20, 40],
    seed: 4,
    ruptures: { rate: 0.3 },
    therapistAttribute: { name: "years" },
    experience: {},
    modality: {},
    ruptureCodes: {},
    process2: { name: "confidence" },
  });
  const rows = sim.rows;

  it("measures at the study's sessions, with exact totals and uneven caseloads", () => {
    expect(new Set(rows.map((r) => r.session))).toEqual(new Set([3, 12, 20, 40]));
    expect(new Set(rows.map((r) => r.patient)).size).toBe(37);
    expect(rows.filter((r) => r.session === 3).length).toBe(37);
  });

  it("writes one attribute value per therapist and the session-level columns", () => {
    const years = new Map<string, Set<unknown>>();
    for (const r of rows) years.set(r.therapist, (years.get(r.therapist) ?? new Set()).add(r.extra?.years));
    expect([...years.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.extra?.modality))).toEqual(new Set(["in person", "video", "phone"]));
    expect(rows.every((r) => typeof r.extra?.experience === "number")).toBe(true);
    expect(prnToCsv(rows).split("\n")[0]).toBe(
      "therapist,patient,condition,session,alliance_patient,alliance_therapist,wellbeing,years,experience,modality,rupture_withdrawal_intensity,rupture_confrontation_intensity,confidence",
    );
  });

  it("codes rupture intensity where ruptures began (scale 2 × depth 0.8) and nowhere before any", () => {
    const onset = new Set(sim.truth.ruptures.map((r) => `${r.patient}|${r.session}`));
    expect(onset.size).toBeGreaterThan(5);
    const seen = new Set<string>();
    for (const r of rows) {
      const code =
        (r.extra?.rupture_withdrawal_intensity as number) +
        (r.extra?.rupture_confrontation_intensity as number);
      if (onset.has(`${r.patient}|${r.session}`)) {
        expect(code).toBeGreaterThanOrEqual(1.6 - 1e-9);
        seen.add(r.patient);
      } else if (!seen.has(r.patient)) expect(code).toBe(0);
    }
  });

  it("codes each type at its own scale and refuses a per-type list of the wrong length", () => {
    const byType = simulatePrn({
      therapists: 12,
      patients: 37,
      sessions: 6,
      seed: 4,
      ruptures: { rate: 0.3, persistence: 0 },
      ruptureCodes: { scale: [2, 4] },
    });
    const codes = (k: string) => new Set(byType.rows.map((r) => r.extra?.[k] as number).filter((v) => v > 0));
    // With no persistence a coded rupture is the onset's whole drop (0.8): 1.6 for withdrawal, 3.2 for
    // confrontation.
    expect(codes("rupture_withdrawal_intensity")).toEqual(new Set([1.6]));
    expect(codes("rupture_confrontation_intensity")).toEqual(new Set([3.2]));
    expect(() => simulatePrn({ therapists: 2, patients: 4, ruptureCodes: { outcome: [-0.1] } })).toThrow(
      "ruptureCodes.outcome must be one number or one per type (2), got 1",
    );
    expect(() => simulatePrn({ therapists: 2, patients: 4, ruptureCodes: { scale: [2, 0] } })).toThrow(
      "ruptureCodes.scale must be above 0, got 0",
    );
  });

  it("moderates alliance growth by the attribute: high-years therapists' patients grow faster", () => {
    const big = simulatePrn({
      therapists: 200,
      patients: 800,
      sessions: 6,
      seed: 9,
      dropout: 0,
      ruptures: { rate: 0 },
      alliance: { intercept: 3 },
      therapistAttribute: { growth: 0.02, sd: 5 },
    });
    const slope = (high: boolean) => {
      let s = 0;
      let n = 0;
      for (const r of big.rows) {
        const y = r.extra?.years as number;
        if (high !== y > 10 || Number.isNaN(r.alliance_patient)) continue;
        s += r.session === 6 ? r.alliance_patient : r.session === 1 ? -r.alliance_patient : 0;
        n += r.session === 6 ? 1 : 0;
      }
      return s / n / 5;
    };
    // mean |years − 10| above and below ≈ 0.8 × 5 = 4, so the slopes differ by ≈ 2 × 4 × 0.02 = 0.16
    expect(slope(true) - slope(false)).toBeGreaterThan(0.1);
    expect(slope(true) - slope(false)).toBeLessThan(0.22);
  });

  it("draws years of practice never below 0 and skewed right, with the asked mean and SD", () => {
    const sim = simulatePrn({
      therapists: 2000,
      patients: 2000,
      sessions: 1,
      seed: 5,
      therapistAttribute: {},
    });
    const byTherapist = new Map(sim.rows.map((r) => [r.therapist, r.extra?.years as number]));
    const y = [...byTherapist.values()];
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / (y.length - 1));
    const skew = y.reduce((a, b) => a + ((b - mean) / sd) ** 3, 0) / y.length;
    expect(y.length).toBe(2000);
    expect(Math.min(...y)).toBeGreaterThanOrEqual(0);
    expect(mean).toBeGreaterThan(9.5);
    expect(mean).toBeLessThan(10.5);
    expect(sd).toBeGreaterThan(5.5);
    expect(sd).toBeLessThan(6.5);
    // a gamma with CV 0.6 has skewness 1.2; a normal has 0
    expect(skew).toBeGreaterThan(0.8);
    const normal = simulatePrn({
      therapists: 2000,
      patients: 2000,
      sessions: 1,
      seed: 5,
      therapistAttribute: { distribution: "normal" },
    });
    expect(Math.min(...normal.rows.map((r) => r.extra?.years as number))).toBeLessThan(0);
    expect(() => simulatePrn({ therapistAttribute: { mean: -1 } })).toThrow(
      /therapistAttribute.mean must be above 0 for a gamma-distributed attribute, got -1/,
    );
  });

  it("refuses session numbers that do not increase, naming the entry", () => {
    expect(() => simulatePrn({ sessionNumbers: [3, 12, 12] })).toThrow(
      /sessionNumbers must be increasing positive integers, but entry 3 is 12/,
    );
  });
});
