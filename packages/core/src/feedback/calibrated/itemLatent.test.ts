import { describe, expect, it } from "vitest";
import { network2Histories, simulateNetwork2, SCENARIOS } from "../../simulate2/index.ts";
import { calibrateNetwork } from "./calibrate.ts";
import {
  fitItemLatent,
  itemLatentSignal,
  itemLatentSignals,
  itemLatentStart,
  itemLatentUpdate,
  type ItemLatentModel,
  type ItemSeries,
} from "./itemLatent.ts";
import { itemLatentBar } from "./itemLatentBar.ts";
import { declaredScale } from "./replay.ts";
import { calibratedRuptureAlerts } from "./ruptureAlerts.ts";

// The second simulator's short 5-point network (4 items, a quarter top-box responders), training seed 1.
const scenario = SCENARIOS[0]!;
const net = simulateNetwork2(scenario, 1);
const dyads = network2Histories(net);
const series: ItemSeries[] = dyads.map((d) =>
  d.sessions.flatMap((s) =>
    s.items?.alliancePatient ? [[s.session, s.items.alliancePatient] as const] : [],
  ),
);
const model = fitItemLatent(series, 1, scenario.alliancePoints)!;

describe("item-level latent alliance (ordinal model of the stored answers)", () => {
  it("fits the network's form: a strong common loading, session noise well below the patients' spread", () => {
    expect(model).not.toBeNull();
    expect(model.tau).toHaveLength(scenario.patientItems);
    expect(model.loading).toBeGreaterThan(0.7);
    expect(model.loading).toBeLessThan(0.99);
    expect(model.noiseVar).toBeGreaterThan(0);
    expect(model.noiseVar).toBeLessThan(model.tau2);
  });

  it("reads a fall from the top box as a fall, and a steady top box as none", () => {
    let s = itemLatentStart(model);
    for (let n = 1; n <= 4; n++) s = itemLatentUpdate(model, s, [5, 5, 5, 5], n).state;
    const steady = itemLatentSignal(model, s, [5, 5, 5, 5], 5)!;
    const fall = itemLatentSignal(model, s, [3, 4, 3, 3], 5)!;
    expect(steady.z).toBeLessThan(0);
    expect(fall.z).toBeGreaterThan(2.5);
    expect(fall.drop).toBeGreaterThan(20);
    // Answers off the form's scale are not read.
    expect(itemLatentSignal(model, s, [6, 5, 5, 5], 5)).toBeNull();
  });

  it("the bar from the robust fit spends the budget on the network's quiet sessions; the fit on every session underspends", () => {
    const eligible = series.reduce((n, s) => n + Math.max(0, s.length - 1), 0);
    const allowed = 0.05 * eligible;
    const windows = new Set(
      net.truth.ruptures.flatMap((r) =>
        Array.from({ length: r.duration + 1 }, (_, k) => `${r.patient}:${r.session + k}`),
      ),
    );
    const quietShareAbove = (m: ItemLatentModel): number => {
      const bar = itemLatentBar(m, series, allowed, eligible);
      let quiet = 0;
      let above = 0;
      itemLatentSignals(m, series).forEach((list, i) => {
        for (const x of list) {
          if (windows.has(`${dyads[i]!.patient}:${x.session}`)) continue;
          quiet++;
          if (x.signal.z >= bar) above++;
        }
      });
      return above / quiet;
    };
    const everySession = fitItemLatent(series, 1, scenario.alliancePoints, 0)!;
    // Ruptures inflate the noise of the fit on every session; leaving out the largest falls removes that.
    expect(model.noiseVar).toBeLessThan(everySession.noiseVar);
    const robust = quietShareAbove(model);
    expect(robust).toBeGreaterThan(0.035);
    expect(robust).toBeLessThan(0.065);
    expect(quietShareAbove(everySession)).toBeLessThan(robust);
  });

  it("drives the rupture rule when the network chooses it: a fall of the answers alerts, with the item model's bar", () => {
    const scale = declaredScale("alliance_patient", 1, scenario.alliancePoints, true);
    const outcome = declaredScale("outcome", 0, scenario.outcomePoints - 1, true);
    const cal = calibrateNetwork(
      dyads,
      { patientAlliance: scale, therapistAlliance: scale, outcome },
      { ruptureStatistic: "items" },
    );
    expect(cal.rupture.itemLatent).not.toBeNull();
    const answers = [
      [4, 4, 5, 4],
      [4, 5, 5, 4],
      [5, 4, 5, 4],
      [2, 2, 3, 2],
    ];
    const history = answers.map((a, i) => ({
      session: i + 1,
      alliancePatient: a.reduce((x, y) => x + y, 0) / a.length,
      allianceTherapist: null,
      outcome: null,
      items: { alliancePatient: a },
    }));
    const alerts = calibratedRuptureAlerts(history, scale, scale, cal.rupture);
    expect(alerts.map((a) => [a.kind, a.session])).toEqual([["rupture", 4]]);
    expect(alerts[0]!.why.zThreshold).toBeCloseTo(cal.rupture.zThreshold, 2);
    // Without stored answers the same network's rule reads the form's mean (the default statistic).
    const byMean = calibrateNetwork(dyads, { patientAlliance: scale, therapistAlliance: scale, outcome });
    expect(byMean.rupture.itemLatent).toBeNull();
  });
});
