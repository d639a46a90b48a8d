// Public API of the instrument layer: definitions, FHIR Questionnaires, scoring, reliable change, import.
export type * from "./types.ts";
export { checkAnswers, isEnabled, scaleBounds, type Answers } from "./answers.ts";
export {
  scoreResponse,
  scaleRange,
  percentOfMaxFor,
  meetsCutoff,
  type Score,
  type ScoreOutcome,
  type ScoreRejected,
  type ScaleScore,
  type CutoffResult,
} from "./scoring.ts";
export {
  reliableChange,
  jacobsonTruaxThreshold,
  type ReliableChangeResult,
  type ChangeCategory,
} from "./reliableChange.ts";
export {
  listInstruments,
  allInstruments,
  findInstrument,
  getInstrument,
  type InstrumentSummary,
} from "./registry.ts";
export { toQuestionnaire } from "./fhir/toQuestionnaire.ts";
export { localizeQuestionnaire, questionnaireLanguages } from "./fhir/localize.ts";
export {
  mergeLicensedText,
  licensedTextTemplate,
  type LicensedTextFile,
  type MergeOutcome,
} from "./fhir/licensedText.ts";
export { answersFromResponse, responseFromAnswers, type AnswersOutcome } from "./fhir/responses.ts";
export { ATTUNE_CANONICAL, EXT as ATTUNE_EXTENSIONS } from "./fhir/constants.ts";
export type { Questionnaire, QuestionnaireResponse } from "./fhir/types.ts";
