import { describe, expect, it } from "vitest";
import { congruencePoints, congruenceTrend } from "./congruence.ts";
import { PERCENT, history } from "./testData.ts";

describe("congruence per session", () => {
  it("is therapist minus patient with direction and level", () => {
    const pts = congruencePoints(history([80, 40, 60, 75], [72, 30, 85, 75]), PERCENT, PERCENT);
    expect(pts.map((p) => p.gap)).toEqual([-8, -10, 25, 0]);
    expect(pts.map((p) => p.direction)).toEqual(["agree", "agree", "therapist-higher", "agree"]);
    expect(pts.map((p) => p.level)).toEqual(["both-high", "both-low", "between", "both-high"]);
    expect(congruencePoints(history([50], [20]), PERCENT, PERCENT)[0]?.direction).toBe("patient-higher");
  });

  it("has a null gap when either rating is missing", () => {
    const pts = congruencePoints(history([80, null], [null, 70]), PERCENT, PERCENT);
    expect(pts.map((p) => [p.gap, p.direction, p.level])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
  });

  it("uses each form's own range (1–5 patient, 0–24 therapist)", () => {
    const p = { ...PERCENT, min: 1, max: 5 };
    const t = { ...PERCENT, min: 0, max: 24 };
    expect(congruencePoints(history([4], [12]), p, t)[0]?.gap).toBe(50 - 75);
  });
});

describe("congruence trend", () => {
  it("is the least-squares slope of the gap and |gap| over the last sessions", () => {
    // gaps −20, −15, −10, −5 over sessions 2..5 (session 1 drops out of the 4-session window)
    const pts = congruencePoints(history([50, 70, 65, 60, 55], [50, 50, 50, 50, 50]), PERCENT, PERCENT);
    const t = congruenceTrend(pts);
    expect(t.sessions).toEqual([2, 3, 4, 5]);
    expect(t.gapSlope).toBeCloseTo(5, 12);
    expect(t.absGapSlope).toBeCloseTo(-5, 12);
    expect(t.label).toBe("converging");
  });

  it("is stable for constant ratings and null with fewer than two rated sessions", () => {
    expect(
      congruenceTrend(congruencePoints(history([60, 60, 60], [50, 50, 50]), PERCENT, PERCENT)).label,
    ).toBe("stable");
    expect(congruenceTrend(congruencePoints(history([60, 60], [50, null]), PERCENT, PERCENT))).toEqual({
      sessions: [1],
      gapSlope: null,
      absGapSlope: null,
      label: null,
    });
  });
});
