import { describe, expect, it } from "vitest";
import { network2Csv, simulateNetwork2 } from "./network.ts";
import { SCENARIOS } from "./scenarios.ts";

describe("second simulator", () => {
  for (const sc of SCENARIOS) {
    it(`${sc.name}: ordinal item means, ruptures of 0.3–1.5 SD for 1–3 sessions, missing forms`, () => {
      const net = simulateNetwork2(sc, 3);
      const ap = net.rows.map((r) => r.alliance_patient);
      const rated = ap.filter((v): v is number => v !== null);
      // Item means of integer answers: a multiple of 1/K within 1..points.
      for (const v of rated.slice(0, 200)) {
        expect(v).toBeGreaterThanOrEqual(1);
        expect(v).toBeLessThanOrEqual(sc.alliancePoints);
        expect(Math.abs(v * sc.patientItems - Math.round(v * sc.patientItems))).toBeLessThan(1e-3);
      }
      const missing = 1 - rated.length / ap.length;
      expect(missing).toBeGreaterThan(sc.missing - 0.04);
      expect(missing).toBeLessThan(sc.missing + 0.04);
      expect(net.truth.ruptures.length).toBeGreaterThan(20);
      for (const r of net.truth.ruptures) {
        expect(r.size).toBeGreaterThanOrEqual(0.3);
        expect(r.size).toBeLessThanOrEqual(1.5);
        expect([1, 2, 3]).toContain(r.duration);
      }
      const top = rated.filter((v) => v === sc.alliancePoints).length / rated.length;
      expect(top).toBeGreaterThan(sc.topBoxShare * 0.6);
      expect(new Set(net.rows.map((r) => r.session)).size).toBe(sc.sessions);
    });
  }

  it("is deterministic for a seed and writes the feedback CSV with item columns", () => {
    const a = network2Csv(simulateNetwork2(SCENARIOS[0]!, 9));
    expect(network2Csv(simulateNetwork2(SCENARIOS[0]!, 9))).toBe(a);
    expect(network2Csv(simulateNetwork2(SCENARIOS[0]!, 10))).not.toBe(a);
    expect(a.split("\n")[0]).toMatch(
      /^therapist,patient,session,date,alliance_patient,alliance_therapist,outcome,alliance_patient_item1,/,
    );
  });
});
