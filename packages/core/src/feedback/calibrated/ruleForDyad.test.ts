// A dyad of imported scores only (no stored answers) in a network on the item rule is read with the
// form-mean statistic and its own bar — the same in `attune feedback` and the server (ruleForDyad).
import { describe, expect, it } from "vitest";
import { simulatePrn } from "../../simulate/simulate.ts";
import { simulatedHistories } from "../evaluation.ts";
import { calibrateNetwork } from "./calibrate.ts";
import type { ItemLatentModel } from "./itemLatent.ts";
import { declaredScale } from "./replay.ts";
import { calibratedRuptureAlerts, ruleForDyad } from "./ruptureAlerts.ts";

const S15 = declaredScale("s", 1, 5, true);

describe("ruleForDyad", () => {
  const sim = simulatePrn({ seed: 7, sessions: 10 });
  const histories = [...simulatedHistories(sim)];
  const therapistOf = new Map(sim.rows.map((r) => [r.patient, r.therapist]));
  const dyads = histories.map(([patient, sessions]) => ({
    therapist: therapistOf.get(patient) as string,
    patient,
    sessions,
  }));
  const mean = calibrateNetwork(dyads, {
    patientAlliance: S15,
    therapistAlliance: S15,
    outcome: S15,
  }).rupture;
  // An item rule as a server lays it over the mean calibration: the item model's bar (here one no z reaches)
  // replaces the mean's, which is kept as `meanBar`. The model itself is never read for a dyad without answers.
  const items: typeof mean = {
    ...mean,
    itemLatent: { categories: 5 } as unknown as ItemLatentModel,
    zThreshold: 99,
    probabilityBar: 1,
    meanBar: { zThreshold: mean.zThreshold, probabilityBar: mean.probabilityBar, minDrop: mean.minDrop },
  };

  it("reads a dyad without answers with the mean statistic and its own bar", () => {
    const withAlerts = dyads.find((d) => calibratedRuptureAlerts(d.sessions, S15, S15, mean).length > 0);
    expect(withAlerts).toBeDefined();
    const history = withAlerts!.sessions;
    expect(history.some((r) => r.items?.alliancePatient)).toBe(false);
    expect(ruleForDyad(items, history).itemLatent).toBeNull();
    expect(ruleForDyad(items, history).zThreshold).toBe(mean.zThreshold);
    expect(calibratedRuptureAlerts(history, S15, S15, items)).toEqual(
      calibratedRuptureAlerts(history, S15, S15, mean),
    );
  });

  it("keeps the item rule for a dyad with stored answers", () => {
    const history = dyads[0]!.sessions.map((r) => ({ ...r, items: { alliancePatient: [4, 5, 4] } }));
    expect(ruleForDyad(items, history)).toBe(items);
  });
});
