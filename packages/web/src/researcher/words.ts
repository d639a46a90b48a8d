// The researcher pages' shared words in English and French: the recipes (names, what each does), the
// models of a run (short names, captions), the selection in words, and the column names of measures. The
// workspace's own words are in workspaceWords.ts, the run page's in runWords.ts. Statistical terms keep
// their standard French names (erreur type, intervalle de confiance à 95 %, ddl). Over 400 lines: the two
// languages' tables are kept in one file so a recipe or model added to one is seen missing from the other.
import type { Lang } from "../lang.ts";
import type { Selection } from "./types.ts";

const en = {
  recipes: [
    {
      id: "congruence",
      name: "Congruence (truth and bias)",
      what: "How closely therapists' alliance ratings follow their patients' (truth force) and whether they rate higher or lower (directional bias); with a study, whether the arm changes either.",
    },
    {
      id: "rsa",
      name: "Response surface",
      what: "Whether agreement between the therapist's and the patient's alliance ratings predicts the patient's well-being at the next session.",
    },
    {
      id: "growth",
      name: "Growth",
      what: "How the alliance changes from session to session, for each rater and arm.",
    },
    {
      id: "lagged",
      name: "Within and between patients",
      what: "Whether a session with a better alliance than the patient's usual predicts better well-being next session, separately from patients with better alliances overall.",
    },
    {
      id: "therapist-slopes",
      name: "Therapist differences",
      what: "Whether the link from alliance to next-session well-being differs between therapists.",
    },
    { id: "all", name: "All five", what: "Every analysis above on the same data, in one run." },
    {
      id: "raters",
      name: "Patient and therapist growth",
      what: "Both raters' alliance in one model: how each rater's alliance grows over sessions, how the therapist's growth differs from the patient's, and, with a study's arms, whether the arm changes either (needs therapist ratings).",
    },
    {
      id: "cross-lagged",
      name: "Cross-lagged (two processes)",
      what: "Two processes measured at each session (e.g. confidence in the therapist and well-being), each at one session predicting both at the next: whether each moves the other, beyond its own persistence and the patient's stable levels.",
    },
    {
      id: "ruptures",
      name: "Alliance ruptures",
      what: "Observer-coded ruptures (withdrawal, confrontation; their intensity when coded): whether a session with a rupture has a lower patient-rated alliance and is followed by lower well-being, within each patient and between patients (needs rupture codings).",
    },
    {
      id: "modality",
      name: "Session modality",
      what: "Sessions in person, by video or by phone: whether a remote session has a lower patient-rated alliance and well-being than the same therapist's in-person sessions, and whether therapists with more remote sessions differ (needs the sessions' modality).",
    },
    {
      id: "deterioration",
      name: "Reliable deterioration and dropout",
      what: "Binary outcomes (binomial family, logit link, fitted as lme4's glmer): whether patients' well-being worsens reliably from their first rating (at their last rating and at each session), and whether they drop out before the planned last session; odds ratios of the arms, with therapist and patient random effects.",
    },
    {
      id: "custom",
      name: "Custom model",
      what: "Any lme4 formula over the prepared table (one row per patient × session): a linear mixed model as lmer, or a generalized one as glmer — binomial (logit, probit, cloglog) for yes/no outcomes, Poisson (log) for counts such as missed forms.",
    },
  ],
  short: {
    congruence: "therapist's rating on the patient's (truth and bias)",
    rsa: "response surface, all arms",
    rsaArm: (arm: string) => `response surface, arm ${arm}`,
    growth_patient: "growth of the patient-rated alliance",
    growth_therapist: "growth of the therapist-rated alliance",
    lagged: "within- and between-patient effects on next-session well-being",
    therapist_slopes: "therapist differences in the alliance → well-being slope",
    deterioration_last: "reliable deterioration at the last rating (binomial)",
    deterioration_sessions: "reliable deterioration at each session (binomial)",
    dropout: "dropout before the planned last session (binomial)",
    custom: "your formula",
    cross_lagged: "both processes at the next session, one model (cross-lags and autoregressions)",
    cross_lagged_outcome: "the outcome at the next session (separate equations)",
    raters: "both raters' alliance growth, per arm (stacked)",
    ruptures_alliance: "ruptures and the same session's alliance",
    ruptures_outcome: "ruptures and next-session well-being",
    modality_alliance: "modality and the same session's alliance",
    modality_outcome: "modality and the same session's well-being",
  } as Record<string, string | ((arm: string) => string)>,
  caption: {
    congruence:
      "The therapist's alliance rating modelled on the patient's (both centred on the mean patient rating). The intercept is the directional bias (therapist minus patient at an average patient rating, first session), truth_c the truth force; terms with condition are how the other arm differs.",
    rsa: (arm: string | null) =>
      `Next-session well-being on the therapist's (X) and patient's (Y) alliance rating, their squares and product (centred on the pooled mean), controlling for current well-being and time${arm === null ? "" : `; arm ${arm} only`}.`,
    growth_patient: "Patient-rated alliance over sessions (time = session − 1), per arm.",
    growth_therapist: "Therapist-rated alliance over sessions (time = session − 1), per arm.",
    lagged:
      "Next-session well-being on the alliance split into the patient's own mean (between patients) and the session's deviation from it (within patient).",
    therapist_slopes:
      "Next-session well-being on the within-patient alliance, with a slope that may differ between therapists.",
    deterioration_last:
      "Whether the patient's last well-being rating is reliably worse than the first (1) or not (0), by arm, with therapist random intercepts: log-odds.",
    deterioration_sessions:
      "Whether each session's well-being is reliably worse than the patient's first rating, by arm and time, with therapist and patient (within therapist) random intercepts: log-odds.",
    dropout:
      "Whether the patient had no session at or after the planned last session, by arm, with therapist random intercepts: log-odds.",
    raters:
      "Both raters' alliance stacked, one row per rating: growth over sessions (time = session − 1) for the patient (reference) and how the therapist's differs (ratertherapist terms), per arm when the data have arms; therapist and patient random effects per rater.",
    ruptures_alliance:
      "The patient's alliance at the session on each rupture type's intensity, split into the patient's mean (_pm, between patients) and the session's deviation from it (_wp, within patient), and time.",
    ruptures_outcome:
      "Next-session well-being on each rupture type's within (_wp) and between (_pm) parts, controlling for current well-being and time.",
    modality_alliance:
      "The patient's alliance at the session on each remote modality against in person, split into the therapist's share of sessions in it (_tm, between therapists) and the session's deviation from that share (_wt, within therapist), and time.",
    modality_outcome:
      "Well-being at the same session on each modality's within-therapist (_wt) and between-therapist (_tm) parts, and time.",
  } as Record<string, string | ((arm: string | null) => string)>,
  selection: {
    study: (name: string) => `study “${name}”`,
    network: "whole network",
    sessions: (from: string, to: string) => `sessions ${from} to ${to}`,
    allSessions: "all sessions",
    arms: (arms: string) => `arms ${arms}`,
    armsOf: (name: string) => `arms of study “${name}”`,
    outcome: (o: string) => `outcome ${o}`,
    perArm: "surface per arm",
    rated: (rater: string): string =>
      rater === "therapist" ? "therapist-rated alliance" : "patient-rated alliance",
    detrended: "within part detrended",
    byTherapist: "between part split by therapist",
    process2: (x: string, model: string) =>
      `second process ${x} · ${model === "separate" ? "separate equations" : "one stacked model"}`,
    rci: (v: number) => `reliable change ${v} points`,
    reliability: (v: string) => `reliability ${v}`,
    assumed: "0.8 (assumed)",
    planned: (n: number) => `${n} planned sessions`,
    family: (family: string, link: string) => `${family}, ${link} link`,
    linear: "linear",
  },
  /** Measure labels by long-table column (core's own labels are English). */
  measures: {} as Record<string, string>,
  session: "session modality (video and phone, each against in person)",
  endReason: "why the episode ended (completed, dropout, referred, other; NA while open)",
  columns: {} as Record<string, string>,
  attribute: (label: string, kind: string, levels: string) =>
    `${label} (therapist attribute, ${kind === "numeric" ? "numeric" : `categories ${levels}`}; one value per therapist)`,
};

export type ResearchWords = typeof en;

const fr: ResearchWords = {
  recipes: [
    {
      id: "congruence",
      name: "Congruence (vérité et biais)",
      what: "Dans quelle mesure les évaluations de l'alliance par les thérapeutes suivent celles de leurs patients (force de vérité) et s'ils l'évaluent plus haut ou plus bas (biais directionnel)\u00a0; avec une étude, si le bras modifie l'une ou l'autre.",
    },
    {
      id: "rsa",
      name: "Surface de réponse",
      what: "Si l'accord entre l'évaluation de l'alliance par le thérapeute et par le patient prédit le bien-être du patient à la séance suivante.",
    },
    {
      id: "growth",
      name: "Évolution",
      what: "Comment l'alliance évolue d'une séance à l'autre, pour chaque évaluateur et chaque bras.",
    },
    {
      id: "lagged",
      name: "Intra- et inter-patients",
      what: "Si une séance où l'alliance est meilleure que d'habitude pour ce patient prédit un meilleur bien-être à la séance suivante, indépendamment des patients dont l'alliance est meilleure dans l'ensemble.",
    },
    {
      id: "therapist-slopes",
      name: "Différences entre thérapeutes",
      what: "Si le lien entre l'alliance et le bien-être de la séance suivante diffère d'un thérapeute à l'autre.",
    },
    {
      id: "all",
      name: "Les cinq",
      what: "Toutes les analyses ci-dessus sur les mêmes données, en une seule analyse.",
    },
    {
      id: "raters",
      name: "Évolution selon le patient et le thérapeute",
      what: "L'alliance des deux évaluateurs dans un même modèle : comment l'alliance de chacun évolue d'une séance à l'autre, en quoi l'évolution du thérapeute diffère de celle du patient et, avec les bras d'une étude, si le bras modifie l'une ou l'autre (demande les évaluations des thérapeutes).",
    },
    {
      id: "cross-lagged",
      name: "Effets croisés décalés (deux processus)",
      what: "Deux processus mesurés à chaque séance (p. ex. la confiance dans le thérapeute et le bien-être), chacun à une séance prédisant les deux à la suivante : si chacun fait bouger l'autre, au-delà de sa propre persistance et des niveaux stables du patient.",
    },
    {
      id: "ruptures",
      name: "Ruptures d'alliance",
      what: "Ruptures codées par un observateur (retrait, confrontation ; leur intensité quand elle est codée) : si une séance avec rupture a une alliance évaluée par le patient plus basse et est suivie d'un bien-être plus bas, pour un même patient et entre patients (demande des codages de ruptures).",
    },
    {
      id: "modality",
      name: "Modalité des séances",
      what: "Séances en présentiel, en vidéo ou par téléphone : si une séance à distance a une alliance évaluée par le patient et un bien-être plus bas que les séances en présentiel du même thérapeute, et si les thérapeutes qui font plus de séances à distance diffèrent (demande la modalité des séances).",
    },
    {
      id: "deterioration",
      name: "Détérioration fiable et abandon",
      what: "Issues binaires (famille binomiale, lien logit, ajustées comme glmer de lme4)\u00a0: si le bien-être des patients se dégrade de façon fiable depuis leur première évaluation (à la dernière et à chaque séance), et s'ils abandonnent avant la dernière séance prévue\u00a0; rapports de cotes des bras, avec effets aléatoires thérapeute et patient.",
    },
    {
      id: "custom",
      name: "Modèle personnalisé",
      what: "N'importe quelle formule lme4 sur la table préparée (une ligne par patient × séance)\u00a0: un modèle linéaire mixte comme lmer, ou généralisé comme glmer — binomial (logit, probit, cloglog) pour les issues oui/non, Poisson (log) pour des comptes comme les questionnaires manqués.",
    },
  ],
  short: {
    congruence: "évaluation du thérapeute sur celle du patient (vérité et biais)",
    rsa: "surface de réponse, tous les bras",
    rsaArm: (arm: string) => `surface de réponse, bras ${arm}`,
    growth_patient: "évolution de l'alliance évaluée par le patient",
    growth_therapist: "évolution de l'alliance évaluée par le thérapeute",
    lagged: "effets intra- et inter-patients sur le bien-être de la séance suivante",
    therapist_slopes: "différences entre thérapeutes de la pente alliance → bien-être",
    deterioration_last: "détérioration fiable à la dernière évaluation (binomial)",
    deterioration_sessions: "détérioration fiable à chaque séance (binomial)",
    dropout: "abandon avant la dernière séance prévue (binomial)",
    custom: "votre formule",
    cross_lagged:
      "les deux processus à la séance suivante, un seul modèle (effets croisés et autorégressions)",
    cross_lagged_outcome: "le critère à la séance suivante (équations séparées)",
    raters: "évolution de l'alliance selon les deux évaluateurs, par bras (empilée)",
    ruptures_alliance: "ruptures et alliance de la même séance",
    ruptures_outcome: "ruptures et bien-être à la séance suivante",
    modality_alliance: "modalité et alliance de la même séance",
    modality_outcome: "modalité et bien-être de la même séance",
  },
  caption: {
    congruence:
      "L'évaluation de l'alliance par le thérapeute modélisée sur celle du patient (toutes deux centrées sur la moyenne des évaluations des patients). L'ordonnée à l'origine est le biais directionnel (thérapeute moins patient pour une évaluation moyenne du patient, première séance), truth_c la force de vérité\u00a0; les termes avec condition disent en quoi l'autre bras diffère.",
    rsa: (arm: string | null) =>
      `Bien-être de la séance suivante sur l'évaluation de l'alliance par le thérapeute (X) et par le patient (Y), leurs carrés et leur produit (centrés sur la moyenne commune), en contrôlant le bien-être actuel et le temps${arm === null ? "" : `\u00a0; bras ${arm} seulement`}.`,
    growth_patient: "Alliance évaluée par le patient au fil des séances (time = séance − 1), par bras.",
    growth_therapist: "Alliance évaluée par le thérapeute au fil des séances (time = séance − 1), par bras.",
    lagged:
      "Bien-être de la séance suivante sur l'alliance décomposée en moyenne propre au patient (inter-patients) et écart de la séance à cette moyenne (intra-patient).",
    therapist_slopes:
      "Bien-être de la séance suivante sur l'alliance intra-patient, avec une pente qui peut varier d'un thérapeute à l'autre.",
    deterioration_last:
      "Si la dernière évaluation du bien-être du patient est de façon fiable moins bonne que la première (1) ou non (0), par bras, avec ordonnées à l'origine aléatoires par thérapeute\u00a0: log-cotes.",
    deterioration_sessions:
      "Si le bien-être de chaque séance est de façon fiable moins bon que la première évaluation du patient, par bras et temps, avec ordonnées à l'origine aléatoires par thérapeute et par patient (dans le thérapeute)\u00a0: log-cotes.",
    dropout:
      "Si le patient n'a eu aucune séance à partir de la dernière séance prévue, par bras, avec ordonnées à l'origine aléatoires par thérapeute\u00a0: log-cotes.",
    raters:
      "L'alliance des deux évaluateurs empilée, une ligne par évaluation\u00a0: évolution au fil des séances (temps = séance − 1) pour le patient (référence) et en quoi celle du thérapeute diffère (termes ratertherapist), par bras quand les données en ont\u00a0; effets aléatoires thérapeute et patient par évaluateur.",
    ruptures_alliance:
      "L'alliance évaluée par le patient à la séance selon l'intensité de chaque type de rupture, séparée en moyenne du patient (_pm, entre patients) et écart de la séance à cette moyenne (_wp, intra-patient), et le temps.",
    ruptures_outcome:
      "Le bien-être à la séance suivante selon les parties intra (_wp) et inter (_pm) de chaque type de rupture, en contrôlant le bien-être actuel et le temps.",
    modality_alliance:
      "L'alliance évaluée par le patient à la séance selon chaque modalité à distance comparée au présentiel, séparée en part des séances du thérapeute dans cette modalité (_tm, entre thérapeutes) et écart de la séance à cette part (_wt, intra-thérapeute), et le temps.",
    modality_outcome:
      "Le bien-être à la même séance selon les parties intra-thérapeute (_wt) et inter-thérapeutes (_tm) de chaque modalité, et le temps.",
  },
  selection: {
    study: (name: string) => `étude «\u00a0${name}\u00a0»`,
    network: "tout le réseau",
    sessions: (from: string, to: string) => `séances du ${from} au ${to}`,
    allSessions: "toutes les séances",
    arms: (arms: string) => `bras ${arms}`,
    armsOf: (name: string) => `bras de l'étude «\u00a0${name}\u00a0»`,
    outcome: (o: string) => `critère ${o}`,
    perArm: "surface par bras",
    rated: (rater: string) =>
      rater === "therapist" ? "alliance évaluée par le thérapeute" : "alliance évaluée par le patient",
    detrended: "partie intra sans tendance",
    byTherapist: "partie inter décomposée par thérapeute",
    process2: (x: string, model: string) =>
      `second processus ${x} · ${model === "separate" ? "équations séparées" : "un seul modèle empilé"}`,
    rci: (v: number) => `changement fiable de ${String(v).replace(".", ",")} points`,
    reliability: (v: string) => `fidélité ${v.replace(".", ",")}`,
    assumed: "0,8 (supposée)",
    planned: (n: number) => `${n} séances prévues`,
    family: (family: string, link: string) => `${family}, lien ${link}`,
    linear: "linéaire",
  },
  measures: {
    alliance_patient: "alliance évaluée par le patient",
    alliance_therapist: "alliance évaluée par le thérapeute",
    wellbeing: "bien-être évalué par le patient",
    phq9: "PHQ-9, total",
    gad7: "GAD-7, total",
    core10: "CORE-10, total",
    who5: "WHO-5, total",
    ors: "ORS, total",
    confidence: "Confiance, total",
    confidence_therapist: "Confiance\u00a0: confiance dans le thérapeute",
    confidence_treatment: "Confiance\u00a0: confiance dans le traitement",
    any_rupture: "Codage des ruptures\u00a0: une rupture (0/1)",
    rupture_withdrawal: "Codage des ruptures\u00a0: rupture de retrait (0/1)",
    rupture_confrontation: "Codage des ruptures\u00a0: rupture de confrontation (0/1)",
    rupture_withdrawal_intensity: "Codage des ruptures\u00a0: intensité du retrait (0 = aucun)",
    rupture_confrontation_intensity: "Codage des ruptures\u00a0: intensité de la confrontation (0 = aucune)",
    experience_flow: "Vécu du thérapeute\u00a0: fluidité",
    experience_anxiety: "Vécu du thérapeute\u00a0: anxiété",
    experience_negative: "Vécu du thérapeute\u00a0: réactions négatives",
  },
  session: "modalité de la séance (vidéo et téléphone, chacun comparé au présentiel)",
  endReason:
    "pourquoi l'épisode a pris fin (terminé, abandon, orienté, autre\u00a0; NA tant qu'il est ouvert)",
  columns: {
    therapist: "code du thérapeute (facteur de regroupement)",
    patient: "code du patient (facteur de regroupement\u00a0; à emboîter comme therapist:patient)",
    condition: "bras de l'étude",
    session: "numéro de séance (1 = première)",
    time: "séance − 1",
    alliance_patient: "alliance évaluée par le patient",
    alliance_therapist: "alliance évaluée par le thérapeute",
    outcome: "le critère (bien-être) à la séance",
    outcome_next: "le critère à la séance suivante du patient",
    alliance_pm: "moyenne de l'alliance évaluée par le patient, par patient (inter-patients)",
    alliance_wp: "alliance_patient − alliance_pm (intra-patient)",
    forms_missed:
      "questionnaires de la séance sans réponse (alliance patient, alliance thérapeute, critère)\u00a0: un compte de 0 à 3",
  },
  attribute: (label: string, kind: string, levels: string) =>
    `${label} (attribut du thérapeute, ${kind === "numeric" ? "numérique" : `catégories ${levels}`}\u00a0; une valeur par thérapeute)`,
};

/** The English table, for the test that looks for English left on a French page. */
export const RESEARCH_EN = en;
/** The French table. */
export const RESEARCH_FR = fr;

/**
 * The researcher pages' shared words in `lang`.
 *
 * @example
 * researchWords("fr").recipes[0]?.name; // "Congruence (vérité et biais)"
 */
export function researchWords(lang: Lang): ResearchWords {
  return lang === "fr" ? fr : en;
}

/**
 * The readable name of a recipe id.
 *
 * @example
 * recipeName("rsa", "fr"); // "Surface de réponse"
 */
export const recipeName = (id: string, lang: Lang): string =>
  researchWords(lang).recipes.find((r) => r.id === id)?.name ?? id;

/**
 * A few words on what one model is, for the list of a run's models.
 *
 * @example
 * modelShort("rsa_1", "en"); // "response surface, arm 1"
 */
export function modelShort(name: string, lang: Lang): string {
  const w = researchWords(lang).short;
  if (name.startsWith("rsa_")) return (w["rsaArm"] as (a: string) => string)(name.slice(4));
  const s = w[name];
  return typeof s === "string" ? s : "";
}

/**
 * What one model of the results is, by its contract name (rsa_<arm> for a surface per arm).
 *
 * @example
 * modelCaption("growth_patient", "en"); // "Patient-rated alliance over sessions …"
 */
export function modelCaption(name: string, lang: Lang): string {
  const w = researchWords(lang).caption;
  if (name === "rsa" || name.startsWith("rsa_"))
    return (w["rsa"] as (a: string | null) => string)(name === "rsa" ? null : name.slice(4));
  const s = w[name];
  return typeof s === "string" ? s : "";
}

/**
 * A measure's label in `lang` (core's label where the table has none).
 *
 * @example
 * measureLabel("phq9", "PHQ-9 total", "fr"); // "PHQ-9, total"
 */
export function measureLabel(column: string, label: string, lang: Lang): string {
  return researchWords(lang).measures[column] ?? label;
}

/**
 * The selection in words: which data, which sessions, which arms, which options.
 *
 * @example
 * selectionText(run.selection, "congruence", "en"); // "study “prn” · all sessions"
 */
export function selectionText(s: Selection, recipe: string, lang: Lang): string {
  const w = researchWords(lang).selection;
  const parts = [s.studyName ? w.study(s.studyName) : w.network];
  if (s.from || s.to) parts.push(w.sessions(s.from ?? "…", s.to ?? "…"));
  else parts.push(w.allSessions);
  if (s.arms) parts.push(w.arms(s.arms.join(", ")));
  if (!s.studyName && s.armsFromName) parts.push(w.armsOf(s.armsFromName));
  if (s.options.outcome) parts.push(w.outcome(s.options.outcome));
  const all = recipe === "all";
  if ((all || recipe === "rsa") && s.options.byCondition) parts.push(w.perArm);
  if (all || recipe === "lagged" || recipe === "therapist-slopes") {
    parts.push(w.rated(s.options.rater));
    if (s.options.detrend) parts.push(w.detrended);
    if (s.options.betweenTherapist) parts.push(w.byTherapist);
  }
  const o = s.options;
  if (recipe === "cross-lagged" && o.process2)
    parts.push(w.process2(o.process2, o.crossLaggedModel ?? "stacked"));
  if (recipe === "deterioration") {
    parts.push(
      o.rci !== undefined
        ? w.rci(o.rci)
        : w.reliability(o.reliability !== undefined ? String(o.reliability) : w.assumed),
    );
    if (o.plannedSessions !== undefined) parts.push(w.planned(o.plannedSessions));
  }
  if (recipe === "custom" && o.formula) {
    const fam =
      o.family && o.family !== "gaussian"
        ? w.family(o.family, o.link ?? (o.family === "poisson" ? "log" : "logit"))
        : w.linear;
    parts.push(`${o.formula} (${fam}${o.nAGQ !== undefined && o.nAGQ !== 1 ? `, nAGQ ${o.nAGQ}` : ""})`);
  }
  return parts.join(" · ");
}
