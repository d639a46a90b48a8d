export const FORM_BASE = "https://attune.dev/fhir/Questionnaire";
