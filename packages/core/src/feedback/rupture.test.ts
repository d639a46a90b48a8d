import { describe, expect, it } from "vitest";
import { ruptureAlerts } from "./rupture.ts";
import { PERCENT, history } from "./testData.ts";

// threshold 10 (from PERCENT), withinSd 5, noiseZ 1, resolveWithin 5, unnoticedDrop 15
const opts = { withinSd: 5, noiseZ: 1 };

describe("rupture rule", () => {
  it("fires on a reliable fall beyond the patient's noise, and resolves on recovery", () => {
    const alerts = ruptureAlerts(history([70, 72, 71, 50, 60, 68]), PERCENT, PERCENT, opts);
    expect(alerts.map((a) => [a.kind, a.session])).toEqual([
      ["rupture", 4],
      ["rupture-resolved", 6],
    ]);
    const r = alerts[0]!;
    // running mean of 70, 72, 71 = 71; pooled SD √((4·25 + 2)/(4 + 2)) = 4.1231; limit × √(1 + 1/3)
    expect(r.why).toMatchObject({
      trigger: "reliable-fall",
      runningMean: 71,
      sessionsInMean: 3,
      dropFromPrevious: 21,
      dropFromMean: 21,
      noiseLimit: 4.76,
      therapistChange: null,
    });
    expect(r.severity).toBe("high"); // 21 ≥ 2 × 10
    expect(r.message.en).toMatch(/fell by 21\.0 points/);
    expect(r.message.fr).toMatch(/baissé de 21,0 points/);
    expect(r.suggestion.en).toMatch(/openly and non-defensively/);
    expect(r.evidence).toMatch(/Eubanks/);
    // session 5: 60 < 71 − 5, still open; session 6: 68 ≥ 66 resolves
    expect(alerts[1]?.why).toMatchObject({ ruptureSession: 4, meanBeforeRupture: 71, resolveWithin: 5 });
  });

  it("never fires at the first session, nor for constant ratings or falls below the threshold", () => {
    expect(ruptureAlerts(history([10]), PERCENT, PERCENT, opts)).toEqual([]);
    expect(ruptureAlerts(history([60, 60, 60, 60]), PERCENT, PERCENT, opts)).toEqual([]);
    expect(ruptureAlerts(history([60, 62, 61, 52]), PERCENT, PERCENT, opts)).toEqual([]); // drop 9 < 10
  });

  it("requires the fall to be beyond the patient's own noise", () => {
    // a patient who swings by 30 points: 43 is 27 below the mean of 80, 50, 80, within their noise (limit 30.0)
    const swinging = history([50, 80, 50, 80, 43]);
    expect(ruptureAlerts(swinging, PERCENT, PERCENT, { withinSd: 15, noiseZ: 1.645 })).toEqual([]);
  });

  it("skips a session without a patient rating", () => {
    const alerts = ruptureAlerts(history([70, null, 70, 55]), PERCENT, PERCENT, opts);
    expect(alerts.map((a) => [a.session, a.why.sessionsInMean, a.why.dropFromMean])).toEqual([[4, 2, 15]]);
  });

  it("fires on a fall the therapist does not see (second trigger)", () => {
    const noisy = { withinSd: 20, noiseZ: 1 }; // noise limit 20·√2 = 28.3 at k = 1: the first trigger is silent
    const unseen = ruptureAlerts(history([70, 54], [60, 60]), PERCENT, PERCENT, noisy);
    expect(unseen.map((a) => [a.why.trigger, a.why.therapistChange, a.severity])).toEqual([
      ["unnoticed-fall", 0, "high"],
    ]);
    expect(unseen[0]?.message.en).toMatch(/Your own rating stayed the same or rose/);
    expect(ruptureAlerts(history([70, 54], [60, 55]), PERCENT, PERCENT, noisy)).toEqual([]); // therapist saw it
    expect(ruptureAlerts(history([70, 54], [60, null]), PERCENT, PERCENT, noisy)).toEqual([]); // no therapist rating
  });

  it("throws when no reliable-change threshold is known", () => {
    expect(() => ruptureAlerts(history([1, 2]), { ...PERCENT, reliableChange: null }, PERCENT)).toThrow(
      /give rupture.threshold/,
    );
  });
});
