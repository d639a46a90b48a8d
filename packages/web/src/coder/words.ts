// The coder's pages in English and French (the header's switch): the list of sessions and one session's
// coding page. The observer form's own wording comes from the instrument (in French where it has one).
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const en = {
  title: "Sessions to code",
  lead: "You code alliance ruptures in session recordings; patients appear by code only. Open a session, code what you observe in its recording and save. You can correct a coding afterwards.",
  count: (open: number, all: number): TemplateResult | string =>
    open
      ? html`<strong>${open}</strong> of ${all} assigned session${all === 1 ? "" : "s"} still to code.`
      : `All ${all} assigned session${all === 1 ? " is" : "s are"} coded.`,
  listLabel: "Assigned sessions, to code first",
  cols: ["Patient", "Session", "Date", "Therapist", "Study", "Status"],
  open: "Open",
  noStudy: "no study",
  toCode: "To code",
  coded: "Coded",
  code: "Code",
  view: "View or correct",
  which: (patient: string, n: number) => `— patient ${patient}, session ${n}`,
  none: "No session is assigned to you yet. The study coordinator assigns sessions to you; they then appear here.",
  session: {
    notAssignedTitle: "Session not available",
    notAssigned:
      "This session is not assigned to you, so you cannot open or code it. Coders see only the sessions a coordinator assigned to them; ask the study coordinator if you should code this one.",
    back: "← Sessions to code",
    title: (patient: string, n: number) => `Patient ${patient}, session ${n}`,
    heading: (title: string) => `Coding: ${title}`,
    facts: "The session",
    lead: "Watch or listen to the recording of this session, then code what you observe: whether an alliance rupture occurred, and if so its type, how strong it was (and each type's strength when both occurred) and how far it was resolved.",
    yours: "Your coding",
    codedOn: (at: string) => html`<span class="badge done">Coded</span> on ${at}.`,
    corrected: (version: number, at: string) => `Corrected (version ${version}, ${at}).`,
    kept: "A correction is saved as a new version; the earlier one is kept, so nothing you coded is overwritten.",
    correct: "Correct the coding",
    cancel: "Cancel the correction",
    formHeading: (correcting: boolean, n: number) =>
      correcting ? `Correct your coding of session ${n}` : `Your coding of session ${n}`,
    save: (correcting: boolean): string => (correcting ? "Save the correction" : "Save the coding"),
    saved: (correcting: boolean, n: number, patient: string) =>
      correcting
        ? `Your correction of session ${n} of patient ${patient} is saved.`
        : `Your coding of session ${n} of patient ${patient} is saved.`,
    notSaved: "The coding was not saved",
  },
  notFound: {
    title: "Not found",
    heading: "Page not found",
    body: (path: TemplateResult, start: TemplateResult) =>
      html`There is no coder's page at ${path}. ${start}.`,
    start: "Go to Sessions to code",
  },
};

const fr: typeof en = {
  title: "Séances à coder",
  lead: "Vous codez les ruptures d'alliance dans les enregistrements des séances ; les patients n'apparaissent que par leur code. Ouvrez une séance, codez ce que vous observez dans son enregistrement et enregistrez. Vous pourrez corriger un codage ensuite.",
  count: (open, all) =>
    open
      ? html`<strong>${open}</strong> séance${all === 1 ? "" : "s"} attribuée${all === 1 ? "" : "s"} sur
          ${all} reste${open === 1 ? "" : "nt"} à coder.`
      : `${all === 1 ? "La séance attribuée est codée" : `Les ${all} séances attribuées sont codées`}.`,
  listLabel: "Séances attribuées, à coder d'abord",
  cols: ["Patient", "Séance", "Date", "Thérapeute", "Étude", "État"],
  open: "Ouvrir",
  noStudy: "aucune étude",
  toCode: "À coder",
  coded: "Codée",
  code: "Coder",
  view: "Voir ou corriger",
  which: (patient, n) => `— patient ${patient}, séance ${n}`,
  none: "Aucune séance ne vous est encore attribuée. Le coordinateur de l'étude vous attribue des séances ; elles apparaissent alors ici.",
  session: {
    notAssignedTitle: "Séance non disponible",
    notAssigned:
      "Cette séance ne vous est pas attribuée : vous ne pouvez ni l'ouvrir ni la coder. Les codeurs ne voient que les séances qu'un coordinateur leur a attribuées ; demandez au coordinateur de l'étude si vous devez coder celle-ci.",
    back: "← Séances à coder",
    title: (patient, n) => `Patient ${patient}, séance ${n}`,
    heading: (title) => `Codage\u00a0: ${title}`,
    facts: "La séance",
    lead: "Regardez ou écoutez l'enregistrement de cette séance, puis codez ce que vous observez : s'il y a eu une rupture d'alliance et, si oui, son type, son intensité (et celle de chaque type quand les deux sont survenus) et dans quelle mesure elle a été résolue.",
    yours: "Votre codage",
    codedOn: (at) => html`<span class="badge done">Codée</span> le ${at}.`,
    corrected: (version, at) => `Corrigé (version ${version}, ${at}).`,
    kept: "Une correction est enregistrée comme nouvelle version ; la précédente est conservée, rien de ce que vous avez codé n'est écrasé.",
    correct: "Corriger le codage",
    cancel: "Annuler la correction",
    formHeading: (correcting, n) =>
      correcting ? `Corriger votre codage de la séance ${n}` : `Votre codage de la séance ${n}`,
    save: (correcting) => (correcting ? "Enregistrer la correction" : "Enregistrer le codage"),
    saved: (correcting, n, patient) =>
      correcting
        ? `Votre correction de la séance ${n} du patient ${patient} est enregistrée.`
        : `Votre codage de la séance ${n} du patient ${patient} est enregistré.`,
    notSaved: "Le codage n'a pas été enregistré",
  },
  notFound: {
    title: "Page introuvable",
    heading: "Page introuvable",
    body: (path, start) => html`Il n'y a pas de page de codeur à l'adresse ${path}. ${start}.`,
    start: "Aller aux séances à coder",
  },
};

/**
 * The coder list page's words in `lang`.
 *
 * @example
 * coderWords("fr").title // "Séances à coder"
 */
export function coderWords(lang: Lang): CoderWords {
  return lang === "fr" ? fr : en;
}

export type CoderWords = typeof en;

/** The English table, for the test that no English is left on a French page. */
export const CODER_EN = en;
/** The French table, beside it. */
export const CODER_FR = fr;
