import { describe, expect, it } from "vitest";
import { simulatePrn } from "../simulate/simulate.ts";
import { evaluateAlerts } from "./evaluation.ts";

describe("alerts on simulated networks with known ruptures", () => {
  it("flag ≥ 80% of ruptures with ≤ 5 false alerts per 100 sessions (10 seed-study networks, seeds 1–10)", () => {
    let ruptures = 0;
    let flagged = 0;
    let falseAlerts = 0;
    let sessions = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const e = evaluateAlerts(simulatePrn({ seed, deterioration: { rate: 0.1 } }));
      ruptures += e.ruptures;
      flagged += e.rupturesFlagged;
      falseAlerts += e.falseRuptureAlerts;
      sessions += e.sessions;
      expect(e.settings.model).toBe("network");
    }
    expect(ruptures).toBeGreaterThan(300);
    expect(flagged / ruptures).toBeGreaterThanOrEqual(0.8);
    expect((100 * falseAlerts) / sessions).toBeLessThanOrEqual(5);
  });
});
