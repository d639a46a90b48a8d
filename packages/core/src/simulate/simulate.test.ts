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

describe("simulatePrn ground truth", () => {
  it("records rupture onsets and deteriorating patients without changing the default network", () => {
    const a = simulatePrn({ seed: 1 });
    expect(a.truth.ruptures.length).toBeGreaterThan(10);
    expect(a.truth.ruptures.every((r) => r.session >= 2 && r.depth === 0.8)).toBe(true);
    expect(a.truth.deteriorating).toEqual([]);
    const b = simulatePrn({ seed: 1, deterioration: { rate: 0.2 } });
    expect(b.truth.deteriorating.length).toBeGreaterThan(10);
    const last = (sim: typeof b, ps: Set<string>) => {
      const v = sim.rows.filter((r) => ps.has(r.patient) && r.session === 6 && !Number.isNaN(r.outcome));
      return v.reduce((s, r) => s + r.outcome, 0) / v.length;
    };
    const det = new Set(b.truth.deteriorating);
    const others = new Set(b.rows.map((r) => r.patient).filter((p) => !det.has(p)));
    expect(last(b, det)).toBeLessThan(last(b, others) - 0.5);
  });
});

describe("designs matched to the studies", () => {
  it("spreads an exact number of patients over the therapists (uneven caseloads)", () => {
    const { rows } = simulatePrn({ therapists: 40, patients: 117, sessions: 6, seed: 2 });
    const caseload = new Map<string, Set<string>>();
    for (const r of rows) caseload.set(r.therapist, (caseload.get(r.therapist) ?? new Set()).add(r.patient));
    expect(new Set(rows.map((r) => r.patient)).size).toBe(117);
    expect(caseload.size).toBe(40);
    expect([...new Set([...caseload.values()].map((s) => s.size))].sort()).toEqual([2, 3]);
  });

  it("randomises patients within therapists with patient-level arms", () => {
    const { rows } = simulatePrn({
      therapists: 10,
      patientsPerTherapist: 4,
      seed: 2,
      patientLevelArms: true,
    });
    const arms = new Map<string, Set<number>>();
    for (const r of rows) arms.set(r.therapist, (arms.get(r.therapist) ?? new Set()).add(r.condition));
    for (const a of arms.values()) expect([...a].sort()).toEqual([0, 1]);
  });

  it("gives the within-dyad force its own value only when asked", () => {
    const base = simulatePrn({ seed: 4 }).rows;
    const same = simulatePrn({ seed: 4, judgment: { withinForce: [0.3, 0.6] } }).rows;
    const other = simulatePrn({ seed: 4, judgment: { withinForce: [0.3, 0.9] } }).rows;
    // withinForce equal to force describes the same process (equal up to rounding of the last digit)
    const diff = (a: typeof base, b: typeof base) =>
      a.reduce((m, r, i) => Math.max(m, Math.abs(r.alliance_therapist - b[i]!.alliance_therapist) || 0), 0);
    expect(diff(base, same)).toBeLessThanOrEqual(0.0011);
    expect(diff(base, other)).toBeGreaterThan(0.05);
  });
});
