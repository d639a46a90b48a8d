/// <reference types="fhir" />
// FHIR resources the API answers as they are stored (GET /api/fhir/...): typed by @types/fhir (R4), as core
// and the server type them, rather than declared again (types only; nothing reaches a bundle).

/** A stored QuestionnaireResponse (GET /api/fhir/QuestionnaireResponse/{id}). */
export type QuestionnaireResponse = fhir4.QuestionnaireResponse;
/** One item of a QuestionnaireResponse, with its answers and nested items. */
export type QuestionnaireResponseItem = fhir4.QuestionnaireResponseItem;
/** One answer of an item (valueCoding, valueInteger, valueDecimal, valueBoolean, valueString, …). */
export type QuestionnaireResponseItemAnswer = fhir4.QuestionnaireResponseItemAnswer;
