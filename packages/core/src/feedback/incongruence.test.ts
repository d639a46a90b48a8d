import { describe, expect, it } from "vitest";
import { congruencePoints } from "./congruence.ts";
import { incongruenceAlerts } from "./incongruence.ts";
import { PERCENT, history } from "./testData.ts";

describe("incongruence rule", () => {
  it("fires once per run of same-direction gaps ≥ 25, ignoring sessions with a missing rating", () => {
    const pts = congruencePoints(
      history([50, 50, 50, 50, 50, 50, 80], [80, null, 80, 80, 60, 80, 50]),
      PERCENT,
      PERCENT,
    );
    const alerts = incongruenceAlerts(pts);
    expect(alerts.map((a) => [a.session, a.why.gap, a.why.sessionsInRun, a.severity])).toEqual([
      [3, 30, 2, "moderate"],
    ]);
    expect(alerts[0]?.message.en).toMatch(/you rate the alliance higher than the patient/);
  });

  it("does not fire on alternating directions", () => {
    const pts = congruencePoints(history([50, 80, 50], [80, 50, 80]), PERCENT, PERCENT);
    expect(incongruenceAlerts(pts)).toEqual([]);
  });
});
