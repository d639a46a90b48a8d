// The run page's words in English and French (/runs/<id>): the record, the downloads, each model's facts
// and tables, the headline sentences, the response surface, generalized models, and the report's figures
// with the columns of their numbers.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const en = {
  title: (id: string) => `Run ${id}`,
  allRuns: "← All runs",
  newRun: "New run",
  run: "run",
  lead: "The numbers of one recorded analysis. The run keeps exactly the data it analysed: to cite a number from this page, give the run id and the data fingerprint (sha256) below — anyone with the downloaded data can check the fingerprint and refit every model in R.",
  leadRedacted:
    "The numbers of one recorded analysis. The run keeps the data it analysed, less the rows of patients erased since (see below): to cite a number from this page, give the run id and the data fingerprint (sha256) recorded below.",
  redactedH: "Data redacted after erasure",
  redacted: (rows: number, patients: number, latest: string) =>
    `After this run was recorded, ${rows} row${rows === 1 ? "" : "s"} (patient × session) of ${patients === 1 ? "a patient" : `${patients} patients`} whose data were erased on request ${rows === 1 ? "was" : "were"} removed from its data (latest ${latest}). The numbers on this page are the ones recorded when the run was made. The downloads — data, report, R script and model data — are computed from the redacted data, so their numbers may differ slightly from the recorded ones.`,
  fingerprintNow: "The data download's fingerprint is now",
  recordH: "The record",
  record: {
    id: "Run id",
    by: "Run by",
    when: "When",
    version: "attune version",
    recipe: "Analysis (recipe)",
    data: "Data",
    rows: "Rows (patient × session)",
    removed: "Rows removed after erasure",
    sha: "Data fingerprint (sha256 of the CSV analysed)",
  },
  downloadsH: "Downloads",
  dl: {
    report: "Report (HTML, with all plots)",
    data: "Data analysed (tidy CSV; its sha256 is the fingerprint above)",
    dataRedacted:
      "Data analysed, less the erased patients' rows (tidy CSV; its sha256 is the fingerprint now, above)",
    script: "R script (lme4 + lmerTest)",
    models: "Model data for the R script (CSV)",
    fhir: "FHIR Bundle of the selection (JSON)",
  },
  reproduce:
    "To reproduce every model in R (with the packages lme4 and lmerTest), save the R script and the model data in one folder and run there:",
  refits: "It refits each model and prints lme4's numbers beside attune's.",
  openReport: "Open the full report",
  openReportRest: "(the same figures as this page, with every table of the analysis).",
  modelsH: "Models in this run",
  model: "Model",
  facts: {
    nobs: "Observations",
    groups: (g: string) => `Groups: ${g}`,
    family: "Family",
    familyIs: (family: string, link: string) => `${family} (${link} link), glmer`,
    loglik: "Log-likelihood",
    reml: "REML criterion",
    deviance: "Deviance",
    sigma: "Residual SD",
  },
  singular: "Singular fit: a variance is estimated at (or near) zero.",
  /** The fitting engine's warnings come in English. */
  warning: (w: string) => w,
  // Tables.
  fixefH: "Fixed effects",
  fixefOnScale: (scale: string) => `Fixed effects (${scale})`,
  term: "Term",
  estimate: "Estimate",
  se: "SE",
  df: "df",
  ciH: "95% CI",
  lmerNote:
    "df: Satterthwaite degrees of freedom, as lmerTest; t = estimate / SE; p two-sided; 95% CI = estimate ± t quantile × SE.",
  glmerNote: (family: string, link: string, approx: string, scale: string, why: string) =>
    `${family} family, ${link} link, maximum likelihood (${approx}) as lme4's glmer; z = estimate / SE (Wald), p two-sided; 95% CI = estimate ± 1.96 × SE on the ${scale} scale; ${why}.`,
  approx: {
    agq: (n: number) => `adaptive Gauss–Hermite quadrature with ${n} points`,
    pirls: "Laplace deviance with β from PIRLS (nAGQ = 0)",
    laplace: "Laplace approximation",
  },
  link: {
    logit: { scale: "log-odds", ratio: "Odds ratio", why: "odds ratio = exp(estimate)" },
    log: {
      scale: "log rate",
      ratio: "Rate ratio",
      why: "rate ratio = exp(estimate): the count's multiplier",
    },
    cloglog: {
      scale: "complementary log-log",
      ratio: "Hazard ratio",
      why: "hazard ratio = exp(estimate) (discrete-time reading of the cloglog link)",
    },
    other: (link: string) => ({
      scale: `${link} scale`,
      ratio: null as string | null,
      why: "no ratio: a probit coefficient is in latent SD units",
    }),
  },
  ranefH: "Random effects",
  group: "Group",
  sd: "SD",
  variance: "Variance",
  correlation: (terms: TemplateResult, group: string, r: string) =>
    html`Correlation of ${terms} within ${group}: ${r}. `,
  and: " and ",
  quantitiesH: "Headline quantities",
  quantity: "Quantity",
  // The response surface.
  surfaceH: "Response-surface parameters",
  parameter: "Parameter",
  meaning: "Meaning",
  surfaceMeaning: {
    a1: "slope along the line of agreement: do higher ratings by both go with better next-session well-being?",
    a2: "curvature along the line of agreement",
    a3: "slope along the line of disagreement: is it better when the therapist rates higher than the patient (positive) or lower (negative)?",
    a4: "curvature along the line of disagreement: negative means agreement itself goes with better well-being",
    a5: "X² − Y² asymmetry of the curvature",
  },
  surfaceNote:
    "a1 = b1 + b2, a2 = b3 + b4 + b5, a3 = b1 − b2, a4 = b3 − b4 + b5, a5 = b3 − b5 from the fixed effects X, Y, X2, XY, Y2; delta-method SEs and z tests.",
  surfacePlain: (a4: string, p4: string, a1: string, p1: string) =>
    `In plain words: if agreement itself went with better well-being, the surface would bend down on both sides of the line of agreement, along the line of disagreement (a4 negative). Here a4 = ${a4} (${p4}); along the line of agreement, a1 = ${a1} (${p1}).`,
  // Congruence in plain words.
  congruencePlain: (where: string, gap: string, lower: boolean, bias: string, step: string, force: string) =>
    html`In plain words (${where}): at an average patient rating, therapists rate the alliance
      <strong>${gap} points ${lower ? "lower" : "higher"}</strong> than their patients (directional bias
      ${bias}); when a patient's rating is 1 point higher, the therapist's is on average
      <strong>${step} points</strong> higher (truth force ${force}; 1 would be perfect tracking, 0 none).`,
  // Generalized models' arms.
  orH: "Reliable deterioration and dropout by arm",
  orCaption:
    "Odds ratio of each arm against the reference arm (Wald 95% interval), with therapist (and patient) random effects",
  orModel: "Model: arm",
  oddsRatio: "Odds ratio",
  noCompare: "No model could compare the arms (see the notes above).",
  /** The recipe's notes come in English from the engine. */
  note: (n: string) => n,
  ratesH: "Observed events per arm",
  rateCols: ["Model", "Arm", "Rows", "Events", "%"],
  // Figures.
  figuresLoading: "Drawing the report's figures…",
  figuresFailed: (why: string) => `The figures could not be drawn: ${why}`,
  figureNumbers: "The figure's numbers",
  sameNumbers: "Its numbers are those of the figure before.",
  figureTitle: {
    caterpillar: (about: string) => `Each therapist's ${about}`,
    trajectory: (about: string) => `Fitted ${about}-rated alliance per arm`,
    surface: (about: string) => `Response surface of ${about}`,
    contour: (about: string) => `Contours of the response surface of ${about}`,
  } as Record<string, (about: string) => string>,
  /** A figure's alt text: the report's own caption in English. */
  figureAlt: (_kind: string, _about: string, caption: string) => caption,
  figureHead: {
    therapist: "Therapist",
    arm: "Arm",
    estimate: "Estimate",
    lower: "Lower 95% limit",
    upper: "Upper 95% limit",
    session: "Session",
    fit: "Fitted",
    "therapist alliance (X)": "Therapist alliance (X)",
    "patient alliance (Y)": "Patient alliance (Y)",
    "predicted outcome": "Predicted outcome",
  } as Record<string, string>,
  /** What a per-therapist estimate or rater is called (core's words). */
  about: {} as Record<string, string>,
  /** Core's headline labels in this language: each [English, this language] piece replaced in turn. */
  labels: [] as [string, string][],
};

export type RunWords = typeof en;

const fr: RunWords = {
  title: (id: string) => `Analyse ${id}`,
  allRuns: "← Toutes les analyses",
  newRun: "Nouvelle analyse",
  run: "analyse",
  lead: "Les résultats d'une analyse enregistrée. L'analyse garde exactement les données analysées\u00a0: pour citer un résultat de cette page, donnez l'identifiant de l'analyse et l'empreinte des données (sha256) ci-dessous — toute personne disposant des données téléchargées peut vérifier l'empreinte et réajuster chaque modèle dans R.",
  leadRedacted:
    "Les résultats d'une analyse enregistrée. L'analyse garde les données analysées, moins les lignes des patients effacés depuis (voir ci-dessous)\u00a0: pour citer un résultat de cette page, donnez l'identifiant de l'analyse et l'empreinte des données (sha256) enregistrée ci-dessous.",
  redactedH: "Données expurgées après un effacement",
  redacted: (rows: number, patients: number, latest: string) =>
    `Après l'enregistrement de cette analyse, ${rows} ligne${rows === 1 ? "" : "s"} (patient × séance) ${patients === 1 ? "d'un patient" : `de ${patients} patients`} dont les données ont été effacées à leur demande ${rows === 1 ? "a été retirée" : "ont été retirées"} de ses données (dernière fois\u00a0: ${latest}). Les résultats de cette page sont ceux enregistrés lors de l'analyse. Les téléchargements — données, rapport, script R et données des modèles — sont calculés sur les données expurgées\u00a0: leurs résultats peuvent différer légèrement de ceux enregistrés.`,
  fingerprintNow: "L'empreinte des données téléchargées est désormais",
  recordH: "L'enregistrement",
  record: {
    id: "Identifiant de l'analyse",
    by: "Lancée par",
    when: "Quand",
    version: "Version d'attune",
    recipe: "Analyse (recette)",
    data: "Données",
    rows: "Lignes (patient × séance)",
    removed: "Lignes retirées après effacement",
    sha: "Empreinte des données (sha256 du CSV analysé)",
  },
  downloadsH: "Téléchargements",
  dl: {
    report: "Rapport (HTML, avec toutes les figures)",
    data: "Données analysées (CSV ordonné\u00a0; son sha256 est l'empreinte ci-dessus)",
    dataRedacted:
      "Données analysées, sans les lignes des patients effacés (CSV ordonné\u00a0; son sha256 est l'empreinte actuelle, ci-dessus)",
    script: "Script R (lme4 + lmerTest)",
    models: "Données des modèles pour le script R (CSV)",
    fhir: "Bundle FHIR de la sélection (JSON)",
  },
  reproduce:
    "Pour reproduire chaque modèle dans R (avec les paquets lme4 et lmerTest), enregistrez le script R et les données des modèles dans un même dossier et lancez-y\u00a0:",
  refits: "Il réajuste chaque modèle et affiche les résultats de lme4 à côté de ceux d'attune.",
  openReport: "Ouvrir le rapport complet",
  openReportRest: "(les mêmes figures que cette page, avec tous les tableaux de l'analyse).",
  modelsH: "Modèles de cette analyse",
  model: "Modèle",
  facts: {
    nobs: "Observations",
    groups: (g: string) => `Groupes\u00a0: ${g}`,
    family: "Famille",
    familyIs: (family: string, link: string) => `${family} (lien ${link}), glmer`,
    loglik: "Log-vraisemblance",
    reml: "Critère REML",
    deviance: "Déviance",
    sigma: "Écart type résiduel",
  },
  singular: "Ajustement singulier\u00a0: une variance est estimée à zéro (ou presque).",
  warning: (w: string) => w,
  fixefH: "Effets fixes",
  fixefOnScale: (scale: string) => `Effets fixes (${scale})`,
  term: "Terme",
  estimate: "Estimation",
  se: "Erreur type",
  df: "ddl",
  ciH: "IC à 95\u00a0%",
  lmerNote:
    "ddl\u00a0: degrés de liberté de Satterthwaite, comme lmerTest\u00a0; t = estimation / erreur type\u00a0; p bilatéral\u00a0; IC à 95\u00a0% = estimation ± quantile de t × erreur type.",
  glmerNote: (family: string, link: string, approx: string, scale: string, why: string) =>
    `Famille ${family}, lien ${link}, maximum de vraisemblance (${approx}) comme glmer de lme4\u00a0; z = estimation / erreur type (Wald), p bilatéral\u00a0; IC à 95\u00a0% = estimation ± 1,96 × erreur type sur l'échelle ${scale}\u00a0; ${why}.`,
  approx: {
    agq: (n: number) => `quadrature de Gauss–Hermite adaptative à ${n} points`,
    pirls: "déviance de Laplace avec β par PIRLS (nAGQ = 0)",
    laplace: "approximation de Laplace",
  },
  link: {
    logit: { scale: "log-cote", ratio: "Rapport de cotes", why: "rapport de cotes = exp(estimation)" },
    log: {
      scale: "log-taux",
      ratio: "Rapport de taux",
      why: "rapport de taux = exp(estimation)\u00a0: le multiplicateur du compte",
    },
    cloglog: {
      scale: "log-log complémentaire",
      ratio: "Rapport de risques",
      why: "rapport de risques = exp(estimation) (lecture en temps discret du lien cloglog)",
    },
    other: (link: string) => ({
      scale: `du lien ${link}`,
      ratio: null as string | null,
      why: "pas de rapport\u00a0: un coefficient probit est en unités d'écart type latent",
    }),
  },
  ranefH: "Effets aléatoires",
  group: "Groupe",
  sd: "Écart type",
  variance: "Variance",
  correlation: (terms: TemplateResult, group: string, r: string) =>
    html`Corrélation de ${terms} dans ${group}&nbsp;: ${r}. `,
  and: " et ",
  quantitiesH: "Quantités principales",
  quantity: "Quantité",
  surfaceH: "Paramètres de la surface de réponse",
  parameter: "Paramètre",
  meaning: "Signification",
  surfaceMeaning: {
    a1: "pente le long de la ligne d'accord\u00a0: des évaluations plus hautes des deux vont-elles avec un meilleur bien-être à la séance suivante\u00a0?",
    a2: "courbure le long de la ligne d'accord",
    a3: "pente le long de la ligne de désaccord\u00a0: vaut-il mieux que le thérapeute évalue plus haut que le patient (positive) ou plus bas (négative)\u00a0?",
    a4: "courbure le long de la ligne de désaccord\u00a0: négative, l'accord lui-même va avec un meilleur bien-être",
    a5: "asymétrie X² − Y² de la courbure",
  },
  surfaceNote:
    "a1 = b1 + b2, a2 = b3 + b4 + b5, a3 = b1 − b2, a4 = b3 − b4 + b5, a5 = b3 − b5 à partir des effets fixes X, Y, X2, XY, Y2\u00a0; erreurs types par la méthode delta et tests z.",
  surfacePlain: (a4: string, p4: string, a1: string, p1: string) =>
    `En clair\u00a0: si l'accord lui-même allait avec un meilleur bien-être, la surface s'infléchirait vers le bas des deux côtés de la ligne d'accord, le long de la ligne de désaccord (a4 négatif). Ici a4 = ${a4} (${p4})\u00a0; le long de la ligne d'accord, a1 = ${a1} (${p1}).`,
  congruencePlain: (where: string, gap: string, lower: boolean, bias: string, step: string, force: string) =>
    html`En clair (${where})&nbsp;: pour une évaluation moyenne du patient, les thérapeutes évaluent
      l'alliance <strong>${gap} points plus ${lower ? "bas" : "haut"}</strong> que leurs patients (biais
      directionnel ${bias})&nbsp;; quand l'évaluation d'un patient est plus haute d'un point, celle du
      thérapeute l'est en moyenne de <strong>${step} points</strong> (force de vérité ${force}&nbsp;; 1 serait
      un suivi parfait, 0 aucun).`,
  orH: "Détérioration fiable et abandon par bras",
  orCaption:
    "Rapport de cotes de chaque bras par rapport au bras de référence (intervalle de Wald à 95\u00a0%), avec effets aléatoires thérapeute (et patient)",
  orModel: "Modèle\u00a0: bras",
  oddsRatio: "Rapport de cotes",
  noCompare: "Aucun modèle n'a pu comparer les bras (voir les remarques ci-dessus).",
  note: (n: string) => n,
  ratesH: "Événements observés par bras",
  rateCols: ["Modèle", "Bras", "Lignes", "Événements", "%"],
  figuresLoading: "Tracé des figures du rapport…",
  figuresFailed: (why: string) => `Les figures n'ont pas pu être tracées\u00a0: ${why}`,
  figureNumbers: "Les valeurs de la figure",
  sameNumbers: "Ses valeurs sont celles de la figure précédente.",
  figureTitle: {
    caterpillar: (about: string) => `${about.charAt(0).toUpperCase()}${about.slice(1)} de chaque thérapeute`,
    trajectory: (about: string) => `Alliance ajustée évaluée par le ${about}, par bras`,
    surface: (about: string) => `Surface de réponse de ${about}`,
    contour: (about: string) => `Courbes de niveau de la surface de réponse de ${about}`,
  },
  figureAlt: (kind: string, about: string) => {
    const a = fr.about[about] ?? about;
    if (kind === "caterpillar")
      return `${fr.figureTitle["caterpillar"]!(a)} (partie fixe + mode conditionnel, intervalle à 95\u00a0%), du plus bas au plus haut\u00a0; bleu\u00a0: bras de référence, orange\u00a0: autre bras.`;
    if (kind === "trajectory")
      return `Alliance ajustée évaluée par le ${a}, par bras (trajectoire de population, bande de confiance à 95\u00a0%)\u00a0; bleu\u00a0: bras de référence, orange\u00a0: autre bras.`;
    if (kind === "surface")
      return `Surface de réponse de ${a}\u00a0: critère prédit à la séance suivante (contrôles à leur moyenne)\u00a0; rouge plein\u00a0: ligne de congruence, rouge pointillé\u00a0: ligne d'incongruence\u00a0; points\u00a0: paires d'évaluations observées.`;
    return `Courbes de niveau de la même surface (${a}), plus foncé = critère prédit plus élevé, sur l'étendue observée.`;
  },
  figureHead: {
    therapist: "Thérapeute",
    arm: "Bras",
    estimate: "Estimation",
    lower: "Borne inférieure à 95\u00a0%",
    upper: "Borne supérieure à 95\u00a0%",
    session: "Séance",
    fit: "Ajusté",
    "therapist alliance (X)": "Alliance thérapeute (X)",
    "patient alliance (Y)": "Alliance patient (Y)",
    "predicted outcome": "Critère prédit",
  },
  about: {
    "directional bias": "biais directionnel",
    "truth force": "force de vérité",
    "temporal congruence": "congruence temporelle",
    "within-patient slope": "pente intra-patient",
    patient: "patient",
    therapist: "thérapeute",
  },
  labels: [
    ["truth force difference", "différence de force de vérité"],
    ["bias difference", "différence de biais"],
    ["directional bias", "biais directionnel"],
    ["truth force", "force de vérité"],
    ["temporal congruence", "congruence temporelle"],
    ["between-dyad force", "force inter-dyades"],
    ["alliance change per session", "évolution de l'alliance par séance"],
    ["slope difference", "différence de pente"],
    ["within patient (", "intra-patient ("],
    ["between patients of a therapist (", "entre patients d'un thérapeute ("],
    ["between patients (", "inter-patients ("],
    ["between therapists (", "inter-thérapeutes ("],
    ["contextual (between − within)", "contextuel (inter − intra)"],
    ["average within-patient slope", "pente intra-patient moyenne"],
    ["centred at", "centré en"],
    ["all therapists", "tous les thérapeutes"],
    ["arm ", "bras "],
  ],
};

/** The English table, for the test that looks for English left on a French page. */
export const RUN_EN = en;
/** The French table. */
export const RUN_FR = fr;

/**
 * A headline label from core ("truth force, arm 1") in `lang` ("force de vérité, bras 1").
 *
 * @example
 * headlineLabel("directional bias, all therapists", "fr"); // "biais directionnel, tous les thérapeutes"
 */
export function headlineLabel(label: string, lang: Lang): string {
  let out = label;
  for (const [from, to] of runWords(lang).labels) out = out.split(from).join(to);
  return out;
}

/**
 * The run page's words in `lang`.
 *
 * @example
 * runWords("fr").fixefH; // "Effets fixes"
 */
export function runWords(lang: Lang): RunWords {
  return lang === "fr" ? fr : en;
}
