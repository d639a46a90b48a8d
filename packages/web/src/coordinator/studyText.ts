// The words of the studies list, the create-a-study page and the study page's own cards (arms, schedule,
// allocations) in English and French. The study page's sections for set-up, randomisation, enrolment and
// coding keep their own words in their modules.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const en = {
  studies: "Studies",
  back: "← Studies",
  studiesLead: html`A study compares two or more <strong>arms</strong> (for example usual care and a training)
    and says which forms are answered at which sessions. Open a study to randomise therapists to its arms,
    enrol patients, follow which forms are missing and send reminders.`,
  create: "Create a study",
  none: (archived: boolean, setUp: TemplateResult) =>
    html`No ${archived ? "active " : ""}study yet. Set up the ${setUp} first, then create one.`,
  setUp: "sites and therapists",
  archivedH: "Archived studies",
  archivedLead: "They keep everything they hold; open one to restore it.",
  cols: { study: "Study", arms: "Arms", forms: "Forms" },
  noneScheduled: "none scheduled",
  createLead:
    "Name the study, give it at least two arms (the conditions therapists are randomised to), and choose which forms are answered at which sessions. Arms and schedule can be changed on the study's page until the first therapist is allocated or patient enrolled.",
  notCreated: "The study was not created.",
  correct: "Please correct:",
  name: "Study name",
  needsName: "The study needs a name.",
  createButton: "Create the study",
  noStudy: (id: string) => `There is no study ${id} in this network.`,
  heading: (name: string) => `Study: ${name}`,
  lead: (monitor: TemplateResult) =>
    html`Everything about this study in one place: its arms and schedule, the randomisation of therapists to
    arms, and its patients with their session links. To see which forms are missing and send reminders, open
    the ${monitor}.`,
  monitor: "completion monitor",
  armsH: "Arms",
  armCols: ["Code", "Label", "Therapists"],
  scheduleH: "Measurement schedule",
  noSchedule:
    "No forms are scheduled in this study (studies made by an import have none), so the completion monitor has nothing to count.",
  scheduleCols: ["Form", "Answered by", "When"],
  rater: {
    patient: "the patient",
    therapist: "the therapist",
    observer: "an observer (coder)",
  } as Record<string, string>,
  everySession: "every session",
  sessions: (list: string, n: number) => `session${n === 1 ? "" : "s"} ${list}`,
  allocH: "Allocations",
  allocCols: ["Therapist", "Site", "Arm", "How"],
  noSite: "no site",
  randomisedBy: (who: string, at: string) => `randomised by ${who}, ${at}`,
  byHand: "by hand or imported",
  noAlloc: "No therapist is allocated yet.",
};

export type StudyText = typeof en;

const fr: StudyText = {
  studies: "Études",
  back: "← Études",
  studiesLead: html`Une étude compare deux <strong>bras</strong> ou plus (par exemple les soins habituels et
    une formation) et indique quels questionnaires sont remplis à quelles séances. Ouvrez une étude pour
    répartir au hasard les thérapeutes entre ses bras, inclure des patients, suivre les questionnaires
    manquants et envoyer des rappels.`,
  create: "Créer une étude",
  none: (archived, setUp) =>
    html`Aucune étude${archived ? " active" : ""} pour l'instant. Configurez d'abord les ${setUp}, puis
    créez-en une.`,
  setUp: "sites et thérapeutes",
  archivedH: "Études archivées",
  archivedLead: "Elles gardent tout ce qu'elles contiennent ; ouvrez-en une pour la restaurer.",
  cols: { study: "Étude", arms: "Bras", forms: "Questionnaires" },
  noneScheduled: "aucun prévu",
  createLead:
    "Nommez l'étude, donnez-lui au moins deux bras (les conditions entre lesquelles les thérapeutes sont répartis au hasard) et choisissez quels questionnaires sont remplis à quelles séances. Les bras et le calendrier restent modifiables sur la page de l'étude jusqu'à la première allocation d'un thérapeute ou inclusion d'un patient.",
  notCreated: "L'étude n'a pas été créée.",
  correct: "Veuillez corriger :",
  name: "Nom de l'étude",
  needsName: "L'étude doit avoir un nom.",
  createButton: "Créer l'étude",
  noStudy: (id) => `Il n'y a pas d'étude ${id} dans ce réseau.`,
  heading: (name) => `Étude\u00a0: ${name}`,
  lead: (monitor) =>
    html`Tout sur cette étude au même endroit : ses bras et son calendrier, la répartition au hasard des
    thérapeutes entre les bras, et ses patients avec leurs liens de séance. Pour voir les questionnaires
    manquants et envoyer des rappels, ouvrez le ${monitor}.`,
  monitor: "suivi des questionnaires",
  armsH: "Bras",
  armCols: ["Code", "Libellé", "Thérapeutes"],
  scheduleH: "Calendrier des mesures",
  noSchedule:
    "Aucun questionnaire n'est prévu dans cette étude (les études créées par un import n'en ont pas) : le suivi des questionnaires n'a rien à compter.",
  scheduleCols: ["Questionnaire", "Rempli par", "Quand"],
  rater: {
    patient: "le patient",
    therapist: "le thérapeute",
    observer: "un observateur (codeur)",
  },
  everySession: "chaque séance",
  sessions: (list, n) => `séance${n === 1 ? "" : "s"} ${list}`,
  allocH: "Allocations",
  allocCols: ["Thérapeute", "Site", "Bras", "Comment"],
  noSite: "aucun site",
  randomisedBy: (who, at) => `tirage au sort par ${who}, ${at}`,
  byHand: "à la main ou importée",
  noAlloc: "Aucun thérapeute n'est encore alloué.",
};

/**
 * The study pages' words in `lang`.
 *
 * @example
 * studyText("fr").scheduleH; // "Calendrier des mesures"
 */
export function studyText(lang: Lang): StudyText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const STUDY_EN = en;
export const STUDY_FR = fr;
