import { describe, expect, it } from "vitest";
import { prnToCsv } from "./csv.ts";
import { resolveSimulateOptions } from "./options.ts";
import { simulatePrn } from "./simulate.ts";

describe("simulatePrn", () => {
  const { rows, options } = simulatePrn({ therapists: 40, patientsPerTherapist: 3, sessions: 6, seed: 1 });

  it("is deterministic for a seed", () => {
    expect(prnToCsv(simulatePrn({ seed: 1 }).rows)).toBe(prnToCsv(rows));
    expect(prnToCsv(simulatePrn({ seed: 2 }).rows)).not.toBe(prnToCsv(rows));
  });

  it("has the seed study's shape: 40 therapists in two arms, 120 patients, ≤ 6 sessions", () => {
    expect(new Set(rows.map((r) => r.therapist)).size).toBe(40);
    expect(new Set(rows.map((r) => r.patient)).size).toBe(120);
    expect(rows.filter((r) => r.session === 1 && r.condition === 1).length).toBe(60);
    expect(Math.max(...rows.map((r) => r.session))).toBe(6);
    expect(rows.length).toBeGreaterThan(550);
    expect(options.judgment.force).toEqual([0.3, 0.6]);
  });

  it("keeps ratings on the instruments' 1–5 range, with some missing", () => {
    for (const r of rows) {
      for (const v of [r.alliance_patient, r.alliance_therapist, r.outcome]) {
        if (!Number.isNaN(v)) expect(v >= 1 && v <= 5).toBe(true);
      }
    }
    expect(rows.some((r) => Number.isNaN(r.outcome))).toBe(true);
  });

  it("has therapists under-rating and the patient alliance growing", () => {
    const mean = (f: (r: (typeof rows)[number]) => number, s: number) => {
      const v = rows
        .filter((r) => r.session === s)
        .map(f)
        .filter((x) => !Number.isNaN(x));
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    expect(mean((r) => r.alliance_therapist - r.alliance_patient, 1)).toBeLessThan(0);
    expect(mean((r) => r.alliance_patient, 6)).toBeGreaterThan(mean((r) => r.alliance_patient, 1));
  });

  it("writes CSV with NA for missing values", () => {
    const csv = prnToCsv(rows.slice(0, 3), "wellbeing");
    expect(csv.split("\n")[0]).toBe(
      "therapist,patient,condition,session,alliance_patient,alliance_therapist,wellbeing",
    );
    expect(prnToCsv(rows)).toMatch(/,NA[,\n]/);
  });

  it("checks options, naming the bad value", () => {
    expect(() => resolveSimulateOptions({ therapists: 0 })).toThrow(
      /therapists must be a positive integer, got 0/,
    );
    expect(() => resolveSimulateOptions({ missingRate: 2 })).toThrow(
      /missingRate must be between 0 and 1, got 2/,
    );
    expect(() => resolveSimulateOptions({ outcomeName: "a b" })).toThrow(
      /outcomeName must be a plain column name/,
    );
  });
});
