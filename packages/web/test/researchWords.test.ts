// The researcher pages' French tables cover what the pages show from core: every measure of the long
// table and every column a custom formula can use has a French label, and both languages offer the same
// recipes in the same order.
import { describe, expect, it } from "vitest";
import { CUSTOM_COLUMNS, LONG_MEASURES } from "@attune/core/records";
import { RESEARCH_EN, RESEARCH_FR, selectionText } from "../src/researcher/words.ts";
import { headlineLabel } from "../src/researcher/runWords.ts";
import { formats } from "../src/researcher/format.ts";

describe("the researcher pages' French", () => {
  it("names every measure and every custom-formula column", () => {
    for (const m of LONG_MEASURES) expect(RESEARCH_FR.measures[m.column], m.column).toBeTruthy();
    for (const c of CUSTOM_COLUMNS) expect(RESEARCH_FR.columns[c.name], c.name).toBeTruthy();
  });
  it("offers the same recipes in both languages", () => {
    expect(RESEARCH_FR.recipes.map((r) => r.id)).toEqual(RESEARCH_EN.recipes.map((r) => r.id));
  });
  it("writes core's headline labels and the selection in French", () => {
    expect(headlineLabel("truth force difference, arm 1 − 0", "fr")).toBe(
      "différence de force de vérité, bras 1 − 0",
    );
    expect(headlineLabel("directional bias, all therapists", "fr")).toBe(
      "biais directionnel, tous les thérapeutes",
    );
    expect(headlineLabel("directional bias, arm 1", "en")).toBe("directional bias, arm 1");
    const sel = {
      study: "s",
      studyName: "prn",
      from: null,
      to: null,
      arms: null,
      options: { byCondition: false, rater: "therapist" as const, detrend: true },
    };
    expect(selectionText(sel, "lagged", "fr")).toBe(
      "étude «\u00a0prn\u00a0» · toutes les séances · alliance évaluée par le thérapeute · partie intra sans tendance",
    );
  });
  it("writes numbers with a decimal comma in French and a point in English", () => {
    expect(formats("fr").num(-0.12345)).toBe("-0,1235");
    expect(formats("fr").ci(0.1, 0.25, 2)).toBe("[0,10 ; 0,25]");
    expect(formats("fr").pval(0.0004)).toBe("< 0,001");
    expect(formats("en").ci(0.1, 0.25, 2)).toBe("[0.10, 0.25]");
    expect(formats("en").num(-0.00001)).toBe("0.0000");
    expect(formats("fr").pct(0.125, 3)).toBe("12,5\u202f% (3)");
  });
});
