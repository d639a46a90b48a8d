// The coder's list page in English and French (the header's switch). The coding page itself stays English
// for now (the observer form's own wording comes from the instrument).
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../i18n.ts";

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
};

/**
 * The coder list page's words in `lang`.
 *
 * @example
 * coderWords("fr").title // "Séances à coder"
 */
export function coderWords(lang: Lang): typeof en {
  return lang === "fr" ? fr : en;
}
