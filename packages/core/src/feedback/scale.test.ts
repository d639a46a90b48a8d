import { describe, expect, it } from "vitest";
import { getInstrument } from "../instruments/registry.ts";
import { feedbackScale, toBetterPercent, toPercent } from "./scale.ts";

describe("feedback scales", () => {
  it("reads range, direction and reliable change (0–100) from the instrument", () => {
    const who5 = feedbackScale(getInstrument("who-5"));
    expect(who5).toMatchObject({ min: 0, max: 25, higherIsBetter: true, reliableChange: 10 });
    const phq9 = feedbackScale(getInstrument("phq-9"));
    expect(phq9.higherIsBetter).toBe(false);
    expect(phq9.reliableChange).toBeCloseTo((6 * 100) / 27, 10); // 6 raw points of 0–27
  });

  it("has no threshold for the alliance check-in unless the network gives one", () => {
    expect(feedbackScale(getInstrument("alliance-checkin-patient")).reliableChange).toBeNull();
    expect(feedbackScale(getInstrument("alliance-checkin-patient"), { threshold: 15 }).reliableChange).toBe(
      15,
    );
  });

  it("puts scores on 0–100 and turns symptom scales so that higher is better", () => {
    const phq9 = feedbackScale(getInstrument("phq-9"));
    expect(toPercent({ min: 1, max: 5 }, 4)).toBe(75);
    expect(toPercent({ min: 1, max: 5 }, null)).toBeNull();
    expect(toBetterPercent(phq9, 27)).toBe(0);
    expect(toBetterPercent(phq9, 0)).toBe(100);
    expect(() => toPercent({ min: 1, max: 5 }, 6)).toThrow(/outside the scale range 1–5/);
  });
});
