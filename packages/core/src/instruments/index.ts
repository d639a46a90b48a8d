// Public API of the instrument layer: definitions, FHIR Questionnaires, scoring, reliable change, import.
export type * from "./types.ts";
export { checkAnswers, isEnabled, scaleBounds, IMPORTED_SCORE_LIMIT, type Answers } from "./answers.ts";
export { storedScores, storedScaleRange, outcomeScale, SCALE_PERCENT_OF_MAX } from "./stored.ts";
export {
  DEMO_FORMS,
  FORM_BASE,
  ALLIANCE_PATIENT,
  ALLIANCE_THERAPIST,
  WELLBEING,
  RUPTURE_OBSERVER,
} from "./definitions/demoForms.ts";
export {
  IMPORTED_SCORE_FORMS,
  IMPORTED_PATIENT,
  IMPORTED_THERAPIST,
  importedScoresUrl,
} from "./definitions/importedScores.ts";
export {
  IMPORTED_TOTALS_FORMS,
  IMPORTED_TOTAL_DECIMALS,
  importedTotalsUrl,
  isCodeColumn,
  isImportedTotals,
  totalsSourceUrl,
} from "./definitions/importedTotals.ts";
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
  catalogInstruments,
  type InstrumentSummary,
} from "./registry.ts";
export { toQuestionnaire } from "./fhir/toQuestionnaire.ts";
export { onceOnlyRefusal } from "./onceOnly.ts";
export { localizeQuestionnaire, questionnaireLanguages } from "./fhir/localize.ts";
export {
  mergeLicensedText,
  licensedTextTemplate,
  type LicensedTextFile,
  type MergeOutcome,
} from "./fhir/licensedText.ts";
export {
  answersFromResponse,
  responseFromAnswers,
  declaredRanges,
  type AnswersOutcome,
  type DeclaredRanges,
} from "./fhir/responses.ts";
export { ATTUNE_CANONICAL, EXT as ATTUNE_EXTENSIONS, instrumentUrl } from "./fhir/constants.ts";
export { scoreCodings, SCORE_CODE_SYSTEM, LOINC_SYSTEM, type ScoreCoding } from "./fhir/scoreCodes.ts";
export type { Questionnaire, QuestionnaireResponse } from "./fhir/types.ts";
