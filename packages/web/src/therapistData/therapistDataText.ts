// The words of the therapist-data pages (page.ts, onceForms.ts, questionnaireForm.ts) in English and
// French: the coordinator's /therapist-data and a therapist's /my-profile. Attribute labels and category
// names are the network's own words and are shown as entered.
import type { Lang } from "../lang.ts";

const en = {
  coordinatorTitle: "Therapist data",
  therapistTitle: "My profile",
  coordinatorLead:
    "What the network records about each therapist — years of practice, orientation, prior training — for analyses that ask whether therapists' characteristics change how alliance grows or predicts outcome.",
  therapistLead:
    "What the network records about you as a therapist. Researchers see it only beside your code, never your name.",
  notSaved: "Not saved.",
  noAttributes: "The network records no therapist attributes yet.",
  number: "number",
  oneOf: (levels: string) => `one of ${levels}`,
  askedOnce: "Questionnaires each therapist answers once:",
  attributesOf: (who: string) => `Attributes of ${who}`,
  save: (who: string) => `Save ${who}`,
  added: "Attribute added.",
  saved: (who: string) => `Saved ${who}.`,
  questionnaireAdded: "Questionnaire added.",
  addAttribute: "Add an attribute",
  columnHint1: "Its name is its column in the analysis table (e.g.",
  columnHint2: "), usable as a moderator.",
  columnName: "Column name",
  label: "Label",
  kind: "Kind",
  numeric: "a number",
  categorical: "one of some categories",
  levels: "Categories (comma-separated)",
  addButton: "Add attribute",
  answeredHeading: "Questionnaires you answered",
  onceHeading: "Questionnaires to answer once",
  saveAnswers: "Save my answers",
  answersSaved: "Your answers are saved.",
  answersNotSaved: "Not saved",
  askHeading: "Ask every therapist a questionnaire once",
  askHint:
    "Each therapist answers it once, at enrolment; its scores become therapist-level columns of the analysis table, usable as moderators.",
  questionnaire: "Questionnaire",
  askButton: "Ask every therapist",
};

export type TherapistDataText = typeof en;

const fr: TherapistDataText = {
  coordinatorTitle: "Données des thérapeutes",
  therapistTitle: "Mon profil",
  coordinatorLead:
    "Ce que le réseau enregistre sur chaque thérapeute — années de pratique, orientation, formation antérieure — pour les analyses qui demandent si les caractéristiques des thérapeutes changent la façon dont l'alliance progresse ou prédit l'évolution.",
  therapistLead:
    "Ce que le réseau enregistre sur vous en tant que thérapeute. Les chercheurs ne le voient qu'à côté de votre code, jamais de votre nom.",
  notSaved: "Non enregistré.",
  noAttributes: "Le réseau n'enregistre encore aucun attribut des thérapeutes.",
  number: "nombre",
  oneOf: (levels) => `parmi ${levels}`,
  askedOnce: "Questionnaires auxquels chaque thérapeute répond une fois :",
  attributesOf: (who) => `Attributs de ${who}`,
  save: (who) => `Enregistrer ${who}`,
  added: "Attribut ajouté.",
  saved: (who) => `${who} enregistré.`,
  questionnaireAdded: "Questionnaire ajouté.",
  addAttribute: "Ajouter un attribut",
  columnHint1: "Son nom est sa colonne dans la table d'analyse (par ex.",
  columnHint2: "), utilisable comme modérateur.",
  columnName: "Nom de la colonne",
  label: "Libellé",
  kind: "Type",
  numeric: "un nombre",
  categorical: "une catégorie parmi plusieurs",
  levels: "Catégories (séparées par des virgules)",
  addButton: "Ajouter l'attribut",
  answeredHeading: "Questionnaires auxquels vous avez répondu",
  onceHeading: "Questionnaires à remplir une fois",
  saveAnswers: "Enregistrer mes réponses",
  answersSaved: "Vos réponses sont enregistrées.",
  answersNotSaved: "Non enregistré",
  askHeading: "Demander un questionnaire une fois à chaque thérapeute",
  askHint:
    "Chaque thérapeute y répond une fois, à l'inscription ; ses scores deviennent des colonnes de niveau thérapeute dans la table d'analyse, utilisables comme modérateurs.",
  questionnaire: "Questionnaire",
  askButton: "Demander à chaque thérapeute",
};

/**
 * The therapist-data pages' words in `lang`.
 *
 * @example
 * therapistDataText("fr").therapistTitle; // "Mon profil"
 */
export function therapistDataText(lang: Lang): TherapistDataText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const THERAPIST_DATA_EN = en;
export const THERAPIST_DATA_FR = fr;
