import { describe, expect, it } from "vitest";
import { BUILT_IN_RECOVERY_MODEL, expectedBand } from "../expectedRecovery.ts";
import { PERCENT } from "../testData.ts";
import type { SessionRecord } from "../types.ts";
import { simulatePrn } from "../../simulate/index.ts";
import { simulatedHistories } from "../evaluation.ts";
import { declaredScale } from "./replay.ts";
import { notOnTrackCalibration } from "./calibrate.ts";
import {
  bandCentreShift,
  episodeBandAt,
  episodeBandZ,
  episodeNotOnTrackAlerts,
  type EpisodeBandRule,
} from "./notOnTrackEpisode.ts";

const model = { ...BUILT_IN_RECOVERY_MODEL, source: "network" as const };
const rule: EpisodeBandRule = {
  status: "network",
  model,
  z: 1.5,
  persistence: 2,
  episodeFpr: 0.12,
  episodeLength: 10,
};
const lower = (s: number) => {
  const b = expectedBand(model, 50, s, { level: 0.9 });
  return b.mean - rule.z * b.sd;
};
/** Outcomes relative to the band's lower edge: −5 below it, +5 inside. */
function history(offsets: (number | null)[]): SessionRecord[] {
  return [50, ...offsets].map((o, i) => ({
    session: i + 1,
    date: `2026-01-${String(i + 1).padStart(2, "0")}`,
    alliancePatient: null,
    allianceTherapist: null,
    outcome: i === 0 ? 50 : o === null ? null : lower(i + 1) + (o as number),
  }));
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, k) => a + k);
const intakesOf = (n: number): number[] => Array.from({ length: n }, (_, k) => 30 + 2 * k);

describe("not on track per episode", () => {
  it("opens after two sessions below the band and clears itself, with the date, when back inside", () => {
    const alerts = episodeNotOnTrackAlerts(history([5, -5, -5, -5, 5, 5]), PERCENT, rule);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: "not-on-track",
      session: 4,
      date: "2026-01-04",
      clearedSession: 6,
    });
    expect(alerts[0]?.clearedDate).toBe("2026-01-06");
  });

  it("stays open while the patient is below the band, and a single low session does not alert", () => {
    expect(
      episodeNotOnTrackAlerts(history([5, -5, -5, -5]), PERCENT, rule)[0]?.clearedSession,
    ).toBeUndefined();
    expect(episodeNotOnTrackAlerts(history([5, -5, 5, -5, 5]), PERCENT, rule)).toHaveLength(0);
  });

  it("raises nothing while provisional", () => {
    expect(
      episodeNotOnTrackAlerts(history([-9, -9, -9]), PERCENT, { ...rule, status: "provisional" }),
    ).toEqual([]);
  });

  it("simulates from the same band expectedBand gives (population prediction)", () => {
    const fitted = { ...model, vcov: [4, 0.5, 0, 0, 0.5, 0.1, 0, 0, 0, 0, 2, 0.1, 0, 0, 0.1, 0.05] };
    const z = episodeBandZ(fitted, [50], {
      episodeLength: 2,
      persistence: 1,
      episodeFpr: 0.1,
      simulations: 20000,
    });
    // One look at session 2 of an on-model patient: below mean − z·SD for 10% of them, so z ≈ qnorm(0.9).
    expect(z).toBeGreaterThan(1.2);
    expect(z).toBeLessThan(1.37);
  });

  it("widens the band for longer episodes (more looks) and for a smaller per-episode rate", () => {
    const intakes = [30, 40, 50, 60, 70];
    const z6 = episodeBandZ(model, intakes, { episodeLength: 6, persistence: 2, episodeFpr: 0.1 });
    const z20 = episodeBandZ(model, intakes, { episodeLength: 20, persistence: 2, episodeFpr: 0.1 });
    const z20strict = episodeBandZ(model, intakes, { episodeLength: 20, persistence: 2, episodeFpr: 0.05 });
    expect(z20).toBeGreaterThan(z6);
    expect(z20strict).toBeGreaterThan(z20);
  });

  it("replays the network's episodes: missing forms and early ends mean fewer looks and a narrower band", () => {
    const o = { episodeLength: 20, persistence: 2, episodeFpr: 0.1 };
    const full = intakesOf(20).map((intake) => ({ intake, looks: range(2, 20) }));
    // Half the patients stop after 5 sessions, and every third form is missing.
    const short = full.map((e, i) => ({
      intake: e.intake,
      looks: (i % 2 ? range(2, 5) : range(2, 20)).filter((s) => s % 3 !== 0),
    }));
    const zFull = episodeBandZ(model, [], { ...o, episodes: full });
    const zShort = episodeBandZ(model, [], { ...o, episodes: short });
    // Full episodes replayed are the same as simulating every session up to episodeLength.
    expect(zFull).toBeCloseTo(episodeBandZ(model, intakesOf(20), o), 1);
    expect(zShort).toBeLessThan(zFull - 0.1);
    // An episode with a single look cannot hold a run of two: a network of them never alerts (z floor).
    expect(episodeBandZ(model, [], { ...o, episodes: [{ intake: 50, looks: [2] }] })).toBe(0.5);
  });

  it("centres the band on the network's median course, and the alert uses that centre", () => {
    // 40 patients per session sit 0.3 band SDs above the model's mean; 4 of them (10%) far below it.
    const sdAt = (t: number) => expectedBand(model, 50, t, { level: 0.9 }).sd;
    const meanAt = (t: number) => expectedBand(model, 50, t, { level: 0.9 }).mean;
    const episodes = Array.from({ length: 40 }, (_, i) => ({
      intake: 50,
      looks: range(2, i < 30 ? 6 : 8),
      scores: range(2, i < 30 ? 6 : 8).map((t) => meanAt(t) + (i < 4 ? -3 : 0.3) * sdAt(t)),
    }));
    const shift = bandCentreShift(model, episodes);
    // The mean of the standardised residuals is 0.3·0.9 − 3·0.1 ≈ 0; the median stays at 0.3.
    for (const t of range(2, 6)) expect(shift[t]).toBeCloseTo(0.3, 6);
    // Sessions 7 and 8 have 10 patients (< 30): they keep session 6's centre.
    expect(shift[8]).toBeCloseTo(0.3, 6);
    const centred: EpisodeBandRule = { ...rule, centreShift: shift };
    const b = episodeBandAt(centred, 50, 4);
    expect(b.mean).toBeCloseTo(meanAt(4) + 0.3 * sdAt(4), 6);
    expect(b.lower).toBeCloseTo(b.mean - rule.z * b.sd, 6);
    // Two sessions 0.1 SD above the model's lower edge: inside the uncentred band, below the centred one.
    const near = history([0.1 * sdAt(2), 0.1 * sdAt(3), 0.1 * sdAt(4)]);
    expect(episodeNotOnTrackAlerts(near, PERCENT, rule)).toHaveLength(0);
    const alerts = episodeNotOnTrackAlerts(near, PERCENT, centred);
    expect(alerts.map((a) => a.session)).toEqual([3]);
    expect(alerts[0]?.why.lowerBound).toBeCloseTo(episodeBandAt(centred, 50, 3).lower, 2);
    // Sessions beyond the shift's last entry take its last value.
    expect(episodeBandAt(centred, 50, 12).mean).toBeCloseTo(
      expectedBand(model, 50, 12, { level: 0.9 }).mean + 0.3 * sdAt(12),
      6,
    );
  });

  it("uses the short-treatment target when 90% of the network's episodes end by session 10", () => {
    const outcome = declaredScale("s", 1, 5, true);
    const network = (sessions: number) =>
      [...simulatedHistories(simulatePrn({ seed: 3, sessions, deterioration: { rate: 0.1 } }))].map(
        ([patient, list]) => ({ therapist: "T", patient, sessions: list }),
      );
    const short = notOnTrackCalibration(network(6), outcome);
    expect(short).toMatchObject({ status: "network", shortEpisodes: true, episodeFpr: 0.14 });
    const long = notOnTrackCalibration(network(20), outcome);
    expect(long).toMatchObject({ status: "network", shortEpisodes: false, episodeFpr: 0.12 });
    // A network setting overrides either default; a larger target gives a narrower band.
    const set = notOnTrackCalibration(network(6), outcome, { notOnTrackShortEpisodeFpr: 0.2 });
    expect(set.episodeFpr).toBe(0.2);
    expect(set.z).toBeLessThan(short.z);
    // The fitted rule carries the network's median course (a deteriorating 10% pulls the mean below it).
    expect(short.centreShift?.[6]).toBeGreaterThan(0);
  });
});
