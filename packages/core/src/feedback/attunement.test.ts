import { describe, expect, it } from "vitest";
import { simulatePrn } from "../simulate/simulate.ts";
import { attunementProfiles, type AttunementRow } from "./attunement.ts";

describe("attunement profiles over time", () => {
  const sim = simulatePrn({ therapists: 20, patientsPerTherapist: 4, sessions: 8, seed: 3 });
  const pct = (v: number) => (Number.isNaN(v) ? null : ((v - 1) * 100) / 4);
  const rows: AttunementRow[] = sim.rows.map((r) => ({
    therapist: r.therapist,
    patient: r.patient,
    session: r.session,
    condition: r.condition,
    // two sessions a quarter, from January 2025
    date: `2025-${String(1 + 3 * Math.floor((r.session - 1) / 2)).padStart(2, "0")}-15`,
    alliancePatient: pct(r.alliance_patient),
    allianceTherapist: pct(r.alliance_therapist),
  }));

  it("refits on the data up to each session block, per therapist with intervals", () => {
    const p = attunementProfiles(rows, { by: "sessions", block: 4 });
    expect(p.windows.map((w) => w.label)).toEqual(["sessions 1–4", "sessions 1–8"]);
    const t = p.byTherapist.get("T001") ?? [];
    expect(t.map((x) => x.window)).toEqual(["sessions 1–4", "sessions 1–8"]);
    for (const x of t) {
      expect(x.directionalBias.lower).toBeLessThan(x.directionalBias.estimate);
      expect(x.truthForce.upper).toBeGreaterThan(x.truthForce.estimate);
      expect(x.temporalCongruence!.upper).toBeGreaterThan(x.temporalCongruence!.lower);
    }
    expect(t[1]!.sessions).toBeGreaterThan(t[0]!.sessions);
    // therapists under-rate in the simulator (bias −0.3 on 1–5 = −7.5 points)
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean([...p.byTherapist.values()].map((l) => l.at(-1)!.directionalBias.estimate))).toBeLessThan(0);
    // trained therapists (force 0.6 vs 0.3) follow their patients more closely from session to session
    const last = [...p.byTherapist.values()].map((l) => l.at(-1)!.temporalCongruence!);
    const byArm = (arm: string) => mean(last.filter((u) => u.arm === arm).map((u) => u.estimate));
    expect(byArm("1") - byArm("0")).toBeGreaterThan(0.1);
  });

  it("cuts by calendar quarter when dates are given", () => {
    const p = attunementProfiles(rows, { by: "quarter" });
    expect(p.windows.map((w) => w.label)).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
    expect(() => attunementProfiles([{ ...rows[0]!, date: "15/01/2025" }], { by: "quarter" })).toThrow(
      /not an ISO date/,
    );
  });
});
