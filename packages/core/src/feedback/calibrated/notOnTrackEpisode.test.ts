import { describe, expect, it } from "vitest";
import { BUILT_IN_RECOVERY_MODEL, expectedBand } from "../expectedRecovery.ts";
import { PERCENT } from "../testData.ts";
import type { SessionRecord } from "../types.ts";
import { episodeBandZ, episodeNotOnTrackAlerts, type EpisodeBandRule } from "./notOnTrackEpisode.ts";

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
});
