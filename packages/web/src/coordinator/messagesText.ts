// The words of the send log page (messages.ts) in English and French.
import type { Lang } from "../lang.ts";

const en = {
  title: "Messages",
  lead: "E-mails and SMS sent by attune: patient links and reminders, rating reminders, invitations, password resets. The log keeps who and when, never the message.",
  email: "E-mail:",
  sms: "SMS:",
  configured: (on: boolean): string => (on ? "configured" : "not configured"),
  byHand: " — links and invitations are copied by hand from their pages",
  failed: (n: number) => `${n} message${n === 1 ? "" : "s"} could not be delivered.`,
  none: "Nothing sent yet.",
  caption: "Send log, newest first",
  cols: ["Queued", "What", "To", "Status"],
  kind: {
    "patient-link": "Patient link",
    "patient-reminder": "Patient reminder",
    "therapist-reminder": "Therapist rating reminder",
    invitation: "Staff invitation",
    "password-reset": "Password reset",
  } as Record<string, string>,
  channel: (sms: boolean): string => (sms ? "SMS" : "e-mail"),
  status: { queued: "Queued", sent: "Delivered", failed: "Failed" } as Record<string, string>,
  erased: "erased",
  attempts: (n: number) => `after ${n} attempts`,
};

export type MessagesText = typeof en;

const fr: MessagesText = {
  title: "Messages",
  lead: "Les e-mails et SMS envoyés par attune : liens et rappels aux patients, rappels d'évaluation, invitations, réinitialisations de mot de passe. Le journal garde qui et quand, jamais le message.",
  email: "E-mail\u00a0:",
  sms: "SMS\u00a0:",
  configured: (on) => (on ? "configuré" : "non configuré"),
  byHand: " — les liens et invitations se copient à la main depuis leurs pages",
  failed: (n) => (n === 1 ? "Un message n'a pas pu être remis." : `${n} messages n'ont pas pu être remis.`),
  none: "Rien n'a encore été envoyé.",
  caption: "Journal d'envoi, le plus récent d'abord",
  cols: ["En file", "Quoi", "À", "État"],
  kind: {
    "patient-link": "Lien du patient",
    "patient-reminder": "Rappel au patient",
    "therapist-reminder": "Rappel d'évaluation au thérapeute",
    invitation: "Invitation du personnel",
    "password-reset": "Réinitialisation du mot de passe",
  },
  channel: (sms) => (sms ? "SMS" : "e-mail"),
  status: { queued: "En file", sent: "Remis", failed: "Échec" },
  erased: "effacé",
  attempts: (n) => `après ${n} tentatives`,
};

/**
 * The send log's words in `lang`.
 *
 * @example
 * messagesText("fr").none; // "Rien n'a encore été envoyé."
 */
export function messagesText(lang: Lang): MessagesText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const MESSAGES_EN = en;
export const MESSAGES_FR = fr;
