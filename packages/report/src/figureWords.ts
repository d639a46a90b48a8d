// The words drawn inside the report's figures (axis labels and the wireframe's floor labels), in English
// and French: the run page asks for its figures in the page's language, so a French page does not show
// English axes. Titles and captions stay the report's (the page writes its own, translated, beside them).
import type { RaterGrowth } from "@attune/core";

/** The languages a figure is drawn in. */
export type FigureLang = "en" | "fr";

export interface FigureWords {
  /** The trajectories' x axis. */
  readonly session: string;
  /** The trajectories' y axis ("patient-rated alliance"). */
  readonly raterAlliance: (rater: RaterGrowth["rater"]) => string;
  /** The contour plot's axes and colour legend. */
  readonly therapistAllianceX: string;
  readonly patientAllianceY: string;
  readonly predictedOutcome: string;
  /** The wireframe's floor axes. */
  readonly therapistX: string;
  readonly patientY: string;
  /** A caterpillar's x axis: core's name of the per-therapist quantity ("directional bias"), translated. */
  readonly quantity: (label: string) => string;
}

const EN: FigureWords = {
  session: "session",
  raterAlliance: (rater) => `${rater}-rated alliance`,
  therapistAllianceX: "therapist alliance (X)",
  patientAllianceY: "patient alliance (Y)",
  predictedOutcome: "predicted outcome",
  therapistX: "therapist (X)",
  patientY: "patient (Y)",
  quantity: (label) => label,
};

/** Core's per-therapist quantities (UnitSet labels, recipes/headline.ts) in French. */
const QUANTITY_FR: Readonly<Record<string, string>> = {
  "directional bias": "biais directionnel",
  "truth force": "force de vérité",
  "temporal congruence": "congruence temporelle",
  "within-patient slope": "pente intra-patient",
};

const FR: FigureWords = {
  session: "séance",
  raterAlliance: (rater) => `alliance évaluée par le ${rater === "patient" ? "patient" : "thérapeute"}`,
  therapistAllianceX: "alliance thérapeute (X)",
  patientAllianceY: "alliance patient (Y)",
  predictedOutcome: "critère prédit",
  therapistX: "thérapeute (X)",
  patientY: "patient (Y)",
  // A quantity core adds later is drawn under its English name until it is translated here.
  quantity: (label) => QUANTITY_FR[label] ?? label,
};

/**
 * The figure words of a language.
 *
 * @example
 * figureWords("fr").quantity("directional bias"); // "biais directionnel"
 */
export function figureWords(lang: FigureLang = "en"): FigureWords {
  return lang === "fr" ? FR : EN;
}
