// Hand-computed scores for every instrument, every reverse key, the prorating edges and bad answers.
import { describe, expect, it } from "vitest";
import { getInstrument } from "./registry.ts";
import { scoreResponse, type Score, type ScoreOutcome } from "./scoring.ts";
import { storedScores } from "./stored.ts";

/** answers `<prefix>-1..n` from a list (null = unanswered). */
function seq(prefix: string, values: readonly (number | null)[]): Record<string, number | null> {
  return Object.fromEntries(values.map((v, i) => [`${prefix}-${i + 1}`, v]));
}

function scored(outcome: ScoreOutcome): Score {
  if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join("; "));
  return outcome;
}

function rejected(outcome: ScoreOutcome): string[] {
  if (outcome.ok) throw new Error("expected the response to be rejected");
  return outcome.issues.map((i) => i.message);
}

describe("PHQ-9", () => {
  const phq9 = getInstrument("phq-9");

  it("sums items 1–9 and ignores the difficulty item", () => {
    // 1+2+3+0+1+2+3+0+1 = 13
    const r = scored(scoreResponse(phq9, { ...seq("phq9", [1, 2, 3, 0, 1, 2, 3, 0, 1]), "phq9-10": 3 }));
    expect(r.total).toBe(13);
    expect(r.percentOfMax).toBeCloseTo((13 / 27) * 100, 10);
    expect(r.prorated).toBe(false);
    expect(r.reasons).toEqual([]);
    expect(r.band?.en).toBe("moderate");
    expect(r.cutoffs).toEqual([expect.objectContaining({ id: "clinical", reached: true })]);
    expect(r.riskFlags.map((f) => f.linkId)).toEqual(["phq9-9"]);
    expect(r.missing).toEqual([]);
  });

  it("reports the difficulty item as missing but still scores the total", () => {
    const r = scored(scoreResponse(phq9, seq("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0])));
    expect(r.total).toBe(0);
    expect(r.missing).toEqual(["phq9-10"]);
    expect(r.band?.en).toBe("minimal");
    expect(r.riskFlags).toEqual([]);
    expect(r.cutoffs[0]?.reached).toBe(false);
  });

  it("prorates one missing item: mean of the 8 answered × 9", () => {
    // answered 1,2,3,0,1,2,3,0 → 12 / 8 × 9 = 13.5
    const r = scored(scoreResponse(phq9, seq("phq9", [1, 2, 3, 0, 1, 2, 3, 0, null])));
    expect(r.total).toBe(13.5);
    expect(r.prorated).toBe(true);
    expect(r.missing).toEqual(["phq9-9", "phq9-10"]);
    expect(r.reasons).toEqual([
      "PHQ-9 total prorated: 1 of its 9 items missing (phq9-9); score = mean of the 8 answered items × 9",
    ]);
    expect(r.riskFlags).toEqual([]);
  });

  it("gives no total when two items are missing, and says why", () => {
    const r = scored(scoreResponse(phq9, seq("phq9", [1, null, 3, 0, null, 2, 3, 0, 1])));
    expect(r.total).toBeNull();
    expect(r.percentOfMax).toBeNull();
    expect(r.band).toBeNull();
    expect(r.prorated).toBe(false);
    expect(r.cutoffs[0]?.reached).toBeNull();
    expect(r.reasons).toEqual([
      "PHQ-9 total not scored: 2 of its 9 items missing (phq9-2, phq9-5); at most 1 may be missing",
    ]);
  });

  it("puts a prorated total between two bands in the lower band it has reached", () => {
    // 1×8 answered = 8 → 8/8 × 9 = 9 (mild); 1,1,1,1,1,1,1,2 → 9/8 × 9 = 10.125 (moderate)
    expect(scored(scoreResponse(phq9, seq("phq9", [1, 1, 1, 1, 1, 1, 1, 1, null]))).band?.en).toBe("mild");
    const r = scored(scoreResponse(phq9, seq("phq9", [1, 1, 1, 1, 1, 1, 1, 2, null])));
    expect(r.total).toBe(10.125);
    expect(r.band?.en).toBe("moderate");
  });

  it("rejects answers off the scale, naming the item and the value", () => {
    expect(rejected(scoreResponse(phq9, { "phq9-3": 4 }))).toEqual([
      'answer 4 to "phq9-3" is not one of 0, 1, 2, 3',
    ]);
    expect(rejected(scoreResponse(phq9, { "phq9-1": -1, "phq9-2": 1.5 }))).toEqual([
      'answer -1 to "phq9-1" is not one of 0, 1, 2, 3',
      'answer 1.5 to "phq9-2" is not one of 0, 1, 2, 3',
    ]);
    expect(rejected(scoreResponse(phq9, { "phq9-1": Number.NaN }))).toEqual([
      'answer to "phq9-1" must be a number, got null',
    ]);
    expect(rejected(scoreResponse(phq9, { "phq9-1": "2" as unknown as number }))).toEqual([
      'answer to "phq9-1" must be a number, got "2"',
    ]);
  });

  it("rejects unknown items", () => {
    const msgs = rejected(scoreResponse(phq9, { "phq9-11": 1 }));
    expect(msgs[0]).toMatch(/^"phq9-11" is not an item of phq-9 \(items: phq9-1, /);
  });
});

describe("GAD-7", () => {
  const gad7 = getInstrument("gad-7");

  it("sums seven items (maximum 21 = 100%)", () => {
    const r = scored(scoreResponse(gad7, seq("gad7", [3, 3, 3, 3, 3, 3, 3])));
    expect(r.total).toBe(21);
    expect(r.percentOfMax).toBe(100);
    expect(r.band?.en).toBe("severe");
    expect(r.cutoffs.map((c) => [c.id, c.reached])).toEqual([
      ["clinical", true],
      ["gad", true],
    ]);
  });

  it("separates the caseness cutoff (8) from the GAD cutoff (10)", () => {
    // 2+1+1+1+1+1+1 = 8
    const r = scored(scoreResponse(gad7, seq("gad7", [2, 1, 1, 1, 1, 1, 1])));
    expect(r.total).toBe(8);
    expect(r.band?.en).toBe("mild");
    expect(r.cutoffs.map((c) => [c.id, c.reached])).toEqual([
      ["clinical", true],
      ["gad", false],
    ]);
  });

  it("prorates one missing item and refuses two", () => {
    // 2×6 = 12 → 12 / 6 × 7 = 14
    expect(scored(scoreResponse(gad7, seq("gad7", [2, 2, 2, 2, 2, 2, null]))).total).toBe(14);
    expect(scored(scoreResponse(gad7, seq("gad7", [2, 2, 2, 2, 2, null, null]))).total).toBeNull();
  });

  it("rejects 4", () => {
    expect(rejected(scoreResponse(gad7, { "gad7-7": 4 }))).toEqual([
      'answer 4 to "gad7-7" is not one of 0, 1, 2, 3',
    ]);
  });
});

describe("WHO-5", () => {
  const who5 = getInstrument("who-5");

  it("raw score 0–25; percentOfMax is the WHO-5 percentage score (raw × 4)", () => {
    const r = scored(scoreResponse(who5, seq("who5", [5, 4, 3, 2, 1])));
    expect(r.total).toBe(15);
    expect(r.percentOfMax).toBe(60);
    expect(r.cutoffs.map((c) => [c.id, c.reached])).toEqual([
      ["clinical", false],
      ["likely-depression", false],
    ]);
  });

  it("flags poor well-being below 13 and likely depression at 7 or below", () => {
    const twelve = scored(scoreResponse(who5, seq("who5", [3, 3, 2, 2, 2])));
    expect(twelve.total).toBe(12);
    expect(twelve.percentOfMax).toBe(48);
    expect(twelve.cutoffs.map((c) => c.reached)).toEqual([true, false]);
    const thirteen = scored(scoreResponse(who5, seq("who5", [3, 3, 3, 2, 2])));
    expect(thirteen.cutoffs.map((c) => c.reached)).toEqual([false, false]);
    const seven = scored(scoreResponse(who5, seq("who5", [1, 1, 1, 2, 2])));
    expect(seven.percentOfMax).toBe(28);
    expect(seven.cutoffs.map((c) => c.reached)).toEqual([true, true]);
  });

  it("scores only complete forms", () => {
    const r = scored(scoreResponse(who5, seq("who5", [5, 5, 5, 5, null])));
    expect(r.total).toBeNull();
    expect(r.reasons).toEqual([
      "WHO-5 raw score not scored: 1 of its 5 items missing (who5-5); none may be missing",
    ]);
  });

  it("rejects 6", () => {
    expect(rejected(scoreResponse(who5, { "who5-1": 6 }))).toEqual([
      'answer 6 to "who5-1" is not one of 5, 4, 3, 2, 1, 0',
    ]);
  });
});

describe("CORE-10", () => {
  const core10 = getInstrument("core-10");

  it("reverses items 2 and 3 (4 − answer)", () => {
    // all 0: items 2 and 3 score 4 each → 8; all 4: 8 × 4 + 0 + 0 = 32
    expect(scored(scoreResponse(core10, seq("core10", Array(10).fill(0)))).total).toBe(8);
    expect(scored(scoreResponse(core10, seq("core10", Array(10).fill(4)))).total).toBe(32);
    const r = scored(scoreResponse(core10, seq("core10", [0, 1, 3, 0, 0, 0, 0, 0, 0, 0])));
    expect(r.itemScores["core10-2"]).toBe(3);
    expect(r.itemScores["core10-3"]).toBe(1);
    expect(r.total).toBe(4);
  });

  it("scores a realistic form by hand", () => {
    // answers 1,3,1,0,2,0,3,2,2,1 → item 2: 4−3 = 1, item 3: 4−1 = 3 → 1+1+3+0+2+0+3+2+2+1 = 15
    const r = scored(scoreResponse(core10, seq("core10", [1, 3, 1, 0, 2, 0, 3, 2, 2, 1])));
    expect(r.total).toBe(15);
    expect(r.percentOfMax).toBe(37.5);
    expect(r.cutoffs).toEqual([expect.objectContaining({ id: "clinical", reached: true })]);
    expect(r.riskFlags).toEqual([]);
  });

  it("prorates one missing item (after reverse keying) and refuses two", () => {
    // item 2 missing: 1 + (4−1) + 0+2+0+3+2+2+1 = 14 over 9 items → 14 / 9 × 10
    const r = scored(scoreResponse(core10, seq("core10", [1, null, 1, 0, 2, 0, 3, 2, 2, 1])));
    expect(r.total).toBeCloseTo(140 / 9, 12);
    expect(r.prorated).toBe(true);
    const two = scored(scoreResponse(core10, seq("core10", [1, null, null, 0, 2, 0, 3, 2, 2, 1])));
    expect(two.total).toBeNull();
    expect(two.reasons[0]).toContain("2 of its 10 items missing (core10-2, core10-3)");
  });

  it("flags the risk item (plans to end my life) at any frequency", () => {
    const r = scored(scoreResponse(core10, seq("core10", [0, 4, 4, 0, 0, 1, 0, 0, 0, 0])));
    expect(r.total).toBe(1);
    expect(r.riskFlags.map((f) => f.linkId)).toEqual(["core10-6"]);
  });

  it("rejects 5", () => {
    expect(rejected(scoreResponse(core10, { "core10-2": 5 }))).toEqual([
      'answer 5 to "core10-2" is not one of 0, 1, 2, 3, 4',
    ]);
  });
});

describe.each(["wai-sr", "wai-sr-t"])("%s (shell)", (id) => {
  const wai = getInstrument(id);
  // items 1..12 answered 1,2,3,4,5,1,2,3,4,5,1,2
  const answers = seq(id, [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2]);

  it("scores total and goal/task/bond subscales without any wording", () => {
    const r = scored(scoreResponse(wai, answers));
    expect(r.total).toBe(33);
    expect(r.percentOfMax).toBeCloseTo(((33 - 12) / 48) * 100, 12);
    // goal 4,6,8,11 = 4+1+3+1; task 1,2,10,12 = 1+2+5+2; bond 3,5,7,9 = 3+5+2+4
    expect(r.subscales).toEqual({ goal: 9, task: 10, bond: 14 });
    expect(r.scales.find((s) => s.id === "bond")?.percentOfMax).toBe(62.5);
  });

  it("prorates a subscale with one missing item, and the total", () => {
    const r = scored(scoreResponse(wai, { ...answers, [`${id}-3`]: null }));
    expect(r.subscales.bond).toBeCloseTo(((5 + 2 + 4) / 3) * 4, 12);
    expect(r.total).toBeCloseTo((30 / 11) * 12, 12);
    expect(r.subscales.goal).toBe(9);
    expect(r.reasons).toHaveLength(2);
  });

  it("drops a subscale with two missing items but keeps the others", () => {
    const r = scored(scoreResponse(wai, { ...answers, [`${id}-3`]: null, [`${id}-5`]: null }));
    expect(r.subscales).toEqual({ goal: 9, task: 10, bond: null });
    expect(r.total).toBeNull();
    expect(r.reasons).toEqual([
      `${wai.shortTitle} total not scored: 2 of its 12 items missing (${id}-3, ${id}-5); at most 1 may be missing`,
      `${wai.shortTitle} bond not scored: 2 of its 4 items missing (${id}-3, ${id}-5); at most 1 may be missing`,
    ]);
  });

  it("rejects 0 and 6 on the 1–5 scale", () => {
    expect(rejected(scoreResponse(wai, { [`${id}-1`]: 0, [`${id}-12`]: 6 }))).toEqual([
      `answer 0 to "${id}-1" is not one of 1, 2, 3, 4, 5`,
      `answer 6 to "${id}-12" is not one of 1, 2, 3, 4, 5`,
    ]);
  });
});

describe("SAI (shell)", () => {
  const sai = getInstrument("sai");
  it("sums six items 0–6", () => {
    const r = scored(scoreResponse(sai, seq("sai", [6, 5, 4, 3, 2, 1])));
    expect(r.total).toBe(21);
    expect(r.percentOfMax).toBeCloseTo((21 / 36) * 100, 12);
    expect(r.subscales).toEqual({});
  });
  it("prorates one missing item", () => {
    expect(scored(scoreResponse(sai, seq("sai", [6, 5, 4, 3, 2, null]))).total).toBe(24);
  });
  it("rejects 7", () => {
    expect(rejected(scoreResponse(sai, { "sai-1": 7 }))).toEqual([
      'answer 7 to "sai-1" is not one of 0, 1, 2, 3, 4, 5, 6',
    ]);
  });
});

describe("SRS and ORS (visual analogue shells)", () => {
  const srs = getInstrument("srs");
  const ors = getInstrument("ors");

  it("SRS: sums four 0–10 lines; below 36 is an alliance concern", () => {
    const low = scored(scoreResponse(srs, seq("srs", [9.5, 8.7, 9.1, 8.6])));
    expect(low.total).toBeCloseTo(35.9, 12);
    expect(low.cutoffs[0]?.reached).toBe(true);
    const ok = scored(scoreResponse(srs, seq("srs", [9.5, 9.5, 9, 9])));
    expect(ok.total).toBe(37);
    expect(ok.percentOfMax).toBe(92.5);
    expect(ok.cutoffs[0]?.reached).toBe(false);
    expect(scored(scoreResponse(srs, seq("srs", [9, 9, 9, 9]))).cutoffs[0]?.reached).toBe(false);
  });

  it("ORS: 25 or below is the clinical range", () => {
    const r = scored(scoreResponse(ors, seq("ors", [5.2, 6.1, 4, 5])));
    expect(r.total).toBeCloseTo(20.3, 12);
    expect(r.cutoffs[0]?.reached).toBe(true);
    expect(scored(scoreResponse(ors, seq("ors", [7, 7, 6, 5.1]))).cutoffs[0]?.reached).toBe(false);
  });

  it("needs all four lines", () => {
    const r = scored(scoreResponse(ors, seq("ors", [5, 5, 5, null])));
    expect(r.total).toBeNull();
    expect(r.reasons[0]).toContain("none may be missing");
  });

  it("rejects marks off the line or finer than a millimetre", () => {
    expect(rejected(scoreResponse(srs, { "srs-1": 10.5, "srs-2": -0.1, "srs-3": 9.55 }))).toEqual([
      'answer 10.5 to "srs-1" is outside 0–10',
      'answer -0.1 to "srs-2" is outside 0–10',
      'answer 9.55 to "srs-3" has more than 1 decimal place(s)',
    ]);
  });
});

describe.each(["alliance-checkin-patient", "alliance-checkin-therapist"])("%s", (id) => {
  const checkin = getInstrument(id);
  const answers = { "bond-1": 4, "bond-2": 3, "goals-1": 2, "goals-2": 4, "tasks-1": 3, "tasks-2": 1 };

  it("scores total 0–24 and bond/goals/tasks 0–8", () => {
    const r = scored(scoreResponse(checkin, answers));
    expect(r.total).toBe(17);
    expect(r.percentOfMax).toBeCloseTo((17 / 24) * 100, 12);
    expect(r.subscales).toEqual({ bond: 7, goals: 6, tasks: 4 });
    expect(r.scales.find((s) => s.id === "tasks")?.percentOfMax).toBe(50);
  });

  it("drops a two-item subscale with one item missing, prorates the total", () => {
    const r = scored(scoreResponse(checkin, { ...answers, "goals-2": null }));
    expect(r.subscales).toEqual({ bond: 7, goals: null, tasks: 4 });
    expect(r.total).toBeCloseTo((13 / 5) * 6, 12);
    expect(r.prorated).toBe(true);
  });

  it("rejects 5", () => {
    expect(rejected(scoreResponse(checkin, { "bond-1": 5 }))).toEqual([
      'answer 5 to "bond-1" is not one of 0, 1, 2, 3, 4',
    ]);
  });
});

describe("rupture coding (observer)", () => {
  const rupture = getInstrument("rupture-coding");

  it("reads type, intensity and resolution; no total", () => {
    const r = scored(
      scoreResponse(rupture, { "rupture-type": 2, "rupture-intensity": 4, "rupture-resolution": 1 }),
    );
    expect(r.total).toBeNull();
    expect(r.percentOfMax).toBeNull();
    expect(r.scales).toEqual([]);
    expect(r.indicators).toEqual({ rupture: true, withdrawal: false, confrontation: true });
    expect(r.itemScores).toEqual({
      "rupture-type": 2,
      "rupture-intensity": 4,
      "withdrawal-intensity": null,
      "confrontation-intensity": null,
      "rupture-resolution": 1,
    });
    // one type coded: the peak is that type's intensity, the other type's is 0
    expect(r.intensities).toEqual({ withdrawal_intensity: 0, confrontation_intensity: 4 });
    expect(storedScores(rupture, r)).toEqual({
      rupture: 1,
      withdrawal: 0,
      confrontation: 1,
      withdrawal_intensity: 0,
      confrontation_intensity: 4,
    });
  });

  it("asks each type's intensity when both occurred, and stores each", () => {
    const answers = {
      "rupture-type": 3,
      "rupture-intensity": 4,
      "withdrawal-intensity": 2,
      "confrontation-intensity": 4,
    };
    const r = scored(scoreResponse(rupture, answers));
    expect(r.intensities).toEqual({ withdrawal_intensity: 2, confrontation_intensity: 4 });
    expect(r.missing).toEqual(["rupture-resolution"]);
    const oneType = { "rupture-type": 1, "rupture-intensity": 3, "withdrawal-intensity": 3 };
    expect(rejected(scoreResponse(rupture, oneType))).toEqual([
      '"withdrawal-intensity" was answered (3) but is only asked when "rupture-type" is answered and is 3',
    ]);
  });

  it("refuses a coding of both types whose peak is not the larger type's intensity, naming the values", () => {
    const low = {
      "rupture-type": 3,
      "rupture-intensity": 3,
      "withdrawal-intensity": 2,
      "confrontation-intensity": 4,
    };
    expect(rejected(scoreResponse(rupture, low))).toEqual([
      'the peak "rupture-intensity" (3) must be the largest of "withdrawal-intensity" (2) and "confrontation-intensity" (4): make the peak 4',
    ]);
    const high = {
      "rupture-type": 3,
      "rupture-intensity": 5,
      "withdrawal-intensity": 2,
      "confrontation-intensity": 4,
    };
    expect(rejected(scoreResponse(rupture, high))).toEqual([
      'the peak "rupture-intensity" (5) must be the largest of "withdrawal-intensity" (2) and "confrontation-intensity" (4): make the peak 4 or raise one of them to 5',
    ]);
    // Equal intensities with the peak at both, and an old coding without per-type intensities, pass.
    const equal = {
      "rupture-type": 3,
      "rupture-intensity": 3,
      "withdrawal-intensity": 3,
      "confrontation-intensity": 3,
    };
    expect(scoreResponse(rupture, equal).ok).toBe(true);
    expect(
      scoreResponse(rupture, { "rupture-type": 3, "rupture-intensity": 4, "withdrawal-intensity": 1 }).ok,
    ).toBe(true);
  });

  it("keeps codings made before per-type intensities: both types with a peak only → each unknown", () => {
    const r = scored(scoreResponse(rupture, { "rupture-type": 3, "rupture-intensity": 4 }));
    expect(r.indicators).toEqual({ rupture: true, withdrawal: true, confrontation: true });
    expect(r.intensities).toEqual({ withdrawal_intensity: null, confrontation_intensity: null });
    expect(storedScores(rupture, r)).toEqual({ rupture: 1, withdrawal: 1, confrontation: 1 });
    const none = scored(scoreResponse(rupture, { "rupture-type": 0 }));
    expect(none.intensities).toEqual({ withdrawal_intensity: 0, confrontation_intensity: 0 });
    expect(scored(scoreResponse(rupture, {})).intensities).toEqual({
      withdrawal_intensity: null,
      confrontation_intensity: null,
    });
  });

  it("codes both types at once", () => {
    const r = scored(
      scoreResponse(rupture, { "rupture-type": 3, "rupture-intensity": 1, "rupture-resolution": 3 }),
    );
    expect(r.indicators).toEqual({ rupture: true, withdrawal: true, confrontation: true });
  });

  it("does not ask intensity or resolution when there is no rupture", () => {
    const r = scored(scoreResponse(rupture, { "rupture-type": 0 }));
    expect(r.missing).toEqual([]);
    expect(r.indicators).toEqual({ rupture: false, withdrawal: false, confrontation: false });
    expect(rejected(scoreResponse(rupture, { "rupture-type": 0, "rupture-intensity": 3 }))).toEqual([
      '"rupture-intensity" was answered (3) but is only asked when "rupture-type" is answered and not 0',
    ]);
  });

  it("lists intensity and resolution as missing when a rupture is coded without them", () => {
    const r = scored(scoreResponse(rupture, { "rupture-type": 1 }));
    expect(r.missing).toEqual(["rupture-intensity", "rupture-resolution"]);
    expect(r.intensities).toEqual({ withdrawal_intensity: null, confrontation_intensity: 0 });
  });

  it("leaves indicators unknown when nothing is coded", () => {
    const r = scored(scoreResponse(rupture, {}));
    expect(r.indicators).toEqual({ rupture: null, withdrawal: null, confrontation: null });
    expect(r.missing).toEqual(["rupture-type"]);
  });

  it("rejects an unknown type code and an intensity of 0", () => {
    expect(rejected(scoreResponse(rupture, { "rupture-type": 4 }))).toEqual([
      'answer 4 to "rupture-type" is not one of 0, 1, 2, 3',
    ]);
    expect(rejected(scoreResponse(rupture, { "rupture-type": 1, "rupture-intensity": 0 }))).toEqual([
      'answer 0 to "rupture-intensity" is not one of 1, 2, 3, 4, 5',
    ]);
  });
});

describe("therapist in-session experiences", () => {
  const tx = getInstrument("therapist-experiences");

  it("scores flow, anxiety and negative reactions separately, with prorating per subscale", () => {
    const r = scored(
      scoreResponse(tx, {
        "flow-1": 4,
        "flow-2": 3,
        "flow-3": 4,
        "anxiety-1": 0,
        "anxiety-2": 1,
        "anxiety-3": null,
        "negative-1": null,
        "negative-2": null,
        "negative-3": 1,
      }),
    );
    expect(r.total).toBeNull();
    expect(r.subscales).toEqual({ flow: 11, anxiety: 1.5, negative: null });
    expect(r.reasons).toEqual([
      "Therapist experiences anxiety prorated: 1 of its 3 items missing (anxiety-3); score = mean of the 2 answered items × 3",
      "Therapist experiences negative reactions not scored: 2 of its 3 items missing (negative-1, negative-2); at most 1 may be missing",
    ]);
  });
});

describe("confidence in therapist and treatment", () => {
  const conf = getInstrument("treatment-confidence");
  const all = (t1: number | null, t2: number | null, r1: number | null, r2: number | null) => ({
    "confidence-therapist-1": t1,
    "confidence-therapist-2": t2,
    "confidence-treatment-1": r1,
    "confidence-treatment-2": r2,
  });

  it("sums the four items and the two 2-item subscales, on the 0–100 metric", () => {
    // therapist 4 + 3 = 7; treatment 2 + 1 = 3; total 10 of 0..16 → 62.5 %
    const r = scored(scoreResponse(conf, all(4, 3, 2, 1)));
    expect(r.total).toBe(10);
    expect(r.percentOfMax).toBe(62.5);
    expect(r.subscales).toEqual({ therapist: 7, treatment: 3 });
    expect(r.scales.map((s) => [s.id, s.percentOfMax])).toEqual([
      ["total", 62.5],
      ["therapist", 87.5],
      ["treatment", 37.5],
    ]);
    expect(r.prorated).toBe(false);
    expect(r.cutoffs).toEqual([]);
  });

  it("prorates the total over one missing item but drops that item's subscale", () => {
    // mean(4, 3, 2) = 3, × 4 items = 12 → 75 %
    const r = scored(scoreResponse(conf, all(4, 3, 2, null)));
    expect(r.total).toBe(12);
    expect(r.percentOfMax).toBe(75);
    expect(r.subscales).toEqual({ therapist: 7, treatment: null });
    expect(r.prorated).toBe(true);
    expect(r.missing).toEqual(["confidence-treatment-2"]);
  });

  it("leaves the total unscored with two items missing, and refuses values off the scale", () => {
    const r = scored(scoreResponse(conf, all(0, 0, null, null)));
    expect(r.total).toBeNull();
    expect(r.subscales).toEqual({ therapist: 0, treatment: null });
    expect(rejected(scoreResponse(conf, all(5, 0, 0, 0)))).toEqual([
      'answer 5 to "confidence-therapist-1" is not one of 0, 1, 2, 3, 4',
    ]);
  });
});
