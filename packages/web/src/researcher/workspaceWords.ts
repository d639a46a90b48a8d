// The workspace's words (/research) and the runs list's (/runs) in English and French: the data choices,
// each recipe's options, the predictors and moderators, the outcome rates card, errors, and the list's
// search, filters and columns.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const en = {
  title: "Research workspace",
  nav: { workspace: "Workspace", runs: "Runs", analyses: "Analyses" },
  lead: "Choose which data to analyse and an analysis, then run it. attune fits the mixed models (the same numbers as R's lme4 and lmerTest) and records the run — who, when, which data and its fingerprint — so every number you publish can be traced back and reproduced in R. You see patient and therapist codes only, never contact details.",
  pastRuns: "See all past runs",
  data: "Data",
  which: "Which data",
  network: "Whole network (every patient)",
  study: (name: string) => `Study: ${name}`,
  from: "Sessions from",
  to: "to (inclusive)",
  datesHelp:
    "Leave both empty for every session. Sessions without a date count by the day they were recorded.",
  armsOf: (name: string) => `Arms of “${name}”`,
  armsHelp: "Untick an arm to leave its therapists' patients out.",
  arm: (code: string) => `Arm ${code}`,
  armCode: (code: string) => `(arm ${code})`,
  outcome: "Outcome measure",
  higherBetter: "Higher scores are better on this measure.",
  lowerBetter:
    "Lower scores are better on this measure (a symptom scale): improvement shows as negative slopes.",
  armsFrom: "Arms compared",
  noArms: "None (no arm column)",
  armsFromStudy: (name: string) => `Arms of study ${name}`,
  armsFromHelp: "Each patient's sessions in that study carry their arm; their other sessions have none.",
  analysis: "Analysis",
  options: "Options",
  byCondition: "Response surface: also fit each arm separately",
  rater: "Whose alliance rating predicts well-being (within/between, therapist differences)",
  raterPatient: "the patient's",
  raterTherapist: "the therapist's",
  detrend: "Remove each patient's linear trend from the within-patient part",
  betweenTherapist:
    "Split the between-patient part into between patients of a therapist and between therapists",
  betweenTherapistHelp: html`The patient's mean alliance becomes its distance from the therapist's mean
  (<code>alliance_pb</code>) plus the therapist's mean (<code>alliance_tm</code>): do patients who rate the
  alliance higher than their therapist's other patients do better, and do therapists whose patients rate it
  higher?`,
  process2: "Second process (lagged both ways with the outcome)",
  process2Help:
    "Each process at a session predicts both at the next: does this process move the outcome, and the outcome this process?",
  allianceOf: (rater: string): string =>
    rater === "therapist" ? "Alliance rated by the therapist" : "Alliance rated by the patient",
  crossLaggedModel: "Model",
  crossLaggedModels: {
    stacked: "Both processes in one model (recommended)",
    separate: "Two separate equations (the earlier model)",
  } as Record<string, string>,
  crossLaggedModelHelp:
    "One model estimates the cross-lags with less bias; the separate equations pull the effect on the outcome towards zero (docs/recipes.md, cross-lagged recovery).",
  predictors: "Session-level predictors",
  predictorsHelp: html`Each is split into its within-patient (<code>_wp</code>), between-patient
  (<code>_pb</code>) and between-therapist (<code>_tm</code>) parts; a category enters as one 0/1 column per
  level against the first.`,
  focalGrowth: "growth (time)",
  focalLagged: "alliance → outcome slope (alliance_wp)",
  moderators: (focal: string) => `Therapist attributes that may change the ${focal}`,
  moderatorsHelp: (focal: string): TemplateResult =>
    html`Each enters centred over therapists (<code>_tm</code>) with its interaction with the ${focal} (a
    cross-level interaction).`,
  custom: "Custom model",
  formula: "Model formula (lme4 syntax)",
  columnsSummary: "Columns a formula can use (one row per patient × session)",
  family: "Family and link",
  families: {
    gaussian: "Linear (continuous outcome; lmer, REML)",
    "binomial/logit": "Binomial, logit link (yes/no; odds ratios)",
    "binomial/probit": "Binomial, probit link (yes/no)",
    "binomial/cloglog": "Binomial, complementary log-log link (yes/no; hazard ratios)",
    "poisson/log": "Poisson, log link (counts, e.g. forms_missed; rate ratios)",
  } as Record<string, string>,
  nagq: "Quadrature points (nAGQ)",
  nagqHelp:
    "1 = Laplace approximation (glmer's default); 2–25 = adaptive Gauss–Hermite quadrature, for a model with a single random intercept; 0 = faster and slightly less exact.",
  reliability: "Reliability of the well-being scale",
  reliabilityHelp:
    "For the Jacobson–Truax reliable-change threshold; empty = 0.8 (assumed, and the run says so).",
  rci: "Or: reliable-change threshold in points",
  rciHelp:
    "A published threshold for the scale, used instead of computing one (leave the reliability empty).",
  planned: "Planned number of sessions",
  plannedHelp:
    "A patient with no session at or after it dropped out; empty = the largest session number in the data.",
  tickArm: "Tick at least one arm of the study.",
  /** The server's reason comes in English. */
  cannotStart: (why: string) => `The run could not start: ${why}.`,
  failed: (why: string) => `The run failed: ${why}`,
  run: "Run the analysis",
  fitting: "Fitting models…",
  fittingLong: "Fitting models… this takes a few seconds for a network, longer for all five analyses.",
  // The outcome rates card.
  ratesH: "Outcome rates",
  ratesLead:
    "Reliable improvement, no change and deterioration from each patient's first to last rated session (Jacobson–Truax), and dropout among the episodes that ended, for the data chosen above.",
  showRates: "Show outcome rates",
  overall: (outcome: string, threshold: string) =>
    `Overall (${outcome}, reliable change beyond ${threshold} points)`,
  byArm: "By arm",
  bySite: "By site",
  rateCols: [
    "Group",
    "Patients",
    "Rated twice",
    "Reliably improved",
    "No reliable change",
    "Reliably deteriorated",
    "Ended",
    "Dropout",
  ],
  allPatients: "All patients",
  // The runs list.
  runsTitle: "Analysis runs",
  runsLead:
    "Every analysis run in the network, newest first. Each run keeps the data it analysed, so its numbers, report and R script stay the same even when new data arrive.",
  startRun: "Start a new run",
  noRuns: "No runs yet.",
  firstRun: "Run a first analysis",
  runsLabel: "Analysis runs, newest first",
  runsCols: ["When", "Analysis", "Data", "Rows", "By", "Run id"],
  removed: (n: number) => `(${n} removed after erasure)`,
  openRun: "Open run ",
  find: {
    label: "Runs",
    search: "Find runs",
    hint: "analysis, study, person or run id",
    analysis: "Analysis",
    everyAnalysis: "Every analysis",
    data: "Data",
    anyData: "Any data",
    by: "Run by",
    anyone: "Anyone",
    newest: "Newest first",
    oldest: "Oldest first",
    mostRows: "Most rows first",
    shown: (n: number, of: number) => `${n} of ${of} runs shown.`,
  },
};

export type WorkspaceWords = typeof en;

const fr: WorkspaceWords = {
  title: "Espace de recherche",
  nav: { workspace: "Espace de travail", runs: "Analyses faites", analyses: "Analyses" },
  lead: "Choisissez les données à analyser et une analyse, puis lancez-la. attune ajuste les modèles mixtes (les mêmes résultats que lme4 et lmerTest dans R) et enregistre l'analyse — qui, quand, quelles données et leur empreinte — pour que chaque résultat publié puisse être retracé et reproduit dans R. Vous ne voyez que les codes des patients et des thérapeutes, jamais leurs coordonnées.",
  pastRuns: "Voir toutes les analyses faites",
  data: "Données",
  which: "Quelles données",
  network: "Tout le réseau (tous les patients)",
  study: (name: string) => `Étude\u00a0: ${name}`,
  from: "Séances du",
  to: "au (inclus)",
  datesHelp:
    "Laissez les deux vides pour toutes les séances. Une séance sans date compte au jour où elle a été enregistrée.",
  armsOf: (name: string) => `Bras de «\u00a0${name}\u00a0»`,
  armsHelp: "Décochez un bras pour écarter les patients de ses thérapeutes.",
  arm: (code: string) => `Bras ${code}`,
  armCode: (code: string) => `(bras ${code})`,
  outcome: "Mesure du critère",
  higherBetter: "Sur cette mesure, un score plus élevé est meilleur.",
  lowerBetter:
    "Sur cette mesure, un score plus bas est meilleur (une échelle de symptômes)\u00a0: une amélioration se lit comme une pente négative.",
  armsFrom: "Bras comparés",
  noArms: "Aucun (pas de colonne de bras)",
  armsFromStudy: (name: string) => `Bras de l'étude ${name}`,
  armsFromHelp:
    "Les séances de chaque patient dans cette étude portent son bras\u00a0; ses autres séances n'en ont pas.",
  analysis: "Analyse",
  options: "Options",
  byCondition: "Surface de réponse\u00a0: ajuster aussi chaque bras séparément",
  rater: "L'évaluation de l'alliance qui prédit le bien-être (intra/inter, différences entre thérapeutes)",
  raterPatient: "celle du patient",
  raterTherapist: "celle du thérapeute",
  detrend: "Retirer la tendance linéaire de chaque patient de la partie intra-patient",
  betweenTherapist:
    "Décomposer la partie inter-patients en écarts entre patients d'un thérapeute et écarts entre thérapeutes",
  betweenTherapistHelp: html`L'alliance moyenne du patient devient son écart à la moyenne de son thérapeute
  (<code>alliance_pb</code>) plus la moyenne du thérapeute (<code>alliance_tm</code>)&nbsp;: les patients qui
  évaluent l'alliance plus haut que les autres patients de leur thérapeute vont-ils mieux, et les thérapeutes
  dont les patients l'évaluent plus haut&nbsp;?`,
  process2: "Second processus (décalé dans les deux sens avec le critère)",
  process2Help:
    "Chaque processus à une séance prédit les deux à la suivante : ce processus fait-il bouger le critère, et le critère ce processus ?",
  allianceOf: (rater: string) =>
    rater === "therapist" ? "Alliance évaluée par le thérapeute" : "Alliance évaluée par le patient",
  crossLaggedModel: "Modèle",
  crossLaggedModels: {
    stacked: "Les deux processus dans un seul modèle (recommandé)",
    separate: "Deux équations séparées (l'ancien modèle)",
  },
  crossLaggedModelHelp:
    "Un seul modèle estime les effets croisés avec moins de biais ; les équations séparées tirent l'effet sur le critère vers zéro (docs/recipes.md, récupération des effets croisés).",
  predictors: "Prédicteurs au niveau de la séance",
  predictorsHelp: html`Chacun est décomposé en parties intra-patient (<code>_wp</code>), inter-patients
  (<code>_pb</code>) et inter-thérapeutes (<code>_tm</code>)&nbsp;; une catégorie entre comme une colonne 0/1
  par niveau, comparée au premier.`,
  focalGrowth: "l'évolution (time)",
  focalLagged: "la pente alliance → critère (alliance_wp)",
  moderators: (focal: string) => `Attributs des thérapeutes qui peuvent modifier ${focal}`,
  moderatorsHelp: (focal: string): TemplateResult =>
    html`Chacun entre centré sur les thérapeutes (<code>_tm</code>) avec son interaction avec ${focal} (une
    interaction entre niveaux).`,
  custom: "Modèle personnalisé",
  formula: "Formule du modèle (syntaxe lme4)",
  columnsSummary: "Colonnes utilisables dans une formule (une ligne par patient × séance)",
  family: "Famille et lien",
  families: {
    gaussian: "Linéaire (critère continu\u00a0; lmer, REML)",
    "binomial/logit": "Binomiale, lien logit (oui/non\u00a0; rapports de cotes)",
    "binomial/probit": "Binomiale, lien probit (oui/non)",
    "binomial/cloglog": "Binomiale, lien log-log complémentaire (oui/non\u00a0; rapports de risques)",
    "poisson/log": "Poisson, lien log (comptes, p. ex. forms_missed\u00a0; rapports de taux)",
  },
  nagq: "Points de quadrature (nAGQ)",
  nagqHelp:
    "1 = approximation de Laplace (par défaut dans glmer)\u00a0; 2 à 25 = quadrature de Gauss–Hermite adaptative, pour un modèle à une seule ordonnée à l'origine aléatoire\u00a0; 0 = plus rapide et un peu moins exact.",
  reliability: "Fidélité de l'échelle de bien-être",
  reliabilityHelp:
    "Pour le seuil de changement fiable de Jacobson–Truax\u00a0; vide = 0,8 (supposée, et l'analyse le dit).",
  rci: "Ou\u00a0: seuil de changement fiable en points",
  rciHelp: "Un seuil publié pour l'échelle, utilisé au lieu d'en calculer un (laissez la fidélité vide).",
  planned: "Nombre de séances prévues",
  plannedHelp:
    "Un patient sans séance à partir de celle-ci a abandonné\u00a0; vide = le plus grand numéro de séance des données.",
  tickArm: "Cochez au moins un bras de l'étude.",
  cannotStart: (why: string) => `L'analyse n'a pas pu démarrer\u00a0: ${why}.`,
  failed: (why: string) => `L'analyse a échoué\u00a0: ${why}`,
  run: "Lancer l'analyse",
  fitting: "Ajustement des modèles…",
  fittingLong: "Ajustement des modèles… quelques secondes pour un réseau, davantage pour les cinq analyses.",
  ratesH: "Taux d'évolution",
  ratesLead:
    "Amélioration fiable, absence de changement et détérioration entre la première et la dernière séance évaluée de chaque patient (Jacobson–Truax), et abandon parmi les épisodes terminés, pour les données choisies ci-dessus.",
  showRates: "Afficher les taux d'évolution",
  overall: (outcome: string, threshold: string) =>
    `Ensemble (${outcome}, changement fiable au-delà de ${threshold} points)`,
  byArm: "Par bras",
  bySite: "Par site",
  rateCols: [
    "Groupe",
    "Patients",
    "Évalués deux fois",
    "Amélioration fiable",
    "Pas de changement fiable",
    "Détérioration fiable",
    "Terminés",
    "Abandon",
  ],
  allPatients: "Tous les patients",
  runsTitle: "Analyses faites",
  runsLead:
    "Toutes les analyses faites dans le réseau, les plus récentes d'abord. Chaque analyse garde les données analysées\u00a0: ses résultats, son rapport et son script R restent les mêmes quand de nouvelles données arrivent.",
  startRun: "Lancer une nouvelle analyse",
  noRuns: "Aucune analyse pour l'instant.",
  firstRun: "Lancer une première analyse",
  runsLabel: "Analyses faites, les plus récentes d'abord",
  runsCols: ["Quand", "Analyse", "Données", "Lignes", "Par", "Identifiant"],
  removed: (n: number) => `(${n} retirée${n === 1 ? "" : "s"} après effacement)`,
  openRun: "Ouvrir l'analyse ",
  find: {
    label: "Analyses",
    search: "Chercher des analyses",
    hint: "analyse, étude, personne ou identifiant",
    analysis: "Analyse",
    everyAnalysis: "Toutes les analyses",
    data: "Données",
    anyData: "Toutes les données",
    by: "Lancée par",
    anyone: "N'importe qui",
    newest: "Les plus récentes d'abord",
    oldest: "Les plus anciennes d'abord",
    mostRows: "Le plus de lignes d'abord",
    shown: (n: number, of: number) =>
      `${n} analyse${n === 1 ? "" : "s"} sur ${of} affichée${n === 1 ? "" : "s"}.`,
  },
};

/** The English table, for the test that looks for English left on a French page. */
export const WORKSPACE_EN = en;
/** The French table. */
export const WORKSPACE_FR = fr;

/**
 * The workspace's and runs list's words in `lang`.
 *
 * @example
 * workspaceWords("fr").run; // "Lancer l'analyse"
 */
export function workspaceWords(lang: Lang): WorkspaceWords {
  return lang === "fr" ? fr : en;
}
