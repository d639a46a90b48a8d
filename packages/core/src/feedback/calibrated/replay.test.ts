import { describe, expect, it } from "vitest";
import { simulatePrn } from "../../simulate/simulate.ts";
import { simulatedHistories } from "../evaluation.ts";
import { evaluateDyad } from "../evaluateDyad.ts";
import { calibrateNetwork, type DyadHistory } from "./calibrate.ts";
import { declaredScale, replayFeedback } from "./replay.ts";
import { replayHistories, parseDeclaredRange } from "./replayInput.ts";

const S15 = declaredScale("s", 1, 5, true);
const SCALES = { patientAlliance: S15, therapistAlliance: S15, outcome: S15 };

function dyadsOf(
  seed: number,
  sessions: number,
): { dyads: DyadHistory[]; sim: ReturnType<typeof simulatePrn> } {
  const sim = simulatePrn({ seed, sessions });
  const therapistOf = new Map(sim.rows.map((r) => [r.patient, r.therapist]));
  const dyads = [...simulatedHistories(sim)].map(([patient, sessions]) => ({
    therapist: therapistOf.get(patient) as string,
    patient,
    sessions,
  }));
  return { dyads, sim };
}

describe("network calibration and replay", () => {
  const { dyads, sim } = dyadsOf(11, 12);
  const result = replayFeedback(dyads, SCALES);

  it("calibrates from the network's data and keeps false ruptures near the budget", () => {
    expect(result.calibration.rupture.status).toBe("network");
    expect(result.calibration.notOnTrack.status).toBe("network");
    expect(result.calibration.rupture.zThreshold).toBeGreaterThan(1);
    const onsets = new Set(sim.truth.ruptures.map((o) => `${o.patient}:${o.session}`));
    const ruptures = result.alerts.filter((a) => a.kind === "rupture");
    const isFalse = (a: { patient: string; session: number }) =>
      !onsets.has(`${a.patient}:${a.session}`) && !onsets.has(`${a.patient}:${a.session - 1}`);
    const falsePer100 = (100 * ruptures.filter(isFalse).length) / sim.rows.length;
    expect(falsePer100).toBeLessThan(6);
    const flagged = sim.truth.ruptures.filter((o) =>
      ruptures.some(
        (a) => a.patient === o.patient && (a.session === o.session || a.session === o.session + 1),
      ),
    );
    expect(flagged.length / sim.truth.ruptures.length).toBeGreaterThan(0.5);
  });

  it("decides an alert at session s from that patient's sessions up to s only", () => {
    const cal = calibrateNetwork(dyads, SCALES);
    for (const d of dyads.slice(0, 40)) {
      const full = evaluateDyad(d.sessions, SCALES, cal).alerts;
      for (const a of full) {
        const cut = evaluateDyad(
          d.sessions.filter((s) => s.session <= a.session),
          SCALES,
          cal,
        ).alerts.filter((b) => b.session === a.session && b.kind === a.kind);
        expect(cut.map((b) => b.why)).toContainEqual(a.why);
      }
    }
  });

  it("is provisional for not on track before 30 patients qualify", () => {
    const small = replayFeedback(dyads.slice(0, 12), SCALES);
    expect(small.calibration.notOnTrack.status).toBe("provisional");
    expect(small.alerts.some((a) => a.kind === "not-on-track")).toBe(false);
  });

  it("reads the outcome's direction: a symptom scale reversed gives the same not-on-track alerts", () => {
    const flipped = dyads.map((d) => ({
      ...d,
      sessions: d.sessions.map((s) => ({ ...s, outcome: s.outcome === null ? null : 6 - s.outcome })),
    }));
    const lower = replayFeedback(flipped, { ...SCALES, outcome: declaredScale("o", 1, 5, false) });
    const pick = (r: typeof result) =>
      r.alerts.filter((a) => a.kind === "not-on-track").map((a) => `${a.patient}:${a.session}`);
    expect(pick(lower)).toEqual(pick(result));
    expect(pick(result).length).toBeGreaterThan(0);
  });
});

describe("replay input", () => {
  const header = ["therapist", "patient", "session", "alliance_patient", "alliance_therapist", "outcome"];
  const scales = {
    alliance_patient: { min: 1, max: 7, from: "--alliance-scale" },
    alliance_therapist: { min: 1, max: 7, from: "--therapist-alliance-scale" },
    outcome: { min: 0, max: 4, from: "--outcome-scale" },
  };

  it("reads rows in any order, empty cells as missing, items when present", () => {
    const h = [...header, "alliance_patient_item1", "alliance_patient_item2"];
    const d = replayHistories(
      h,
      [
        ["T1", "P1", "2", "", "5", "2", "", ""],
        ["T1", "P1", "1", "6.5", "6", "", "6", "7"],
      ],
      scales,
    );
    expect(d).toHaveLength(1);
    expect(d[0]?.sessions.map((s) => s.session)).toEqual([1, 2]);
    expect(d[0]?.sessions[0]?.items?.alliancePatient).toEqual([6, 7]);
    expect(d[0]?.sessions[1]?.alliancePatient).toBeNull();
  });

  it("names the row and the column of bad input", () => {
    expect(() => replayHistories(header, [["T1", "P1", "1", "8", "5", "2"]], scales)).toThrow(
      'row 1 (line 2), column "alliance_patient": 8 is outside the declared scale 1–7 (--alliance-scale)',
    );
    expect(() =>
      replayHistories(
        header,
        [
          ["T1", "P1", "1", "5", "5", "2"],
          ["T1", "P1", "x", "5", "5", "2"],
        ],
        scales,
      ),
    ).toThrow('row 2 (line 3), column "session": "x" is not a session number');
    expect(() => replayHistories(header, [["T1", "P1", "1", "5", "five", "2"]], scales)).toThrow(
      'column "alliance_therapist": "five" is not a number',
    );
    expect(() => replayHistories(header.slice(0, 5), [], scales)).toThrow('column "outcome" not found');
    expect(() => parseDeclaredRange("7-1", "--outcome-scale")).toThrow(
      "--outcome-scale: max 1 is not above min 7",
    );
  });
});
