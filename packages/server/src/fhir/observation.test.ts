// A form's total as an Observation: the fields a clinical FHIR reader looks for (status, survey category,
// LOINC and attune codes, patient, day, value in {score}) and the response it is derived from.
import { describe, expect, it } from "vitest";
import { getInstrument, importedTotalsUrl, instrumentUrl, SCORE_CODE_SYSTEM } from "@attune/core";
import { OBSERVATION_CATEGORY_SYSTEM, totalObservation } from "./observation.ts";

const row = (questionnaire_url: string) => ({
  id: "r1",
  patient_id: "p1",
  session_id: "s1",
  questionnaire_url,
});

describe("totalObservation", () => {
  it("writes a PHQ-9 total as a final survey Observation coded 44261-6, derived from its response", () => {
    const o = totalObservation(row(instrumentUrl(getInstrument("phq-9"))), 14, "2025-03-04");
    expect(o).toEqual({
      resourceType: "Observation",
      id: "r1-total",
      status: "final",
      category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: "survey", display: "Survey" }] }],
      code: {
        coding: [
          {
            system: "http://loinc.org",
            code: "44261-6",
            display: "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
          },
          { system: SCORE_CODE_SYSTEM, code: "phq-9/total", display: "PHQ-9 total" },
        ],
        text: "PHQ-9 total",
      },
      subject: { reference: "Patient/p1" },
      encounter: { reference: "Encounter/s1" },
      effectiveDateTime: "2025-03-04",
      valueQuantity: { value: 14, unit: "{score}", system: "http://unitsofmeasure.org", code: "{score}" },
      derivedFrom: [{ reference: "QuestionnaireResponse/r1" }],
    });
  });

  it("codes an imported total as its source form's, keeps a prorated value, and leaves out a missing day", () => {
    const o = totalObservation(row(importedTotalsUrl("gad-7")), 12.375, null);
    expect(o.code.coding?.map((c) => c.code)).toEqual(["70274-6", "gad-7/total"]);
    expect(o.valueQuantity?.value).toBe(12.375);
    expect("effectiveDateTime" in o).toBe(false);
    expect(o.derivedFrom).toEqual([{ reference: "QuestionnaireResponse/r1" }]);
  });

  it("a form without a LOINC code is coded by attune only", () => {
    const o = totalObservation(row(instrumentUrl(getInstrument("who-5"))), 60, "2025-01-01");
    expect(o.code.coding).toEqual([
      { system: SCORE_CODE_SYSTEM, code: "who-5/total", display: "WHO-5 raw score" },
    ]);
  });
});
