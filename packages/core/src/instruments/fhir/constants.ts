// Canonical URLs. ATTUNE_CANONICAL is a placeholder under the reserved ".example" top-level domain until
// the project owns a domain; change it here only (stored Questionnaires keep the URL they were made with).
export const ATTUNE_CANONICAL = "https://attune.example/fhir";

/** attune's own extensions (documented in docs/instruments.md). */
export const EXT = {
  /** On Questionnaire: licence metadata (holder, code, terms, notice, textShipped). */
  licence: `${ATTUNE_CANONICAL}/StructureDefinition/instrument-licence`,
  /** On Questionnaire: valueBoolean, false for project-authored forms not psychometrically validated. */
  validated: `${ATTUNE_CANONICAL}/StructureDefinition/instrument-validated`,
  /** On Questionnaire.item: valueBoolean true when the item is reverse-keyed. */
  reverseKeyed: `${ATTUNE_CANONICAL}/StructureDefinition/reverse-keyed`,
  /** On Questionnaire.item: valueString, the answer scale id (import files give labels per scale id). */
  answerScale: `${ATTUNE_CANONICAL}/StructureDefinition/answer-scale`,
} as const;

/** Standard FHIR extensions used by attune's Questionnaires. */
export const FHIR_EXT = {
  translation: "http://hl7.org/fhir/StructureDefinition/translation",
  ordinalValue: "http://hl7.org/fhir/StructureDefinition/ordinalValue",
  minValue: "http://hl7.org/fhir/StructureDefinition/minValue",
  maxValue: "http://hl7.org/fhir/StructureDefinition/maxValue",
  maxDecimalPlaces: "http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces",
  itemControl: "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
  sliderStepValue: "http://hl7.org/fhir/StructureDefinition/questionnaire-sliderStepValue",
} as const;

/**
 * An instrument's canonical URL: its own `url`, else attune's canonical base and its id.
 *
 * @example
 * instrumentUrl(getInstrument("phq-9")); // "https://attune.example/fhir/Questionnaire/phq-9"
 */
export function instrumentUrl(instrument: { readonly id: string; readonly url?: string }): string {
  return instrument.url ?? `${ATTUNE_CANONICAL}/Questionnaire/${instrument.id}`;
}

/** The code system of an instrument's answer codes: the code is the answer's numeric value as text. */
export function answerSystem(instrumentId: string, scaleId: string): string {
  return `${ATTUNE_CANONICAL}/CodeSystem/${instrumentId}-${scaleId}`;
}
