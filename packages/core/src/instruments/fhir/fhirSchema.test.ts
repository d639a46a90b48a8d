import { describe, expect, it } from "vitest";
import { fhirSchemaErrors } from "./fhirSchema.testkit.ts";
import { toQuestionnaire } from "./toQuestionnaire.ts";
import { allInstruments } from "../registry.ts";

describe("FHIR R4 schema", () => {
  it("rejects a malformed Questionnaire (the validator is live)", () => {
    const bad = { resourceType: "Questionnaire", status: "nonsense", item: [{ linkId: 3, type: "choice" }] };
    expect(fhirSchemaErrors(bad).length).toBeGreaterThan(0);
    const unknownField = { ...toQuestionnaire(allInstruments()[0]!), colour: "blue" };
    expect(fhirSchemaErrors(unknownField).join("\n")).toContain("colour");
  });

  it.each(allInstruments().map((i) => [i.id, i] as const))(
    "%s validates as a FHIR R4 Questionnaire",
    (_id, instrument) => {
      expect(fhirSchemaErrors(toQuestionnaire(instrument))).toEqual([]);
    },
  );
});
