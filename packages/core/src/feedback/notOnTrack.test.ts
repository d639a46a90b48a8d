import { describe, expect, it } from "vitest";
import type { ExpectedRecoveryModel } from "./expectedRecovery.ts";
import { notOnTrackAlerts } from "./notOnTrack.ts";
import { PERCENT, history } from "./testData.ts";

// No random effects and no β uncertainty: the band is mean ± z·σ, computable by hand.
const model: ExpectedRecoveryModel = {
  formula: "test",
  source: "network",
  terms: [],
  center: 50,
  beta: [50, 1, 10, 0],
  vcov: new Array<number>(16).fill(0),
  randomCov: [0, 0, 0, 0],
  sigma: 10,
  patients: 0,
  observations: 0,
  note: "",
};
// intake 40: session 2 mean 40 + 10·ln 2 = 46.931; lower (95%) 46.931 − 1.6449·10 = 30.483
const lower2 = 40 + 10 * Math.LN2 - 16.448536269514722;

describe("not-on-track rule", () => {
  it("fires below the lower bound of the expected band, once per episode", () => {
    const out = (o: (number | null)[]) =>
      notOnTrackAlerts(
        history(
          o.map(() => 50),
          undefined,
          o,
        ),
        PERCENT,
        { model },
      ).map((a) => a.session);
    expect(out([40, 30.4])).toEqual([2]);
    expect(out([40, 30.6])).toEqual([]);
    expect(out([40, 20, 20, 60, 20])).toEqual([2, 5]); // back within the band at session 4, below again at 5
    const a = notOnTrackAlerts(history([50, 50], undefined, [40, 30]), PERCENT, { model })[0]!;
    expect(a.why.lowerBound).toBeCloseTo(lower2, 2);
    expect(a.why).toMatchObject({ outcome: 30, intake: 40, model: "network", conditionalOnSessions: 0 });
    expect(a.suggestion.fr).toMatch(/supervision/);
  });

  it("turns symptom scales so that higher is better", () => {
    const symptoms = { ...PERCENT, higherIsBetter: false };
    // raw 60 → 40 better-is-higher at intake; raw 70 → 30 at session 2
    expect(notOnTrackAlerts(history([1, 1], undefined, [60, 70]), symptoms, { model }).length).toBe(1);
  });

  it("is silent without intake, without a model, or with a missing outcome", () => {
    expect(notOnTrackAlerts(history([1, 1], undefined, [null, 0]), PERCENT, { model })).toEqual([]);
    expect(notOnTrackAlerts(history([1, 1], undefined, [40, 0]), PERCENT, {})).toEqual([]);
    expect(notOnTrackAlerts(history([1, 1], undefined, [40, null]), PERCENT, { model })).toEqual([]);
  });
});

describe("not-on-track persistence", () => {
  const sessions = (o: (number | null)[], opts: object, reliableChange: number | null = null) =>
    notOnTrackAlerts(
      history(
        o.map(() => 50),
        undefined,
        o,
      ),
      { ...PERCENT, reliableChange },
      { model, ...opts },
    ).map((a) => a.session);

  it("waits for the given number of consecutive sessions below the band", () => {
    // intake 40; bounds ≈ 30.5 (s2), 34.5 (s3), 37.4 (s4): 28 is below each but less than one SD (10) below
    expect(sessions([40, 28, 28, 28], { persistence: 2 })).toEqual([3]);
    expect(sessions([40, 28, 60, 28, 28], { persistence: 2 })).toEqual([5]); // the run restarts
    expect(sessions([40, 28, null, 28], { persistence: 2 })).toEqual([4]); // a missing form does not break it
    expect(sessions([40, 28, 28, 28], { persistence: 3 })).toEqual([4]);
    expect(sessions([40, 28, 28, 28], {})).toEqual([2]);
  });

  it("fires at once when far below the band or reliably worse than at intake", () => {
    expect(sessions([40, 15], { persistence: 2 })).toEqual([2]); // 15 < 30.5 − 10
    expect(sessions([40, 15], { persistence: 2, farBelowSd: 2 })).toEqual([]);
    expect(sessions([40, 28], { persistence: 2 }, 12)).toEqual([2]); // 40 − 28 ≥ 12
    expect(sessions([40, 28], { persistence: 2 }, 13)).toEqual([]);
    const noRci = { ...PERCENT, reliableChange: null };
    const a = notOnTrackAlerts(history([50, 50, 50], undefined, [40, 28, 28]), noRci, {
      model,
      persistence: 2,
    });
    expect(a[0]!.why).toMatchObject({ sessionsBelow: 2, reliableDeterioration: false });
    const b = notOnTrackAlerts(history([50, 50], undefined, [40, 28]), PERCENT, { model, persistence: 2 });
    expect(b[0]!.why).toMatchObject({ sessionsBelow: 1, reliableDeterioration: true });
  });
});
