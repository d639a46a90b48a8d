import { dataFrameFromRows } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { deterioration } from "./deterioration.ts";
import { preparePrnData } from "./prepare.ts";
import { resolveRoles } from "./roles.ts";

// 12 therapists (6 per arm) × 3 patients × 4 sessions of a symptom score (lower is better). The scores
// are made so that each flag is known: baseline SDs, then a rise of 9 points = reliable deterioration
// with --rci 8, a rise of 5 = not; patients of therapist k stop after session 2 when k is a multiple of 3.
function rows(): string[][] {
  const out: string[][] = [];
  for (let t = 0; t < 12; t++) {
    for (let p = 0; p < 3; p++) {
      const base = 10 + ((t * 3 + p) % 7);
      const rise = (t + p) % 4 === 0 ? 9 : (t + p) % 4 === 1 ? 5 : -3;
      const last = t % 3 === 0 ? 2 : 4;
      for (let s = 1; s <= last; s++) {
        const score = s === 1 ? base : base + (rise * (s - 1)) / (last - 1);
        out.push([`T${t}`, `P${t}_${p}`, String(t % 2), String(s), "4", String(score)]);
      }
    }
  }
  return out;
}

const data = preparePrnData(
  dataFrameFromRows(["therapist", "patient", "condition", "session", "alliance_patient", "outcome"], rows()),
  resolveRoles(),
  { outcomeDirection: "lower-is-better" },
);

describe("deterioration recipe: flags as defined", () => {
  it("flags a reliable rise of a symptom score, per patient and per session", () => {
    const r = deterioration(data, { rci: 8 });
    expect(r.rci).toMatchObject({ threshold: 8, reliability: null, direction: "lower-is-better" });
    const events = (m: string) => r.rates[m]!.reduce((s, a) => s + a.events, 0);
    const n = (m: string) => r.rates[m]!.reduce((s, a) => s + a.n, 0);
    // Patients with (t + p) % 4 === 0 end 9 points higher: 9 of the 36.
    expect(n("deterioration_last")).toBe(36);
    expect(events("deterioration_last")).toBe(9);
    // Per session, only the last (full rise) is beyond 8 for those with 3 later sessions (6 + 3 = 9).
    expect(events("deterioration_sessions")).toBe(9);
    // Therapists 0, 3, 6, 9 stop after session 2: their 12 patients dropped out.
    expect(r.plannedSessions).toBe(4);
    expect(events("dropout")).toBe(12);
    expect(r.rates.dropout!.map((a) => a.arm)).toEqual(["0", "1"]);
  });

  it("with a higher-is-better outcome the same rise is an improvement", () => {
    const up = preparePrnData(
      dataFrameFromRows(
        ["therapist", "patient", "condition", "session", "alliance_patient", "outcome"],
        rows(),
      ),
      resolveRoles(),
      { outcomeDirection: "higher-is-better" },
    );
    const r = deterioration(up, { rci: 8 });
    expect(r.rates.deterioration_last!.reduce((s, a) => s + a.events, 0)).toBe(0);
    expect(r.notes.some((n) => n.startsWith("deterioration_last: not fitted — no events"))).toBe(true);
  });

  it("computes the Jacobson–Truax threshold from the baseline SD and a reliability", () => {
    const r = deterioration(data, { reliability: 0.9 });
    expect(r.rci.threshold).toBeCloseTo(1.96 * r.rci.sdBaseline * Math.sqrt(0.2), 12);
    expect(() => deterioration(data, { reliability: 1 })).toThrow(/--reliability must be/);
  });
});
