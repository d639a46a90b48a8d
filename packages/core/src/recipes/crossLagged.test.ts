import { dataFrameFromColumns } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { simulatePrn } from "../simulate/simulate.ts";
import { crossLagged } from "./crossLagged.ts";
import { preparePrnData } from "./prepare.ts";
import { resolveRoles } from "./roles.ts";

// A small network with a second process (confidence) lagged both ways with well-being.
const rows = simulatePrn({
  therapists: 12,
  patients: 40,
  sessions: 6,
  seed: 3,
  process2: { name: "confidence" },
}).rows;
const data = preparePrnData(
  dataFrameFromColumns({
    therapist: rows.map((r) => r.therapist),
    patient: rows.map((r) => r.patient),
    condition: rows.map((r) => r.condition),
    session: rows.map((r) => r.session),
    alliance_patient: rows.map((r) => r.alliance_patient),
    outcome: rows.map((r) => r.outcome),
    confidence: rows.map((r) => r.extra?.["confidence"] as number),
  }),
  resolveRoles(),
);

describe("cross-lagged recipe", () => {
  const stacked = crossLagged(data, { process2: "confidence" });
  const separate = crossLagged(data, { process2: "confidence", crossLaggedModel: "separate" });

  it("stacks both equations in one model by default, each row used once per process", () => {
    expect(stacked.models.map((m) => m.name)).toEqual(["cross_lagged"]);
    const m = stacked.models[0]!;
    const [my, mx] = separate.models;
    expect(separate.models.map((x) => x.name)).toEqual(["cross_lagged_outcome", "cross_lagged_confidence"]);
    expect(m.frame.nrow).toBe(2 * my!.frame.nrow);
    expect(m.formula).toContain("(0 + is_outcome + is_confidence | therapist:patient)");
    // The first half is the outcome's equation with its next value, the second confidence's.
    const proc = m.frame.columns.get("process")!.values;
    const next = m.frame.columns.get("next_value")!.values as Float64Array;
    const n = my!.frame.nrow;
    expect(proc[0]).toBe("outcome");
    expect(proc[n]).toBe("confidence");
    expect(next[3]).toBe(my!.frame.columns.get("outcome_next")!.values[3]);
    expect(next[n + 3]).toBe(mx!.frame.columns.get("confidence_next")!.values[3]);
  });

  it("names the same four effects in both models, each the stacked model's term of its equation", () => {
    expect(Object.keys(stacked.effects)).toEqual(Object.keys(separate.effects));
    const fit = stacked.models[0]!.fit;
    const coef = (t: string) => fit.fixef[fit.fixefNames.indexOf(t)]!.estimate;
    expect(stacked.effects["confidence → outcome (within)"]!.estimate).toBeCloseTo(
      coef("processoutcome:confidence_c"),
      12,
    );
    expect(stacked.effects["outcome → confidence (within)"]!.estimate).toBeCloseTo(
      coef("processconfidence:outcome_c"),
      12,
    );
    // Both models estimate the same autoregression of the outcome: not equal, but close on these data.
    const a = stacked.effects["outcome autoregression (within)"]!;
    const b = separate.effects["outcome autoregression (within)"]!;
    expect(Math.abs(a.estimate - b.estimate)).toBeLessThan(2 * b.se);
  });
});
