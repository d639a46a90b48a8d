/// <reference types="fhir" />
// FHIR R4 types used by the instrument layer (from @types/fhir, a devDependency: types only, no runtime code).

export type Questionnaire = fhir4.Questionnaire;
export type QuestionnaireItem = fhir4.QuestionnaireItem;
export type QuestionnaireItemAnswerOption = fhir4.QuestionnaireItemAnswerOption;
export type QuestionnaireResponse = fhir4.QuestionnaireResponse;
export type QuestionnaireResponseItem = fhir4.QuestionnaireResponseItem;
export type Extension = fhir4.Extension;
export type Element = fhir4.Element;
