// A form's total as a FHIR R4 Observation (category survey), written beside the QuestionnaireResponse it
// is derived from: what clinical FHIR readers look for when they want a score (e.g. LOINC 44261-6, the
// PHQ-9 total) rather than the answers. The response stays the source: attune's import ignores these.
import type { Observation } from "fhir/r4";
import type { ResponseRow } from "@attune/db";
import { scoreCodings } from "@attune/core";

export const OBSERVATION_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
/** UCUM, whose annotation `{score}` is the unit of a questionnaire score. */
const UCUM = "http://unitsofmeasure.org";

/**
 * The Observation of a stored response's total: coded with the form's LOINC code where core declares one
 * and always attune's coding, about the response's patient and session, on the session's day, derived
 * from the response. Its id is the response's with `-total`, so the same export gives the same ids.
 *
 * @example
 * totalObservation(row, 14, "2025-03-04").valueQuantity; // { value: 14, unit: "{score}", system: "http://unitsofmeasure.org", code: "{score}" }
 * totalObservation(row, 14, null).effectiveDateTime; // undefined (the session has no date)
 */
export function totalObservation(
  r: Pick<ResponseRow, "id" | "patient_id" | "session_id" | "questionnaire_url">,
  total: number,
  sessionDate: string | null,
): Observation {
  const coding = scoreCodings(r.questionnaire_url, "total");
  return {
    resourceType: "Observation",
    id: `${r.id}-total`,
    status: "final",
    category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: "survey", display: "Survey" }] }],
    code: { coding: [...coding], text: coding[coding.length - 1]!.display },
    subject: { reference: `Patient/${r.patient_id}` },
    encounter: { reference: `Encounter/${r.session_id}` },
    ...(sessionDate ? { effectiveDateTime: sessionDate } : {}),
    valueQuantity: { value: total, unit: "{score}", system: UCUM, code: "{score}" },
    derivedFrom: [{ reference: `QuestionnaireResponse/${r.id}` }],
  };
}
