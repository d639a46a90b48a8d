// The completion monitor's words (/studies/<id>/completion) in English and French: the page, its filter
// (completionFilter.ts) and the sentences about sent messages (delivery.ts).
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";
import type { Status } from "./types.ts";

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

const en = {
  title: (study: string) => `Completion — ${study}`,
  back: (study: string) => `← Study ${study}`,
  heading: (study: string) => `Completion monitor: ${study}`,
  lead: (late: string, missed: string): TemplateResult =>
    html`Which forms the measurement schedule has made due so far, and which came back. A form is
      <strong>late</strong> when it is still unanswered ${late} days after its session (worth a reminder) and
      <strong>missed</strong> after ${missed} days. Patients appear by their codes only.`,
  noSchedule:
    "This study has no measurement schedule (studies made by an import have none), so no form is ever due and there is nothing to remind anyone of.",
  totalH: "In total",
  counts: ["Due", "Done", "Declined", "Open", "Late", "Missed", "Done rate"],
  notChanged: "The thresholds were not changed.",
  lateAfter: "Late after (days)",
  missedAfter: "Missed after (days)",
  update: "Update",
  wholeDays: "Both thresholds are whole numbers of days.",
  order: "“Missed after” must be at least “late after”.",
  updated: "Completion updated.",
  remindH: "Needs a reminder",
  remindLead:
    "Lists every session whose patient forms are open or late, each with a new one-time link for exactly those forms, ready to send to the patient.",
  noList: "No reminder list was made.",
  makeList: "Make the reminder list",
  makeSend: "Make and send the reminders",
  remindTherapists: "Remind therapists of their ratings",
  noEmail: "E-mail is not configured on this server: send the links yourself.",
  made: (n: number, sent: number | null) =>
    `${n} reminder${plural(n, "", "s")} with fresh links` +
    (sent === null ? "." : `; ${sent} sent to the patients.`),
  nobody: "No patient form is open or late: nobody needs a reminder now.",
  reminders: (n: number) => `${n} reminder${plural(n, "", "s")}`,
  remindersLead:
    "Send each link to its patient. Every press of the button makes new links, shown only here: they cannot be shown again later.",
  reminderCols: ["Patient", "Therapist", "Site", "Session", "Forms", "Status", "Link (expires)"],
  linkFor: (patient: string, session: number) => `Link for ${patient}, session ${session}`,
  expires: (at: string) => `expires ${at}`,
  bySite: "By site",
  byTherapist: "By therapist",
  byPatient: "By patient",
  site: "Site",
  therapist: "Therapist",
  patient: "Patient",
  patients: "Patients",
  formsH: "Each due form",
  formsKey: (late: string, missed: string): TemplateResult =>
    html`<strong>open</strong>: due, not late yet · <strong>late</strong>: still unanswered after ${late} days
      · <strong>missed</strong>: unanswered after ${missed} days · <strong>declined</strong>: the patient
      chose not to answer it. Forms of sessions still to come are not listed.`,
  formCols: ["Patient", "Session", "Form", "Answered by", "Status"],
  rater: { patient: "patient", therapist: "therapist", observer: "observer" } as Record<string, string>,
  noForm: "No due form matches the filter.",
  forms: "Forms",
  status: {
    done: "done",
    declined: "declined by the patient",
    open: "open",
    late: "late",
    missed: "missed",
    upcoming: "upcoming",
  } as Record<Status, string>,
  noSite: "no site",
  filter: {
    heading: "Find patients and forms",
    show: "Show",
    choices: {
      all: "All due forms",
      pending: "Unanswered (open, late or missed)",
      late: "Late only",
      missed: "Missed only",
      open: "Open only",
      declined: "Declined only",
      done: "Done only",
    },
    site: "Site",
    everySite: "Every site",
    therapist: "Therapist",
    everyTherapist: "Every therapist",
    patient: "Patient code contains",
  },
  delivery: {
    notSent: "not sent: no contact details — copy it",
    sent: (channel: "email" | "sms") => `${channel === "email" ? "e-mailed" : "SMS"} (queued)`,
    noTherapist: "No therapist has an open or late rating: nobody was reminded.",
    reminded: (n: number, detail: string) =>
      `${n} therapist${plural(n, "", "s")} reminded by e-mail${detail ? ` (${detail})` : ""}`,
    unreached: (codes: string) => `; not reached (no e-mail address or e-mail not configured): ${codes}`,
  },
};

export type CompletionText = typeof en;

const fr: CompletionText = {
  title: (study) => `Suivi des questionnaires — ${study}`,
  back: (study) => `← Étude ${study}`,
  heading: (study) => `Suivi des questionnaires\u00a0: ${study}`,
  lead: (late, missed) =>
    html`Les questionnaires que le calendrier des mesures a rendus dus jusqu'ici, et ceux qui sont revenus. Un
      questionnaire est <strong>en retard</strong> s'il reste sans réponse ${late} jours après sa séance (un
      rappel s'impose) et <strong>manqué</strong> après ${missed} jours. Les patients n'apparaissent que par
      leur code.`,
  noSchedule:
    "Cette étude n'a pas de calendrier des mesures (les études créées par un import n'en ont pas) : aucun questionnaire n'est jamais dû et il n'y a personne à relancer.",
  totalH: "Au total",
  counts: ["Dus", "Remplis", "Refusés", "Ouverts", "En retard", "Manqués", "Taux de réponse"],
  notChanged: "Les seuils n'ont pas été modifiés.",
  lateAfter: "En retard après (jours)",
  missedAfter: "Manqué après (jours)",
  update: "Mettre à jour",
  wholeDays: "Les deux seuils sont des nombres entiers de jours.",
  order: "« Manqué après » doit être au moins égal à « En retard après ».",
  updated: "Suivi mis à jour.",
  remindH: "À relancer",
  remindLead:
    "Liste chaque séance dont des questionnaires patient sont ouverts ou en retard, chacune avec un nouveau lien à usage unique pour exactement ces questionnaires, prêt à envoyer au patient.",
  noList: "Aucune liste de rappels n'a été établie.",
  makeList: "Établir la liste des rappels",
  makeSend: "Établir et envoyer les rappels",
  remindTherapists: "Rappeler aux thérapeutes leurs évaluations",
  noEmail: "L'envoi d'e-mails n'est pas configuré sur ce serveur : envoyez les liens vous-même.",
  made: (n, sent) =>
    `${n} rappel${plural(n, "", "s")} avec de nouveaux liens` +
    (sent === null ? "." : ` ; ${sent} envoyé${plural(sent, "", "s")} aux patients.`),
  nobody: "Aucun questionnaire patient n'est ouvert ou en retard : personne n'a besoin d'un rappel.",
  reminders: (n) => `${n} rappel${plural(n, "", "s")}`,
  remindersLead:
    "Envoyez chaque lien à son patient. Chaque clic sur le bouton crée de nouveaux liens, affichés seulement ici : ils ne pourront plus être affichés ensuite.",
  reminderCols: ["Patient", "Thérapeute", "Site", "Séance", "Questionnaires", "État", "Lien (expiration)"],
  linkFor: (patient, session) => `Lien pour ${patient}, séance ${session}`,
  expires: (at) => `expire le ${at}`,
  bySite: "Par site",
  byTherapist: "Par thérapeute",
  byPatient: "Par patient",
  site: "Site",
  therapist: "Thérapeute",
  patient: "Patient",
  patients: "Patients",
  formsH: "Chaque questionnaire dû",
  formsKey: (late, missed) =>
    html`<strong>ouvert</strong> : dû, pas encore en retard · <strong>en retard</strong> : toujours sans
      réponse après ${late} jours · <strong>manqué</strong> : sans réponse après ${missed} jours ·
      <strong>refusé</strong> : le patient a choisi de ne pas y répondre. Les questionnaires des séances à
      venir ne sont pas listés.`,
  formCols: ["Patient", "Séance", "Questionnaire", "Rempli par", "État"],
  rater: { patient: "patient", therapist: "thérapeute", observer: "observateur" },
  noForm: "Aucun questionnaire dû ne correspond au filtre.",
  forms: "Questionnaires",
  status: {
    done: "rempli",
    declined: "refusé par le patient",
    open: "ouvert",
    late: "en retard",
    missed: "manqué",
    upcoming: "à venir",
  },
  noSite: "aucun site",
  filter: {
    heading: "Trouver des patients et des questionnaires",
    show: "Afficher",
    choices: {
      all: "Tous les questionnaires dus",
      pending: "Sans réponse (ouverts, en retard ou manqués)",
      late: "En retard seulement",
      missed: "Manqués seulement",
      open: "Ouverts seulement",
      declined: "Refusés seulement",
      done: "Remplis seulement",
    },
    site: "Site",
    everySite: "Tous les sites",
    therapist: "Thérapeute",
    everyTherapist: "Tous les thérapeutes",
    patient: "Le code patient contient",
  },
  delivery: {
    notSent: "non envoyé : pas de coordonnées — copiez-le",
    sent: (channel) => `${channel === "email" ? "envoyé par e-mail" : "SMS"} (en file d'attente)`,
    noTherapist: "Aucun thérapeute n'a d'évaluation ouverte ou en retard : personne n'a été relancé.",
    reminded: (n, detail) =>
      `${n} thérapeute${plural(n, "", "s")} relancé${plural(n, "", "s")} par e-mail${detail ? ` (${detail})` : ""}`,
    unreached: (codes) => ` ; non joints (pas d'adresse e-mail ou e-mail non configuré) : ${codes}`,
  },
};

/**
 * The completion monitor's words in `lang`.
 *
 * @example
 * completionText("fr").filter.choices.late; // "En retard seulement"
 */
export function completionText(lang: Lang): CompletionText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const COMPLETION_EN = en;
export const COMPLETION_FR = fr;
