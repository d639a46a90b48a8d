// The codes of a stored score in FHIR: LOINC where a form declares one (declared once, with a valid check
// digit), attune's own coding always, and an imported total named as its source form's score.
import { describe, expect, it } from "vitest";
import { importedTotalsUrl } from "../definitions/importedTotals.ts";
import { catalogInstruments, getInstrument } from "../registry.ts";
import { instrumentUrl } from "./constants.ts";
import { LOINC_SYSTEM, SCORE_CODE_SYSTEM, scoreCodings } from "./scoreCodes.ts";

/** LOINC's check digit: the Luhn (mod 10) digit of the code's number part. */
function loincCheckDigit(number: string): number {
  let sum = 0;
  [...number].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return (10 - (sum % 10)) % 10;
}

const declared = catalogInstruments().flatMap((form) =>
  [form.scoring.total, ...form.scoring.subscales].flatMap((rule) =>
    rule?.loinc ? [{ form: form.id, score: rule.id, ...rule.loinc }] : [],
  ),
);

describe("score codes", () => {
  it("PHQ-9 and GAD-7 totals carry their LOINC codes, then attune's coding", () => {
    expect(scoreCodings(instrumentUrl(getInstrument("phq-9")), "total")).toEqual([
      {
        system: LOINC_SYSTEM,
        code: "44261-6",
        display: "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
      },
      { system: SCORE_CODE_SYSTEM, code: "phq-9/total", display: "PHQ-9 total" },
    ]);
    expect(scoreCodings(instrumentUrl(getInstrument("gad-7")), "total").map((c) => c.code)).toEqual([
      "70274-6",
      "gad-7/total",
    ]);
  });

  it("an imported total is coded as its source form's total; a version suffix changes nothing", () => {
    expect(scoreCodings(importedTotalsUrl("phq-9"), "total")).toEqual(
      scoreCodings(instrumentUrl(getInstrument("phq-9")), "total"),
    );
    expect(scoreCodings(`${instrumentUrl(getInstrument("gad-7"))}|1.0.0`, "total")[0]?.code).toBe("70274-6");
  });

  it("a form without a LOINC code gets attune's coding only; a subscale is named by its id", () => {
    expect(scoreCodings(instrumentUrl(getInstrument("core-10")), "total")).toEqual([
      { system: SCORE_CODE_SYSTEM, code: "core-10/total", display: "CORE-10 clinical score" },
    ]);
    const wai = scoreCodings(instrumentUrl(getInstrument("wai-sr")), "bond");
    expect(wai.map((c) => c.code)).toEqual(["wai-sr/bond"]);
  });

  it("an unknown form is still named, by the last part of its address", () => {
    expect(scoreCodings("https://elsewhere.example/Questionnaire/x", "total")).toEqual([
      { system: SCORE_CODE_SYSTEM, code: "x/total", display: "x total" },
    ]);
  });

  it("every declared LOINC code is well formed, has a valid check digit and names one score only", () => {
    expect(declared.length).toBeGreaterThanOrEqual(2);
    for (const d of declared) {
      const m = /^(\d{1,7})-(\d)$/.exec(d.code);
      expect(m, `${d.form} ${d.score}: ${d.code}`).not.toBeNull();
      expect(loincCheckDigit(m![1]!), `${d.form} ${d.score}: ${d.code}`).toBe(Number(m![2]));
      expect(d.display.length).toBeGreaterThan(0);
    }
    expect(new Set(declared.map((d) => d.code)).size).toBe(declared.length);
  });
});
