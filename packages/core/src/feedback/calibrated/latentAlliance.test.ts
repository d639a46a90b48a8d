import { describe, expect, it } from "vitest";
import { network2Histories, simulateNetwork2, SCENARIOS } from "../../simulate2/index.ts";
import { mulberry } from "../../simulate2/random.ts";
import type { SessionRecord } from "../types.ts";
import { calibrateNetwork, type DyadHistory } from "./calibrate.ts";
import {
  budgetBar,
  fitLatentAlliance,
  growthBetween,
  latentSignal,
  latentSignals,
  latentStart,
  latentUpdate,
} from "./latentAlliance.ts";
import { declaredScale } from "./replay.ts";
import { calibratedRuptureAlerts } from "./ruptureAlerts.ts";

const pct = declaredScale("p", 0, 100, true);

/** A deterministic wobble of ±sd around a level (no random source needed). */
const wobble = (i: number, sd: number): number => sd * Math.sin(i * 2.3) * 1.3;

/** A network of 60 patients with middle-of-the-scale alliance and noise SD ≈ 6, no ruptures. */
function quietNetwork(): DyadHistory[] {
  return Array.from({ length: 60 }, (_, p) => ({
    therapist: `T${p % 6}`,
    patient: `P${p}`,
    sessions: Array.from({ length: 8 }, (_, s) => ({
      session: s + 1,
      alliancePatient: Math.round(55 + (p % 7) * 4 + wobble(p * 8 + s, 6)),
      allianceTherapist: 60,
      outcome: 50,
    })),
  }));
}

const session = (n: number, patient: number | null): SessionRecord => ({
  session: n,
  alliancePatient: patient,
  allianceTherapist: 70,
  outcome: 50,
});

describe("latent alliance model", () => {
  it("fits the network's noise from successive differences and the prior level from first scores", () => {
    const series = quietNetwork().map((d) => d.sessions.map((s) => s.alliancePatient));
    const m = fitLatentAlliance(series, 0.5);
    // The wobble has SD ≈ 5.5 per session and alternates (successive values anti-correlated, so
    // differences read it a little larger); successive differences do not see the spread between patients.
    expect(Math.sqrt(m.noiseVar)).toBeGreaterThan(4);
    expect(Math.sqrt(m.noiseVar)).toBeLessThan(10);
    expect(m.mean0).toBeGreaterThan(60);
    expect(m.mean0).toBeLessThan(72);
  });

  it("a score at the ceiling moves the level up more than a score just below it (censoring)", () => {
    const m = fitLatentAlliance([], 2);
    const start = { ...latentStart(m), mean: 95, variance: 25 };
    const atTop = latentUpdate(m, start, 100, 2);
    const below = latentUpdate(m, start, 97, 2);
    expect(atTop.mean).toBeGreaterThan(below.mean);
    // "At least 98" leaves the level less certain than an exact score would.
    expect(atTop.variance).toBeGreaterThan(below.variance);
  });

  it("flags a rupture in synthetic data and not the patient's ordinary noise", () => {
    const cal = calibrateNetwork(quietNetwork(), {
      patientAlliance: pct,
      therapistAlliance: pct,
      outcome: pct,
    });
    expect(cal.rupture.status).toBe("network");
    const history = [72, 75, 70, 74, 71, 45, 50, 73].map((y, i) => session(i + 1, y));
    const alerts = calibratedRuptureAlerts(history, pct, pct, cal.rupture);
    const ruptures = alerts.filter((a) => a.kind === "rupture");
    expect(ruptures.map((a) => a.session)).toEqual([6]);
    expect(Number(ruptures[0]?.why.z)).toBeGreaterThanOrEqual(cal.rupture.zThreshold);
    expect(alerts.some((a) => a.kind === "rupture-resolved" && a.session === 8)).toBe(true);
    // The same patient without the fall: nothing.
    const steady = [72, 75, 70, 74, 71, 69, 73, 72].map((y, i) => session(i + 1, y));
    expect(calibratedRuptureAlerts(steady, pct, pct, cal.rupture)).toEqual([]);
  });

  it("the filter takes an open rupture's scores: a deeper fall within it alerts again", () => {
    const cal = calibrateNetwork(quietNetwork(), {
      patientAlliance: pct,
      therapistAlliance: pct,
      outcome: pct,
    });
    // A fall at 5 that does not come back, then a second fall at 7. Judged against the rupture's lowest
    // score (58) the second fall is 8 points, within the noise; against the level the filter has learned
    // from sessions 1–6 it is a fall of more than the bar.
    const history = [72, 75, 70, 74, 58, 60, 48].map((y, i) => session(i + 1, y));
    const ruptures = calibratedRuptureAlerts(history, pct, pct, cal.rupture).filter(
      (a) => a.kind === "rupture",
    );
    expect(ruptures.map((a) => [a.session, a.why.trigger])).toEqual([
      [5, "calibrated-fall"],
      [7, "further-fall"],
    ]);
    const [first, second] = ruptures;
    // The second fall's predicted level lies between the two: the rupture's scores moved the filter.
    expect(Number(second?.why.predictedLevel)).toBeLessThan(Number(first?.why.predictedLevel));
    expect(Number(second?.why.predictedLevel)).toBeGreaterThan(60);
  });

  it("a flat top-box series is not a rupture, and its level is learned to lie above the scale", () => {
    const cal = calibrateNetwork(quietNetwork(), {
      patientAlliance: pct,
      therapistAlliance: pct,
      outcome: pct,
    });
    const history = Array.from({ length: 12 }, (_, i) => session(i + 1, 100));
    expect(calibratedRuptureAlerts(history, pct, pct, cal.rupture)).toEqual([]);
    let s = latentStart(cal.rupture.latent);
    for (const h of history) s = latentUpdate(cal.rupture.latent, s, h.alliancePatient as number, h.session);
    expect(s.mean).toBeGreaterThan(100);
    // Its own noise is not learned from censored scores: still the network's.
    expect(s.nd).toBe(0);
    // Another top box is never a fall, however high the level; a large fall from the top is surprising.
    expect(latentSignal(cal.rupture.latent, s, 100, 13).z).toBeLessThanOrEqual(0);
    expect(latentSignal(cal.rupture.latent, s, 60, 13).z).toBeGreaterThan(cal.rupture.zThreshold);
  });

  it("the bar is the model's one-sided quantile of the allowed false alerts per eligible session", () => {
    expect(budgetBar(50, 1000)).toBeCloseTo(1.6449, 3);
    expect(budgetBar(5, 1000)).toBeCloseTo(2.5758, 3);
    expect(budgetBar(0, 0)).toBeCloseTo(1.6449, 3);
  });

  it("calibration spends the budget on networks whose truth it never sees (second simulator)", () => {
    const scenario = SCENARIOS.find((s) => s.name === "long-7pt-symptoms")!;
    const p = scenario.alliancePoints;
    const scales = {
      patientAlliance: declaredScale("ap", 1, p, true),
      therapistAlliance: declaredScale("at", 1, p, true),
      outcome: declaredScale("o", 0, scenario.outcomePoints - 1, false),
    };
    let falseAlerts = 0;
    let nonRupture = 0;
    for (const seed of [902, 903]) {
      const net = simulateNetwork2(scenario, seed);
      const dyads = network2Histories(net);
      // As the server does: each network calibrated on its own data (its truth unused).
      const cal = calibrateNetwork(dyads, scales);
      const windows = new Map<string, Set<number>>();
      for (const r of net.truth.ruptures) {
        const w = windows.get(r.patient) ?? new Set<number>();
        for (let s = r.session; s <= r.session + r.duration; s++) w.add(s);
        windows.set(r.patient, w);
      }
      for (const d of dyads) {
        const w = windows.get(d.patient);
        nonRupture += d.sessions.filter((s) => !w?.has(s.session)).length;
        for (const a of calibratedRuptureAlerts(
          d.sessions,
          scales.patientAlliance,
          scales.therapistAlliance,
          cal.rupture,
        )) {
          if (a.kind === "rupture" && !w?.has(a.session)) falseAlerts++;
        }
      }
    }
    const per100 = (100 * falseAlerts) / nonRupture;
    // Budget 5 per 100 sessions: spent (not left far below, as a bar out of reach would), and not
    // exceeded by more than the sampling spread of two networks (≈ 0.4 per 100 over ~5000 sessions).
    expect(per100).toBeGreaterThan(4);
    expect(per100).toBeLessThanOrEqual(5.5);
    expect(latentSignals(calibrateNetwork([], scales).rupture.latent, [[80, 70]]).length).toBe(1);
  });

  it("follows the network's mean course: a patient growing as the network does raises no alert", () => {
    // 60 patients whose alliance rises 2 points a session from 40, with normal noise of SD 3.
    const rnd = mulberry(5);
    const dyads = Array.from({ length: 60 }, (_, p) => ({
      therapist: `T${p % 6}`,
      patient: `P${p}`,
      sessions: Array.from({ length: 20 }, (_, s) => ({
        session: s + 1,
        alliancePatient: Math.round(40 + (p % 5) * 2 + 2 * s + 3 * rnd.gauss()),
        allianceTherapist: 60,
        outcome: 50,
      })),
    }));
    const cal = calibrateNetwork(dyads, { patientAlliance: pct, therapistAlliance: pct, outcome: pct });
    // The course is fitted as a·t + b·ln t; over any ten sessions it rises about 20 points (the log term's
    // SE on 1140 changes of SD 4.2 is about 1 point, so within 3).
    expect(Math.abs(growthBetween(cal.rupture.latent.growth, 1, 11) - 20)).toBeLessThan(3);
    expect(Math.abs(growthBetween(cal.rupture.latent.growth, 10, 20) - 20)).toBeLessThan(3);
    // A patient who stops growing at session 10 and stays level is below the network's course by 2
    // points a session: by session 16 (12 points behind, ≥ 3 noise SDs) that reads as a fall.
    const stalled = Array.from({ length: 16 }, (_, s) => session(s + 1, 40 + 2 * Math.min(s, 9)));
    const z = (() => {
      let st = latentStart(cal.rupture.latent);
      stalled
        .slice(0, 15)
        .forEach((h) => (st = latentUpdate(cal.rupture.latent, st, h.alliancePatient as number, h.session)));
      return latentSignal(cal.rupture.latent, st, 58, 16).z;
    })();
    expect(z).toBeGreaterThan(0);
    const onCourse = Array.from({ length: 20 }, (_, s) => session(s + 1, 42 + 2 * s));
    expect(calibratedRuptureAlerts(onCourse, pct, pct, cal.rupture)).toEqual([]);
  });
});
