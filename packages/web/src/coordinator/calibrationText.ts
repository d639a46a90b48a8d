// The words of the alert calibration page (calibration.ts) in English and French. Numbers arrive written
// for the language (decimal comma in French).
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const en = {
  title: "Alert calibration",
  lead: (sessions: number, patients: number, therapists: number) =>
    `The alert thresholds are set from this network's own data (${sessions} sessions of ${patients} patients and ${therapists} therapists) to meet the network's alert budget, and refreshed as data grow. Points are on the 0–100 metric of each form's scale.`,
  impliedH: "What the thresholds imply",
  implied: {
    warnings: "Warnings per therapist-week",
    rupture: "Rupture alerts / 100 sessions",
    notOnTrack: "Not on track / 100 sessions",
    incongruence: "Incongruence / 100 sessions",
  },
  replayed: (weeks: number) =>
    `Replayed on the network's history (${weeks} therapist-weeks). Warnings are rupture, not on track and incongruence alerts; resolved ruptures are information.`,
  ruptureH: "Ruptures",
  ruptureRule: (budget: number, z: string, p: string): TemplateResult =>
    html`Budget: ${budget} false rupture alerts per 100 sessions. An alert needs a fall of the patient's
      alliance below their recent level of at least <strong>z = ${z}</strong> noise SDs (a probability of a
      true fall of ${p}%).`,
  provisional: "Provisional:",
  ruptureProvisional: " too few sessions yet to estimate the noise; a default bar is used.",
  ruptureModel: (course: string, sd: string, weight: string) =>
    `Each patient's level follows the network's mean course of the alliance (${course} points from session 1 to session 10). Ordinary ups and downs: ${sd} points (SD) for the network, weighed as ${weight} sessions against each patient's own. The noise by the patient's recent level, below, shows how the form's ceiling quiets patients near the top.`,
  noiseCols: ["Recent level up to", "Noise SD (points)", "Session pairs"],
  notH: "Not on track",
  notProvisional:
    " the network does not yet have 30 patients with an intake and 3 sessions, so no not-on-track alerts are raised; the built-in expected band is shown only.",
  notRule: (persistence: number, z: string, pct: number, length: number) =>
    `An alert after ${persistence} rated sessions in a row below the expected band's lower edge (mean − ${z} SD), set so that about ${pct}% of patients on the expected course are flagged during a ${length}-session episode. The band is centred on the network's median course. It clears itself when the patient is back inside the band.`,
  /** Shown when the short-treatment target applies: `longPct` is the target of longer treatments. */
  notShort: (pct: number, longPct: number) =>
    ` Short treatments: 90% of the network's episodes end by session 10, so the target is ${pct}% (longer treatments: ${longPct}%); with few sessions, a wider net catches more deteriorating patients than it adds false alerts.`,
  model: "Model:",
  formsH: "Forms",
  formCols: ["Form", "Rated", "Session-to-session SD", "Reliability (α)", "Reliable change"],
  noItems: "no items stored",
  alpha: (a: string, items: number | null) => `${a} (${items ?? "?"} items)`,
  forms: { patient: "Patient's alliance", therapist: "Therapist's alliance", outcome: "Outcome" },
};

export type CalibrationText = typeof en;

const fr: CalibrationText = {
  title: "Calibrage des alertes",
  lead: (sessions, patients, therapists) =>
    `Les seuils d'alerte sont fixés à partir des données du réseau lui-même (${sessions} séances de ${patients} patients et ${therapists} thérapeutes) pour respecter le budget d'alertes du réseau, et mis à jour à mesure que les données s'accumulent. Les points sont sur l'échelle 0–100 de chaque questionnaire.`,
  impliedH: "Ce qu'impliquent les seuils",
  implied: {
    warnings: "Alertes par semaine de thérapeute",
    rupture: "Alertes de rupture / 100 séances",
    notOnTrack: "Hors trajectoire / 100 séances",
    incongruence: "Désaccord / 100 séances",
  },
  replayed: (weeks) =>
    `Rejoué sur l'historique du réseau (${weeks} semaines de thérapeute). Les alertes sont les ruptures, les patients hors trajectoire et les désaccords ; les ruptures résolues sont une information.`,
  ruptureH: "Ruptures",
  ruptureRule: (budget, z, p) =>
    html`Budget : ${budget} fausses alertes de rupture pour 100 séances. Une alerte demande une baisse de
      l'alliance du patient sous son niveau récent d'au moins <strong>z = ${z}</strong> écarts-types du bruit
      (une probabilité de vraie baisse de ${p} %).`,
  provisional: "Provisoire\u00a0:",
  ruptureProvisional: " trop peu de séances encore pour estimer le bruit ; un seuil par défaut est utilisé.",
  ruptureModel: (course, sd, weight) =>
    `Le niveau de chaque patient suit l'évolution moyenne de l'alliance dans le réseau (${course} points de la séance 1 à la séance 10). Variations ordinaires : ${sd} points (écart-type) pour le réseau, pesant comme ${weight} séances face à celles du patient. Le bruit selon le niveau récent du patient, ci-dessous, montre comment le plafond du questionnaire rend plus calmes les patients proches du haut.`,
  noiseCols: ["Niveau récent jusqu'à", "Écart-type du bruit (points)", "Paires de séances"],
  notH: "Hors trajectoire",
  notProvisional:
    " le réseau n'a pas encore 30 patients avec une évaluation initiale et 3 séances : aucune alerte hors trajectoire n'est émise ; seule la bande attendue intégrée est affichée.",
  notRule: (persistence, z, pct, length) =>
    `Une alerte après ${persistence} séances évaluées de suite sous le bord inférieur de la bande attendue (moyenne − ${z} écart-type), réglée pour qu'environ ${pct} % des patients sur la trajectoire attendue soient signalés au cours d'un épisode de ${length} séances. La bande est centrée sur la trajectoire médiane du réseau. Elle s'efface d'elle-même quand le patient revient dans la bande.`,
  notShort: (pct, longPct) =>
    ` Traitements courts : 90 % des épisodes du réseau se terminent au plus tard à la séance 10, la cible est donc de ${pct} % (traitements plus longs : ${longPct} %) ; avec peu de séances, un filet plus large repère plus de patients qui se dégradent qu'il n'ajoute de fausses alertes.`,
  model: "Modèle\u00a0:",
  formsH: "Questionnaires",
  formCols: [
    "Questionnaire",
    "Évalués",
    "Écart-type d'une séance à l'autre",
    "Fiabilité (α)",
    "Changement fiable",
  ],
  noItems: "aucun item enregistré",
  alpha: (a, items) => `${a} (${items} items)`,
  forms: { patient: "Alliance du patient", therapist: "Alliance du thérapeute", outcome: "Évolution" },
};

/**
 * The alert calibration page's words in `lang`.
 *
 * @example
 * calibrationText("fr").title; // "Calibrage des alertes"
 */
export function calibrationText(lang: Lang): CalibrationText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const CALIBRATION_EN = en;
export const CALIBRATION_FR = fr;
