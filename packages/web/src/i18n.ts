// The patient form speaks English and French (browser language, or the switch on the page).
import type { Lang } from "./lang.ts";
export type { Lang };

/** A language's name, in English or French (for "only available in …"). */
function langName(code: string, inLang: Lang): string {
  try {
    return new Intl.DisplayNames([inLang], { type: "language" }).of(code) ?? code;
  } catch {
    return code; // an unusual code Intl does not know
  }
}

const T = {
  en: {
    title: "After your session",
    intro:
      "Please answer these questions about today's session. It takes about a minute. Your therapist will see your answers.",
    progress: (a: number, n: number) => `${a} of ${n} answered`,
    submit: "Send my answers",
    sending: "Sending…",
    thanks: "Thank you!",
    thanksBody: "Your answers were sent. You can close this page.",
    used: "This link was already used",
    usedBody: "The answers for this session have been sent. If something was wrong, tell your therapist.",
    expired: "This link has expired",
    expiredBody: "Ask your therapist for a new link.",
    notFound: "This link does not work",
    notFoundBody: "Check that you opened the whole link, or ask your therapist for a new one.",
    notYet: (day: string) => `This form opens on ${day}`,
    notYetBody: (day: string, time: string | null) =>
      `It is about your session on ${day}${time ? ` at ${time}` : ""}, so it can only be answered from that day on. Please open this same link again then; it will still work.`,
    missing: (n: number) => `Please answer ${n === 1 ? "the question" : `the ${n} questions`} marked below.`,
    required: "Please choose an answer.",
    fix: (n: number) => `Please check ${n === 1 ? "the answer" : `the ${n} answers`} marked below.`,
    session: (n: number) => `Session ${n}`,
    language: "Language",
    low: "Not at all",
    high: "Completely",
    error: "Your answers could not be sent. Check your connection and try again.",
    loading: "Loading…",
    introLong: "Please answer these questions. It takes a few minutes. Your therapist will see your answers.",
    skipped: (n: number) =>
      `${n === 1 ? "One question has" : `${n} questions have`} no answer. You can answer ${n === 1 ? "it" : "them"} now, or press "Send my answers" again to send without ${n === 1 ? "it" : "them"}.`,
    requiredMark: "Please mark the line, or type a number.",
    badNumber: (min: string, max: string, d: number) =>
      `Type a number from ${min} to ${max}${d > 0 ? ` (at most ${d === 1 ? "one decimal" : `${d} decimals`})` : " (a whole number)"}.`,
    yourMark: "Your mark",
    notMarked: "Not marked yet",
    onlyIn: (l: string) => `This questionnaire is only available in ${langName(l, "en")}.`,
    unavailable:
      "This questionnaire cannot be shown: its wording is not available here. You can send your other answers; please tell your therapist.",
    yes: "Yes",
    no: "No",
    notice: "Notice",
  },
  fr: {
    title: "Après votre séance",
    intro:
      "Merci de répondre à ces questions sur la séance d'aujourd'hui. Cela prend environ une minute. Votre thérapeute verra vos réponses.",
    progress: (a: number, n: number) => `${a} sur ${n} répondues`,
    submit: "Envoyer mes réponses",
    sending: "Envoi…",
    thanks: "Merci !",
    thanksBody: "Vos réponses ont été envoyées. Vous pouvez fermer cette page.",
    used: "Ce lien a déjà été utilisé",
    usedBody:
      "Les réponses pour cette séance ont été envoyées. Si quelque chose n'allait pas, parlez-en à votre thérapeute.",
    expired: "Ce lien a expiré",
    expiredBody: "Demandez un nouveau lien à votre thérapeute.",
    notFound: "Ce lien ne fonctionne pas",
    notFoundBody:
      "Vérifiez que vous avez ouvert le lien en entier, ou demandez-en un nouveau à votre thérapeute.",
    notYet: (day: string) => `Ce questionnaire s'ouvre le ${day}`,
    notYetBody: (day: string, time: string | null) =>
      `Il porte sur votre séance du ${day}${time ? ` à ${time}` : ""} : on ne peut y répondre qu'à partir de ce jour-là. Ouvrez à nouveau ce même lien ce jour-là ; il fonctionnera toujours.`,
    missing: (n: number) =>
      `Merci de répondre ${n === 1 ? "à la question indiquée" : `aux ${n} questions indiquées`} ci-dessous.`,
    required: "Merci de choisir une réponse.",
    fix: (n: number) =>
      `Merci de vérifier ${n === 1 ? "la réponse indiquée" : `les ${n} réponses indiquées`} ci-dessous.`,
    session: (n: number) => `Séance ${n}`,
    language: "Langue",
    low: "Pas du tout",
    high: "Tout à fait",
    error: "Vos réponses n'ont pas pu être envoyées. Vérifiez votre connexion et réessayez.",
    loading: "Chargement…",
    introLong:
      "Merci de répondre à ces questions. Cela prend quelques minutes. Votre thérapeute verra vos réponses.",
    skipped: (n: number) =>
      `${n === 1 ? "Une question est restée" : `${n} questions sont restées`} sans réponse. Vous pouvez y répondre maintenant, ou appuyer de nouveau sur « Envoyer mes réponses » pour envoyer sans ${n === 1 ? "elle" : "elles"}.`,
    requiredMark: "Merci de placer votre marque sur la ligne, ou de taper un nombre.",
    badNumber: (min: string, max: string, d: number) =>
      `Tapez un nombre de ${min} à ${max}${d > 0 ? ` (au plus ${d === 1 ? "une décimale" : `${d} décimales`})` : " (un nombre entier)"}.`,
    yourMark: "Votre marque",
    notMarked: "Pas encore de marque",
    onlyIn: (l: string) => `Ce questionnaire n'existe qu'en ${langName(l, "fr")}.`,
    unavailable:
      "Ce questionnaire ne peut pas être affiché : son texte n'est pas disponible ici. Vous pouvez envoyer vos autres réponses ; merci de le signaler à votre thérapeute.",
    yes: "Oui",
    no: "Non",
    notice: "Mention",
  },
};

export type Strings = (typeof T)["en"];

export function strings(lang: Lang): Strings {
  return T[lang];
}

export function initialLang(): Lang {
  const q = new URLSearchParams(location.search).get("lang");
  if (q === "fr" || q === "en") return q;
  return navigator.language.toLowerCase().startsWith("fr") ? "fr" : "en";
}

/** French item texts of the demo forms (the forms themselves carry English). */
export const ITEM_FR: Record<string, string> = {
  "Today we worked on the things that matter most to me.":
    "Aujourd'hui, nous avons travaillé sur ce qui compte le plus pour moi.",
  "The way we worked today made sense to me.":
    "La façon dont nous avons travaillé aujourd'hui avait du sens pour moi.",
  "I felt respected and understood by my therapist today.":
    "Aujourd'hui, je me suis senti·e respecté·e et compris·e par mon thérapeute.",
  "I felt comfortable being open with my therapist today.":
    "Aujourd'hui, je me suis senti·e à l'aise pour parler ouvertement à mon thérapeute.",
  "I have been in a good mood.": "J'ai été de bonne humeur.",
  "I have felt at ease.": "Je me suis senti·e à l'aise.",
  "I have managed what came my way.": "J'ai fait face à ce qui se présentait.",
  "Working alliance (patient)": "Alliance de travail",
  // The demo therapist form (drawn on the therapist's patient page).
  "Today we worked on the things that matter most to the client.":
    "Aujourd'hui, nous avons travaillé sur ce qui compte le plus pour le patient ou la patiente.",
  "The way we worked today made sense to the client.":
    "La façon dont nous avons travaillé aujourd'hui avait du sens pour le patient ou la patiente.",
  "I felt respect and warmth towards the client today.":
    "Aujourd'hui, j'ai ressenti du respect et de la chaleur envers le patient ou la patiente.",
  "The client seemed comfortable being open with me today.":
    "Aujourd'hui, le patient ou la patiente semblait à l'aise pour parler ouvertement avec moi.",
  "Working alliance (therapist)": "Alliance de travail (thérapeute)",
  "Well-being since the last session": "Bien-être depuis la dernière séance",
};
