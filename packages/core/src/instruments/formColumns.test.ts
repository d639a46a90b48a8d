// The form columns of the long table: every one is a score its form stores, on its form's range, with
// its direction; every scored patient outcome and process form has one; the long table and the recipes
// read them (LONG_COLUMNS, outcomeDirection).
import { describe, expect, it } from "vitest";
import { FORM_COLUMNS, formColumn } from "./formColumns.ts";
import { getInstrument } from "./registry.ts";
import { scoreResponse } from "./scoring.ts";
import { storedScores } from "./stored.ts";
import { instrumentUrl } from "./fhir/constants.ts";
import { LONG_COLUMNS, longMeasure } from "../records/longTable.ts";
import { outcomeDirection } from "../recipes/outcomeDirection.ts";

describe("FORM_COLUMNS", () => {
  it("names scores their forms store, at the form's address, highest answers scoring the range's top", () => {
    for (const c of FORM_COLUMNS) {
      const form = getInstrument(c.instrument);
      expect(c.url, c.column).toBe(instrumentUrl(form));
      expect(c.rater, c.column).toBe(form.rater);
      // Every item at its highest answer: the stored score must exist and sit at the top of the range
      // (or at 1 for an indicator, whose coded value is the highest category here).
      const answers = Object.fromEntries(
        form.items.map((it) => {
          const scale = form.answerScales[it.scale]!;
          const values =
            "options" in scale ? scale.options.map((o) => o.value) : "max" in scale ? [scale.max] : [0];
          return [it.linkId, Math.max(...values)];
        }),
      );
      const score = scoreResponse(form, answers);
      if (!score.ok) throw new Error(`${c.column}: ${JSON.stringify(score.issues)}`);
      const stored = storedScores(form, score);
      expect(Object.keys(stored), c.column).toContain(c.score);
      const top = form.items.every((it) => !it.reverse) ? c.range.max : undefined;
      if (top !== undefined) expect(stored[c.score], c.column).toBe(top);
      expect(c.range.max, c.column).toBeGreaterThan(c.range.min);
    }
  });

  it("takes each direction from the form, except a subscale that says otherwise", () => {
    expect(formColumn("phq9")).toMatchObject({ higherIsBetter: false, range: { min: 0, max: 27 } });
    expect(formColumn("gad7")).toMatchObject({ higherIsBetter: false, range: { min: 0, max: 21 } });
    expect(formColumn("who5")?.higherIsBetter).toBe(true);
    expect(formColumn("ors")?.higherIsBetter).toBe(true);
    expect(formColumn("confidence")?.higherIsBetter).toBe(true);
    expect(formColumn("experience_flow")?.higherIsBetter).toBe(true);
    expect(formColumn("experience_anxiety")?.higherIsBetter).toBe(false);
    // each rupture type's intensity: 0 when absent, else the coder's 1–5
    expect(formColumn("rupture_withdrawal_intensity")).toMatchObject({
      instrument: "rupture-coding",
      score: "withdrawal_intensity",
      higherIsBetter: false,
      range: { min: 0, max: 5 },
    });
    expect(formColumn("rupture_confrontation_intensity")?.range).toEqual({ min: 0, max: 5 });
    for (const c of FORM_COLUMNS.filter((x) => x.column !== "experience_flow"))
      expect(c.higherIsBetter, c.column).toBe(getInstrument(c.instrument).scoring.higherIsBetter);
  });

  it("are columns of the long table whose direction the recipes read", () => {
    for (const c of FORM_COLUMNS) {
      expect(LONG_COLUMNS, c.column).toContain(c.column);
      expect(longMeasure(c.column)?.higherIsBetter, c.column).toBe(c.higherIsBetter);
      expect(outcomeDirection(c.column), c.column).toBe(
        c.higherIsBetter ? "higher-is-better" : "lower-is-better",
      );
    }
    expect(new Set(LONG_COLUMNS).size).toBe(LONG_COLUMNS.length);
    // Every scored outcome form reaches the table.
    const outcomes = ["phq-9", "gad-7", "core-10", "who-5", "ors"];
    for (const id of outcomes)
      expect(
        FORM_COLUMNS.some((c) => c.instrument === id && c.score === "total"),
        id,
      ).toBe(true);
  });
});
