// The hard words of attune's pages, explained once in English and French: the glossary page lists them
// all, and `explain` (explain.ts) puts one beside the number it is about. Kept apart from the pages so
// the two never say different things.
import type { Lang } from "../i18n.ts";

/** The terms explained. The key is the glossary anchor (/glossary#truth-force). */
export const TERMS = [
  "truth-force",
  "directional-bias",
  "temporal-congruence",
  "surface",
  "reml",
  "satterthwaite",
  "expected-band",
  "reliable-change",
  "rupture",
] as const;
export type Term = (typeof TERMS)[number];

interface Explained {
  /** The term as a heading. */
  name: string;
  /** One or two sentences: what it is and how to read it. */
  short: string;
  /** More, for the glossary page (how it is computed, where it comes from). */
  more: string;
}

const en: Record<Term, Explained> = {
  "truth-force": {
    name: "Truth force",
    short:
      "How closely the therapist's alliance rating follows the patient's: the change in the therapist's rating when the patient's rating is one point higher. 1 means the therapist's rating moves point for point with the patient's; 0 means it does not follow it at all.",
    more: "It is the slope of the patient's rating in the truth-and-bias model (West & Kenny), a mixed model of the therapist's rating with the patient's rating centred on the network's mean. Each therapist's own value is the network's slope plus their shrunken (conditional) deviation.",
  },
  "directional-bias": {
    name: "Directional bias",
    short:
      "Whether a therapist rates the alliance higher (positive) or lower (negative) than their patients do, in points of the 0–100 scale, for a patient who rates it at the network's average. 0 is no bias.",
    more: "It is the intercept of the truth-and-bias model: the therapist's expected rating minus the centre, where the patient's centred rating is 0, at the session the model's time is centred on.",
  },
  "temporal-congruence": {
    name: "Temporal congruence",
    short:
      "Whether the therapist's rating moves with the patient's from one session to the next, within the same therapy: the truth force of a patient's changes around their own usual level.",
    more: "The within-dyad part of the truth force (the patient's rating centred on that patient's own mean). Alliance training is meant to raise it.",
  },
  surface: {
    name: "Response surface (a1–a5)",
    short:
      "How next-session well-being depends on the therapist's (X) and the patient's (Y) alliance ratings together. a1: slope along the line of agreement (both rate high vs both low). a2: its curvature. a3: slope along the line of disagreement (which side rating higher goes with better well-being). a4: curvature across it (negative: well-being falls as the two views part, whichever way). a5: whether the surface's ridge is tilted away from the line of agreement.",
    more: "From a polynomial model outcome_next ~ b1·X + b2·Y + b3·X² + b4·XY + b5·Y² (+ controls): a1 = b1+b2, a2 = b3+b4+b5, a3 = b1−b2, a4 = b3−b4+b5, a5 = b3−b5, each with a delta-method standard error. A congruence effect shows as a negative a4 with a3 and a5 near 0.",
  },
  reml: {
    name: "REML",
    short:
      "Restricted maximum likelihood, the way attune (like R's lme4) fits mixed models by default: the variances of therapists and patients are estimated after allowing for the fixed effects, which biases them less than plain maximum likelihood when there are few groups.",
    more: "The REML criterion is reported as the deviance. Models with different fixed effects are compared with maximum likelihood (ML) instead, because REML likelihoods of different fixed effects are not comparable.",
  },
  satterthwaite: {
    name: "Satterthwaite degrees of freedom",
    short:
      "In a mixed model the t test of an effect has no exact degrees of freedom; Satterthwaite's approximation gives them (as R's lmerTest does), and with them the p value. Few therapists mean few degrees of freedom and wider intervals.",
    more: "The df come from the variance of the estimate and its gradient with respect to the variance parameters; attune's agree with lmerTest within 2%.",
  },
  "expected-band": {
    name: "Expected band",
    short:
      "The range of well-being expected at each session for a patient with this intake score (95%), predicted by a mixed model fitted on the network's own data. A patient below the band is not on track.",
    more: "Like OQ-Analyst's expected-recovery curves, but re-estimable and open: the model is outcome ~ intake + session with random effects for patients, refitted as the network's data grow; until there are enough data a built-in model is used.",
  },
  "reliable-change": {
    name: "Reliable change",
    short:
      "A change larger than measurement error alone would make in 95% of cases (Jacobson–Truax): 1.96 × √2 × the scale's standard error of measurement. Smaller changes may be noise.",
    more: "The standard error of measurement is the scale's SD × √(1 − reliability). attune's rupture and deterioration rules use each instrument's threshold.",
  },
  rupture: {
    name: "Rupture",
    short:
      "A fall in the patient's alliance rating larger than reliable change, against their previous session or their running mean, or a fall the therapist did not see. The research suggests talking about it with the patient (metacommunication).",
    more: "Each rupture alert lists the numbers it compared under \u201cWhy this alert\u201d. A rupture counts as resolved when the rating returns to its earlier level.",
  },
};

const fr: Record<Term, Explained> = {
  "truth-force": {
    name: "Force de vérité",
    short:
      "À quel point l'évaluation de l'alliance par le thérapeute suit celle du patient : le changement de l'évaluation du thérapeute quand celle du patient est plus haute d'un point. 1 : elle suit point pour point ; 0 : elle ne la suit pas du tout.",
    more: "C'est la pente de l'évaluation du patient dans le modèle de vérité et de biais (West & Kenny), un modèle mixte de l'évaluation du thérapeute avec l'évaluation du patient centrée sur la moyenne du réseau. La valeur de chaque thérapeute est la pente du réseau plus son écart propre, rétréci (mode conditionnel).",
  },
  "directional-bias": {
    name: "Biais directionnel",
    short:
      "Si un thérapeute évalue l'alliance plus haut (positif) ou plus bas (négatif) que ses patients, en points de l'échelle 0–100, pour un patient qui l'évalue à la moyenne du réseau. 0 : aucun biais.",
    more: "C'est l'ordonnée à l'origine du modèle de vérité et de biais : l'évaluation attendue du thérapeute moins le centre, quand l'évaluation centrée du patient vaut 0, à la séance sur laquelle le temps du modèle est centré.",
  },
  "temporal-congruence": {
    name: "Congruence temporelle",
    short:
      "Si l'évaluation du thérapeute bouge avec celle du patient d'une séance à l'autre, dans une même thérapie : la force de vérité des variations du patient autour de son propre niveau habituel.",
    more: "La part intra-dyade de la force de vérité (l'évaluation du patient centrée sur sa propre moyenne). C'est ce que la formation à l'alliance cherche à augmenter.",
  },
  surface: {
    name: "Surface de réponse (a1–a5)",
    short:
      "Comment le bien-être de la séance suivante dépend des évaluations de l'alliance du thérapeute (X) et du patient (Y) ensemble. a1 : pente le long de la ligne d'accord (tous deux haut contre tous deux bas). a2 : sa courbure. a3 : pente le long de la ligne de désaccord (quel côté plus haut va avec un meilleur bien-être). a4 : courbure en travers (négative : le bien-être baisse quand les points de vue s'écartent, dans un sens ou l'autre). a5 : si la crête de la surface s'écarte de la ligne d'accord.",
    more: "D'un modèle polynomial outcome_next ~ b1·X + b2·Y + b3·X² + b4·XY + b5·Y² (+ contrôles) : a1 = b1+b2, a2 = b3+b4+b5, a3 = b1−b2, a4 = b3−b4+b5, a5 = b3−b5, chacun avec une erreur type par la méthode delta. Un effet de congruence se voit à un a4 négatif avec a3 et a5 proches de 0.",
  },
  reml: {
    name: "REML",
    short:
      "Le maximum de vraisemblance restreint, la façon dont attune (comme lme4 sous R) ajuste les modèles mixtes par défaut : les variances des thérapeutes et des patients sont estimées en tenant compte des effets fixes, ce qui les biaise moins que le maximum de vraisemblance simple quand il y a peu de groupes.",
    more: "Le critère REML est rapporté comme déviance. Des modèles aux effets fixes différents se comparent au maximum de vraisemblance (ML), car leurs vraisemblances REML ne sont pas comparables.",
  },
  satterthwaite: {
    name: "Degrés de liberté de Satterthwaite",
    short:
      "Dans un modèle mixte, le test t d'un effet n'a pas de degrés de liberté exacts ; l'approximation de Satterthwaite les donne (comme lmerTest sous R), et avec eux la valeur p. Peu de thérapeutes : peu de degrés de liberté et des intervalles plus larges.",
    more: "Les ddl viennent de la variance de l'estimation et de son gradient par rapport aux paramètres de variance ; ceux d'attune concordent avec lmerTest à 2 % près.",
  },
  "expected-band": {
    name: "Bande attendue",
    short:
      "La plage de bien-être attendue à chaque séance pour un patient ayant ce score initial (95 %), prédite par un modèle mixte ajusté sur les données du réseau. Un patient sous la bande est hors trajectoire.",
    more: "Comme les courbes de rétablissement attendu d'OQ-Analyst, mais réestimable et ouvert : le modèle est outcome ~ score initial + séance avec des effets aléatoires par patient, réajusté à mesure que les données du réseau grandissent ; tant qu'elles manquent, un modèle intégré est utilisé.",
  },
  "reliable-change": {
    name: "Changement fiable",
    short:
      "Un changement plus grand que ce que l'erreur de mesure seule produirait dans 95 % des cas (Jacobson–Truax) : 1,96 × √2 × l'erreur type de mesure de l'échelle. Un changement plus petit peut n'être que du bruit.",
    more: "L'erreur type de mesure est l'écart-type de l'échelle × √(1 − fidélité). Les règles de rupture et de détérioration d'attune utilisent le seuil de chaque instrument.",
  },
  rupture: {
    name: "Rupture",
    short:
      "Une baisse de l'évaluation de l'alliance par le patient plus grande que le changement fiable, par rapport à sa séance précédente ou à sa moyenne courante, ou une baisse que le thérapeute n'a pas perçue. La recherche suggère d'en parler avec le patient (métacommunication).",
    more: "Chaque alerte de rupture indique les chiffres comparés sous « Pourquoi cette alerte ». Une rupture est dite résolue quand l'évaluation revient à son niveau antérieur.",
  },
};

/**
 * A term's name and explanations in a language.
 *
 * @example
 * termText("truth-force", "fr").name // "Force de vérité"
 */
export function termText(term: Term, lang: Lang): Explained {
  return (lang === "fr" ? fr : en)[term];
}
