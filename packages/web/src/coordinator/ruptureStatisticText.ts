// The words of the calibration page's rupture-statistic card (ruptureStatisticCard.ts), English and French.
import type { Lang } from "../lang.ts";

const en = {
  title: "Rupture statistic",
  lead: "Rupture alerts can read each session's mean score of the patient's alliance form, or its item answers through the network's ordinal (graded-response) model, which sees more at the top of the scale. The item model is fitted in the background (seconds to minutes) and refitted when the network's data grew by 10%.",
  label: "Statistic",
  mean: "Mean score",
  items: "Item answers",
  save: "Save",
  saved: (items: boolean): string =>
    items ? "Saved: the item-level calibration starts in the background." : "Saved: the mean score is used.",
  /** What the alerts use now. */
  off: (chosen: boolean) => `In use: the form's mean score${chosen ? "" : " (attune's default)"}.`,
  waiting: "Item-level calibration waiting to start; the mean score is used until it is ready.",
  running: (since: string, inUse: boolean) =>
    `Item-level calibration running since ${since}; ${inUse ? "the previous item-level fit is used until it is ready" : "the mean score is used until it is ready"}.`,
  ready: (at: string, responses: number, next: number | null) =>
    `In use: item-level calibration of ${at} (${responses} responses)${next === null ? "" : `; refitted at ${next} responses`}. Sessions with imported scores only keep the mean score.`,
  failed: (inUse: boolean) =>
    `Item-level calibration failed${inUse ? "; the previous item-level fit is still used" : "; the mean score is used"}:`,
};

export type RuptureStatisticText = typeof en;

const fr: RuptureStatisticText = {
  title: "Statistique de rupture",
  lead: "Les alertes de rupture peuvent lire, à chaque séance, le score moyen du questionnaire d'alliance du patient, ou ses réponses item par item à travers le modèle ordinal (réponse graduée) du réseau, qui en voit davantage en haut de l'échelle. Le modèle par items est ajusté en arrière-plan (de quelques secondes à quelques minutes) et réajusté quand les données du réseau ont augmenté de 10 %.",
  label: "Statistique",
  mean: "Score moyen",
  items: "Réponses aux items",
  save: "Enregistrer",
  saved: (items) =>
    items
      ? "Enregistré : le calibrage par items démarre en arrière-plan."
      : "Enregistré : le score moyen est utilisé.",
  off: (chosen) =>
    `Utilisé : le score moyen du questionnaire${chosen ? "" : " (choix par défaut d'attune)"}.`,
  waiting: "Calibrage par items en attente ; le score moyen est utilisé jusqu'à ce qu'il soit prêt.",
  running: (since, inUse) =>
    `Calibrage par items en cours depuis ${since} ; ${inUse ? "l'ajustement par items précédent est utilisé jusqu'à ce qu'il soit prêt" : "le score moyen est utilisé jusqu'à ce qu'il soit prêt"}.`,
  ready: (at, responses, next) =>
    `Utilisé : calibrage par items du ${at} (${responses} réponses)${next === null ? "" : ` ; réajusté à ${next} réponses`}. Les séances aux scores importés seulement gardent le score moyen.`,
  failed: (inUse) =>
    `Échec du calibrage par items${inUse ? " ; l'ajustement par items précédent reste utilisé" : " ; le score moyen est utilisé"} :`,
};

/**
 * The card's words in a language.
 *
 * @example
 * ruptureStatisticText("fr").title; // "Statistique de rupture"
 */
export function ruptureStatisticText(lang: Lang): RuptureStatisticText {
  return lang === "fr" ? fr : en;
}
