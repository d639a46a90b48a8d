// The words of a study's set-up in English and French: the arms and schedule fields (create and edit
// forms, studyForm.ts), the edit page and the study page's set-up card with its archive question
// (studyEdit.ts), and why arms or schedule can no longer change.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

/** What fixes the arms or the schedule (lockedReason picks one). */
type Why = { episodes: number } | { randomised: true } | { allocations: number };

const en = {
  // The arms fieldset.
  armsLegend: "Arms (at least two)",
  armsHint: "The code is short and appears in the data (e.g. 0 and 1); the label says what the arm is.",
  armCode: (i: number) => `Arm ${i} code`,
  armName: (i: number) => `Arm ${i} label`,
  addArm: "Add an arm",
  removeArm: "Remove the last arm",
  // The schedule fieldset.
  scheduleLegend: "Measurement schedule",
  scheduleHint: html`Tick the forms of the study. "Sessions": <strong>all</strong> for every session, or
    numbers such as <strong>1, 4, 8</strong>. Patient forms are sent through the patient's one-time link;
    therapist forms are filled in on the therapist's patient page.`,
  /** The word for "every session" in the sessions field (the English "all" is read in both languages). */
  all: "all",
  scheduleCols: ["Form", "Who answers", "Sessions"],
  whoAnswers: (form: string) => `Who answers ${form}`,
  sessionsFor: (form: string) => `Sessions for ${form}`,
  rater: {
    patient: "the patient",
    therapist: "the therapist",
    observer: "an observer (coder)",
  } as Record<string, string>,
  // Problems found before sending.
  badCode: (i: number) => `Arm ${i}: the code must be letters or digits (. _ : - allowed), e.g. "0" or "A".`,
  noLabel: (i: number) => `Arm ${i}: give it a label, e.g. "usual care".`,
  sameCode: "Two arms have the same code; each arm needs its own.",
  badSessions: (form: string) => `${form}: write "all" or session numbers such as "1, 4, 8" (1 to 1000).`,
  noForm: "Choose at least one form for the measurement schedule.",
  // Why arms or schedule are fixed.
  why: (w: Why): string =>
    "episodes" in w
      ? `${w.episodes} patient${w.episodes === 1 ? " is" : "s are"} already enrolled`
      : "randomised" in w
        ? "therapists were already randomised"
        : `${w.allocations} therapist${w.allocations === 1 ? " is" : "s are"} already allocated to an arm`,
  locked: (what: "arms" | "schedule", why: string): string =>
    what === "arms"
      ? `The arms can no longer be changed: ${why}, and changing them would change the arms therapists and patients belong to part-way through the study. Create a new study for different arms.`
      : `The schedule can no longer be changed: ${why}, and changing it would change what is asked of them part-way through the study. Create a new study for a different schedule.`,
  // The edit page.
  editTitle: (name: string) => `Edit ${name}`,
  backTo: (name: string) => `← Study: ${name}`,
  editHeading: (name: string) => `Edit arms and schedule: ${name}`,
  editLead:
    "While a study is being set up its arms and measurement schedule can change. The arms are fixed once a therapist is allocated; the schedule once a patient is enrolled or therapists are randomised.",
  armsSaved: "The arms were saved",
  thenStopped: (stored: string) => `${stored}, then it stopped:`,
  nothingChanged: "Nothing was changed.",
  backToStudy: "Back to the study",
  saveChanges: "Save the changes",
  savedNote: "Arms and schedule saved.",
  // The set-up card.
  setupH: "Set-up",
  archivedOn: (at: string) =>
    `This study was archived on ${at}. It keeps everything it holds, but takes no new patients.`,
  scheduleCanChange: "The schedule can still change.",
  editSchedule: "Edit the schedule",
  editBoth: "Edit arms and schedule",
  notChanged: "The study's state was not changed.",
  restore: "Restore this study",
  archiveQ: (name: string): TemplateResult =>
    html`<strong>Archive "${name}"?</strong> It leaves the list of active studies and takes no new patients.
      Nothing is deleted, and it can be restored here.`,
  archiveYes: "Archive the study",
  cancel: "Cancel",
  notArchived: "The study was not archived.",
  archivable: "A study made only to try attune out can be archived.",
  archive: "Archive this study…",
  archivedNote: (name: string) => `Study ${name} archived.`,
  restoredNote: (name: string) => `Study ${name} restored.`,
};

export type SetupText = typeof en;

const fr: SetupText = {
  armsLegend: "Bras (au moins deux)",
  armsHint:
    "Le code est court et figure dans les données (par ex. 0 et 1) ; le libellé dit ce qu'est le bras.",
  armCode: (i) => `Code du bras ${i}`,
  armName: (i) => `Libellé du bras ${i}`,
  addArm: "Ajouter un bras",
  removeArm: "Retirer le dernier bras",
  scheduleLegend: "Calendrier des mesures",
  scheduleHint: html`Cochez les questionnaires de l'étude. « Séances » : <strong>toutes</strong> pour chaque
    séance, ou des numéros comme <strong>1, 4, 8</strong>. Les questionnaires du patient partent par son lien
    à usage unique ; ceux du thérapeute se remplissent sur sa page patient.`,
  all: "toutes",
  scheduleCols: ["Questionnaire", "Qui répond", "Séances"],
  whoAnswers: (form) => `Qui répond à ${form}`,
  sessionsFor: (form) => `Séances pour ${form}`,
  rater: {
    patient: "le patient",
    therapist: "le thérapeute",
    observer: "un observateur (codeur)",
  },
  badCode: (i) =>
    `Bras ${i} : le code doit être fait de lettres ou de chiffres (. _ : - permis), par ex. « 0 » ou « A ».`,
  noLabel: (i) => `Bras ${i} : donnez-lui un libellé, par ex. « soins habituels ».`,
  sameCode: "Deux bras ont le même code ; chaque bras doit avoir le sien.",
  badSessions: (form) =>
    `${form} : écrivez « toutes » ou des numéros de séance comme « 1, 4, 8 » (de 1 à 1000).`,
  noForm: "Choisissez au moins un questionnaire pour le calendrier des mesures.",
  why: (w) =>
    "episodes" in w
      ? w.episodes === 1
        ? "un patient est déjà inclus"
        : `${w.episodes} patients sont déjà inclus`
      : "randomised" in w
        ? "des thérapeutes ont déjà été répartis au hasard"
        : w.allocations === 1
          ? "un thérapeute est déjà alloué à un bras"
          : `${w.allocations} thérapeutes sont déjà alloués à un bras`,
  locked: (what, why) =>
    what === "arms"
      ? `Les bras ne peuvent plus changer : ${why}, et les changer modifierait en cours d'étude le bras auquel appartiennent thérapeutes et patients. Créez une nouvelle étude pour d'autres bras.`
      : `Le calendrier ne peut plus changer : ${why}, et le changer modifierait en cours d'étude ce qui leur est demandé. Créez une nouvelle étude pour un autre calendrier.`,
  editTitle: (name) => `Modifier ${name}`,
  backTo: (name) => `← Étude\u00a0: ${name}`,
  editHeading: (name) => `Modifier les bras et le calendrier\u00a0: ${name}`,
  editLead:
    "Tant qu'une étude est en préparation, ses bras et son calendrier des mesures peuvent changer. Les bras sont fixés dès qu'un thérapeute est alloué ; le calendrier dès qu'un patient est inclus ou que des thérapeutes sont répartis au hasard.",
  armsSaved: "Les bras ont été enregistrés",
  thenStopped: (stored) => `${stored}, puis cela s'est arrêté\u00a0:`,
  nothingChanged: "Rien n'a été modifié.",
  backToStudy: "Retour à l'étude",
  saveChanges: "Enregistrer les modifications",
  savedNote: "Bras et calendrier enregistrés.",
  setupH: "Préparation",
  archivedOn: (at) =>
    `Cette étude a été archivée le ${at}. Elle garde tout ce qu'elle contient, mais n'accepte plus de nouveaux patients.`,
  scheduleCanChange: "Le calendrier peut encore changer.",
  editSchedule: "Modifier le calendrier",
  editBoth: "Modifier les bras et le calendrier",
  notChanged: "L'état de l'étude n'a pas changé.",
  restore: "Restaurer cette étude",
  archiveQ: (name) =>
    html`<strong>Archiver « ${name} » ?</strong> Elle quitte la liste des études actives et n'accepte plus de
      nouveaux patients. Rien n'est supprimé, et elle peut être restaurée ici.`,
  archiveYes: "Archiver l'étude",
  cancel: "Annuler",
  notArchived: "L'étude n'a pas été archivée.",
  archivable: "Une étude créée seulement pour essayer attune peut être archivée.",
  archive: "Archiver cette étude…",
  archivedNote: (name) => `Étude ${name} archivée.`,
  restoredNote: (name) => `Étude ${name} restaurée.`,
};

/**
 * A study's set-up words in `lang`.
 *
 * @example
 * setupText("fr").addArm; // "Ajouter un bras"
 */
export function setupText(lang: Lang): SetupText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const SETUP_EN = en;
export const SETUP_FR = fr;
