// The words of the study page's observer-coding card (coding.ts) in English and French.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const en = {
  heading: "Observer coding",
  lead: "A coder watches a session's recording and codes alliance ruptures. Choose the session and the coder; it then appears on the coder's own page, with the patient by code only.",
  noCoder: (network: TemplateResult): TemplateResult =>
    html`No coder in this network yet. Invite one on ${network} (role "Coder").`,
  network: "Network set-up",
  noSession: "No session is recorded in this study yet.",
  notAssigned: "The coder was not assigned.",
  chooseSession: "Choose the patient and the session to code.",
  chooseCoder: "Choose the coder.",
  already: (coder: string, patient: string, n: number) =>
    `${coder} is already assigned to patient ${patient}, session ${n}.`,
  assigned: (coder: string, patient: string, n: number) =>
    `Assigned ${coder} for patient ${patient}, session ${n}. It is on their Sessions to code page now.`,
  patient: "Patient",
  session: "Session",
  coder: "Coder",
  sessionOption: (n: number, date: string | null, therapist: string) =>
    `${n}${date ? ` (${date})` : ""}, therapist ${therapist}`,
  assign: "Assign the coder",
  codedOf: (coded: number, n: number) => `${coded} of ${n} assignment${n === 1 ? "" : "s"} coded.`,
  cols: ["Patient", "Session", "Date", "Coder", "Coded"],
  codedAt: (at: string) => `yes, ${at}`,
  notYet: "not yet",
  noneAssigned: "No session is assigned to a coder yet.",
};

export type CodingText = typeof en;

const fr: CodingText = {
  heading: "Codage par un observateur",
  lead: "Un codeur regarde l'enregistrement d'une séance et code les ruptures d'alliance. Choisissez la séance et le codeur ; elle apparaît alors sur la page du codeur, le patient désigné par son code seulement.",
  noCoder: (network) =>
    html`Pas encore de codeur dans ce réseau. Invitez-en un sur la page ${network} (rôle « Codeur »).`,
  network: "Réseau",
  noSession: "Aucune séance n'est encore enregistrée dans cette étude.",
  notAssigned: "Le codeur n'a pas été affecté.",
  chooseSession: "Choisissez le patient et la séance à coder.",
  chooseCoder: "Choisissez le codeur.",
  already: (coder, patient, n) => `${coder} est déjà affecté au patient ${patient}, séance ${n}.`,
  assigned: (coder, patient, n) =>
    `${coder} affecté au patient ${patient}, séance ${n}. Elle figure maintenant sur sa page « Séances à coder ».`,
  patient: "Patient",
  session: "Séance",
  coder: "Codeur",
  sessionOption: (n, date, therapist) => `${n}${date ? ` (${date})` : ""}, thérapeute ${therapist}`,
  assign: "Affecter le codeur",
  codedOf: (coded, n) =>
    n === 1 ? `${coded} affectation sur 1 codée.` : `${coded} affectations sur ${n} codées.`,
  cols: ["Patient", "Séance", "Date", "Codeur", "Codée"],
  codedAt: (at) => `oui, ${at}`,
  notYet: "pas encore",
  noneAssigned: "Aucune séance n'est encore affectée à un codeur.",
};

/**
 * The observer-coding card's words in `lang`.
 *
 * @example
 * codingText("fr").assign; // "Affecter le codeur"
 */
export function codingText(lang: Lang): CodingText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const CODING_EN = en;
export const CODING_FR = fr;
