// The words of the patient records pages (patientRecords.ts) in English and French: the list, a patient's
// contact details and the erasure with its confirmation and report.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const en = {
  find: {
    label: "Patients",
    search: "Find a patient",
    hint: "patient code",
    site: "Site",
    anySite: "Every site",
    noSite: "No site",
    byCode: "Code",
  },
  title: "Patient records",
  lead: (audit: TemplateResult): TemplateResult =>
    html`Each patient's contact details (kept apart from their pseudonymous code, and only coordinators see
    them) and the erasure a patient may ask for. Every look at contact details is recorded in the ${audit}.`,
  audit: "audit log",
  patients: "Patients",
  patient: (code: string) => `Patient ${code}`,
  saved: "Contact details saved.",
  typeExactly: (code: string, typed: string) =>
    `To confirm, type the patient's code exactly: ${code} (you typed "${typed}").`,
  sayWhy: "Say why, in a few words (for example: the patient asked on 3 May).",
  erasedNote: (code: string) => `Patient ${code} was erased.`,
  erasedTitle: (code: string) => `Patient ${code} erased`,
  erasedH: (code: string) => `Patient ${code} was erased`,
  removed: (r: { responses: number; sessions: number; episodes: number; runsRedacted: number }) =>
    `Removed: ${r.responses} answers, ${r.sessions} sessions, ${r.episodes} courses of therapy and the contact details; ${r.runsRedacted} recorded analysis run${r.runsRedacted === 1 ? "" : "s"} had their rows removed. The audit log keeps that it happened, not what was removed.`,
  backToList: "Back to the patient records",
  back: "← Patient records",
  contactH: "Contact details",
  contactLead:
    "Used only to send the patient their links and reminders (e-mail first, else SMS). Leave a field empty to remove it.",
  notSaved: "The contact details were not saved.",
  name: "Name",
  email: "E-mail",
  phone: "Mobile phone (for SMS)",
  language: "Language of their messages",
  english: "English",
  french: "French (français)",
  save: "Save the contact details",
  eraseH: "Erase this patient",
  eraseLead: html`When a patient asks to be forgotten: their answers, sessions, courses of therapy, links and
    contact details are deleted, and their rows are removed from recorded analysis runs.
    <strong>This cannot be undone.</strong>`,
  notErased: "Nothing was erased.",
  why: "Why (kept in the erasure record)",
  confirm: (code: string) => `Type the patient's code, ${code}, to confirm`,
  erase: (code: string) => `Erase patient ${code}`,
};

export type RecordsText = typeof en;

const fr: RecordsText = {
  find: {
    label: "Patients",
    search: "Trouver un patient",
    hint: "code du patient",
    site: "Site",
    anySite: "Tous les sites",
    noSite: "Aucun site",
    byCode: "Code",
  },
  title: "Dossiers patients",
  lead: (audit) =>
    html`Les coordonnées de chaque patient (gardées à part de son code pseudonyme, et vues seulement par les
    coordinateurs) et l'effacement qu'un patient peut demander. Chaque consultation des coordonnées est
    enregistrée dans le ${audit}.`,
  audit: "journal d'audit",
  patients: "Patients",
  patient: (code) => `Patient ${code}`,
  saved: "Coordonnées enregistrées.",
  typeExactly: (code, typed) =>
    `Pour confirmer, tapez exactement le code du patient : ${code} (vous avez tapé « ${typed} »).`,
  sayWhy: "Dites pourquoi, en quelques mots (par exemple : le patient l'a demandé le 3 mai).",
  erasedNote: (code) => `Le patient ${code} a été effacé.`,
  erasedTitle: (code) => `Patient ${code} effacé`,
  erasedH: (code) => `Le patient ${code} a été effacé`,
  removed: (r) =>
    `Supprimé : ${r.responses} réponses, ${r.sessions} séances, ${r.episodes} thérapies et les coordonnées ; ${r.runsRedacted} analyse${r.runsRedacted === 1 ? " enregistrée a" : "s enregistrées ont"} perdu ses lignes. Le journal d'audit garde que cela a eu lieu, pas ce qui a été supprimé.`,
  backToList: "Retour aux dossiers patients",
  back: "← Dossiers patients",
  contactH: "Coordonnées",
  contactLead:
    "Servent seulement à envoyer au patient ses liens et rappels (e-mail d'abord, sinon SMS). Videz un champ pour le supprimer.",
  notSaved: "Les coordonnées n'ont pas été enregistrées.",
  name: "Nom",
  email: "E-mail",
  phone: "Téléphone mobile (pour les SMS)",
  language: "Langue de ses messages",
  english: "Anglais (English)",
  french: "Français",
  save: "Enregistrer les coordonnées",
  eraseH: "Effacer ce patient",
  eraseLead: html`Quand un patient demande à être oublié : ses réponses, séances, thérapies, liens et
    coordonnées sont supprimés, et ses lignes sont retirées des analyses enregistrées.
    <strong>C'est irréversible.</strong>`,
  notErased: "Rien n'a été effacé.",
  why: "Pourquoi (gardé dans la trace de l'effacement)",
  confirm: (code) => `Tapez le code du patient, ${code}, pour confirmer`,
  erase: (code) => `Effacer le patient ${code}`,
};

/**
 * The patient records pages' words in `lang`.
 *
 * @example
 * recordsText("fr").contactH; // "Coordonnées"
 */
export function recordsText(lang: Lang): RecordsText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const RECORDS_EN = en;
export const RECORDS_FR = fr;
