import { describe, expect, it } from "vitest";
import { getInstrument } from "../instruments/registry.ts";
import { evaluateDyad } from "./evaluateDyad.ts";
import { BUILT_IN_RECOVERY_MODEL } from "./expectedRecovery.ts";
import { feedbackScale } from "./scale.ts";
import { history } from "./testData.ts";

describe("evaluateDyad", () => {
  const config = {
    patientAlliance: feedbackScale(getInstrument("alliance-checkin-patient"), { threshold: 12 }),
    therapistAlliance: feedbackScale(getInstrument("alliance-checkin-therapist")),
    outcome: feedbackScale(getInstrument("who-5")),
    notOnTrack: { model: BUILT_IN_RECOVERY_MODEL },
  };

  it("runs every rule on the instruments' own ranges and orders the alerts by session", () => {
    // check-in 0–24 (patient 18, 18, 18, 10 → 75, 75, 75, 41.7), therapist flat at 20 (83.3); WHO-5 0–25
    const h = history([18, 18, 18, 10, 18], [20, 20, 20, 20, 20], [12, 13, 13, 2, 12]);
    const r = evaluateDyad(h, config);
    expect(r.congruence.map((c) => Math.round(c.gap ?? NaN))).toEqual([8, 8, 8, 42, 8]);
    expect(r.alerts.map((a) => `${a.session}:${a.kind}`)).toEqual([
      "4:rupture",
      "4:not-on-track",
      "5:rupture-resolved",
    ]);
    expect(r.alerts[0]?.why.therapistChange).toBe(0);
    expect(r.alerts[0]?.severity).toBe("high");
    expect(r.trend.sessions).toEqual([2, 3, 4, 5]);
  });

  it("returns points without alerts for a first session", () => {
    const r = evaluateDyad(history([18], [20], [12]), config);
    expect(r.alerts).toEqual([]);
    expect(r.congruence).toHaveLength(1);
  });
});
