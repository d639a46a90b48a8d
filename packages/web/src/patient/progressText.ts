// The words of the patient's own progress (issue 14 item 8), English and French: plain words for which
// way is better, since a patient reads a 1–5 or 0–27 scale without a manual.
import type { Lang } from "../i18n.ts";

const T = {
  en: {
    heading: "Your progress",
    lead: "Your own answers over your sessions. This is shown once, now, right after you sent your answers.",
    first: "This is your first answer: the graphs grow as you answer after each session.",
    wellbeingTitle: "How you have been feeling",
    allianceTitle: "How working with your therapist felt to you",
    wellbeingUp: "A higher point means you felt better.",
    wellbeingDown: "A lower point means fewer difficulties: lower is better.",
    allianceUp: "A higher point means you felt more that you and your therapist work well together.",
    scale: (min: string, max: string) => `Scale from ${min} to ${max}.`,
    desc: (points: string) => (points ? `By session: ${points}.` : "No answers yet."),
    point: (session: number, value: string) => `session ${session}: ${value}`,
    tableCaption: "Your answers by session",
    session: "Session",
    date: "Date",
    feeling: "Feeling",
    together: "Working together",
    none: "—",
  },
  fr: {
    heading: "Votre évolution",
    lead: "Vos propres réponses au fil des séances. Elles sont montrées une fois, maintenant, juste après l'envoi.",
    first: "C'est votre première réponse : les graphiques s'étoffent à chaque séance.",
    wellbeingTitle: "Comment vous vous êtes senti·e",
    allianceTitle: "Comment vous avez vécu le travail avec votre thérapeute",
    wellbeingUp: "Un point plus haut veut dire que vous vous êtes senti·e mieux.",
    wellbeingDown: "Un point plus bas veut dire moins de difficultés : plus bas, c'est mieux.",
    allianceUp:
      "Un point plus haut veut dire que vous avez davantage senti que vous et votre thérapeute travaillez bien ensemble.",
    scale: (min: string, max: string) => `Échelle de ${min} à ${max}.`,
    desc: (points: string) => (points ? `Par séance : ${points}.` : "Pas encore de réponse."),
    point: (session: number, value: string) => `séance ${session} : ${value}`,
    tableCaption: "Vos réponses par séance",
    session: "Séance",
    date: "Date",
    feeling: "Ressenti",
    together: "Travail ensemble",
    none: "—",
  },
} as const;

export type ProgressText = (typeof T)["en"];

/**
 * The progress words in `lang`.
 *
 * @example
 * progressText("fr").heading; // "Votre évolution"
 */
export function progressText(lang: Lang): ProgressText {
  return T[lang] as ProgressText;
}
