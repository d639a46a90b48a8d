import { describe, expect, it } from "vitest";
import { getInstrument } from "./registry.ts";
import { jacobsonTruaxThreshold, reliableChange } from "./reliableChange.ts";

describe("jacobsonTruaxThreshold", () => {
  it("is 1.96 × SD × √(2(1 − r))", () => {
    // 1.96 × 5 × √0.32 = 9.8 × 0.5656854… = 5.5437171…
    expect(jacobsonTruaxThreshold(5, 0.84)).toBeCloseTo(5.543717, 6);
    // r = 0.5 → √1 = 1 → 1.96 × SD
    expect(jacobsonTruaxThreshold(10, 0.5)).toBeCloseTo(19.6, 12);
  });

  it("refuses impossible inputs, naming the value", () => {
    expect(() => jacobsonTruaxThreshold(0, 0.8)).toThrow("SD must be a positive number, got 0");
    expect(() => jacobsonTruaxThreshold(5, 1)).toThrow("reliability must be in [0, 1), got 1");
    expect(() => jacobsonTruaxThreshold(5, -0.1)).toThrow("reliability must be in [0, 1), got -0.1");
  });
});

describe("reliableChange", () => {
  const phq9 = getInstrument("phq-9");

  it("PHQ-9: a fall of 6 or more is reliable; crossing below 10 as well is recovery", () => {
    expect(reliableChange(phq9, 18, 9)).toMatchObject({
      change: -9,
      threshold: 6,
      reliable: true,
      category: "recovered",
    });
    expect(reliableChange(phq9, 18, 12)).toMatchObject({ change: -6, reliable: true, category: "improved" });
    expect(reliableChange(phq9, 12, 6)).toMatchObject({ change: -6, reliable: true, category: "recovered" });
    expect(reliableChange(phq9, 12, 7)).toMatchObject({ change: -5, reliable: false, category: "unchanged" });
    expect(reliableChange(phq9, 8, 14)).toMatchObject({
      change: 6,
      reliable: true,
      category: "deteriorated",
    });
  });

  it("GAD-7 uses 4 points and the caseness cutoff 8", () => {
    const gad7 = getInstrument("gad-7");
    expect(reliableChange(gad7, 12, 8)).toMatchObject({ change: -4, reliable: true, category: "improved" });
    expect(reliableChange(gad7, 10, 5)).toMatchObject({ reliable: true, category: "recovered" });
    expect(reliableChange(gad7, 10, 7)).toMatchObject({ reliable: false, category: "unchanged" });
  });

  it("WHO-5 works in percentage points: 10 points = 2.5 raw points", () => {
    const who5 = getInstrument("who-5");
    // raw 10 → 13 is 40% → 52%: +12 points, reliable; leaves the < 13 range: recovered
    expect(reliableChange(who5, 10, 13)).toMatchObject({
      metric: "percentOfMax",
      change: 12,
      category: "recovered",
    });
    // raw 10 → 12: +8 points, not reliable
    expect(reliableChange(who5, 10, 12)).toMatchObject({ change: 8, reliable: false, category: "unchanged" });
    // raw 20 → 17: −12 points, reliable deterioration
    expect(reliableChange(who5, 20, 17)).toMatchObject({ change: -12, category: "deteriorated" });
  });

  it("CORE-10 (6 points, cutoff 11) and ORS (5 points, higher is better, cutoff 25)", () => {
    expect(reliableChange(getInstrument("core-10"), 16, 10)).toMatchObject({
      reliable: true,
      category: "recovered",
    });
    expect(reliableChange(getInstrument("ors"), 20, 26)).toMatchObject({ change: 6, category: "recovered" });
    expect(reliableChange(getInstrument("ors"), 20, 24.9).category).toBe("unchanged");
  });

  it("refuses instruments without an established threshold, unless one is given", () => {
    const wai = getInstrument("wai-sr");
    expect(() => reliableChange(wai, 40, 30)).toThrow(/wai-sr has no established reliable-change threshold/);
    expect(reliableChange(wai, 40, 30, { threshold: 5 })).toMatchObject({
      scale: "total",
      change: -10,
      reliable: true,
      category: "deteriorated",
      source: "threshold given by the caller",
    });
    const checkin = getInstrument("alliance-checkin-patient");
    // 1.96 × 4 × √0.4 = 4.958…: a fall of 5 is reliable, a fall of 4 is not
    const t = jacobsonTruaxThreshold(4, 0.8);
    expect(reliableChange(checkin, 20, 15, { threshold: t }).reliable).toBe(true);
    expect(reliableChange(checkin, 20, 16, { threshold: t }).reliable).toBe(false);
  });

  it("refuses scores outside the scale's range", () => {
    expect(() => reliableChange(phq9, 28, 3)).toThrow("phq-9: pre score 28 is outside the total range 0–27");
    expect(() => reliableChange(phq9, 3, Number.NaN)).toThrow(
      "phq-9: post score NaN is outside the total range 0–27",
    );
  });
});
