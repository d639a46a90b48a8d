// The scored forms' columns of the long analysis table: each column is one stored score of one form (its
// total, a subscale or an indicator), with the form's rater, the score's range and which way is better —
// read from the form definitions, so a form's direction is declared once, in the form. A subscale whose
// direction differs from its form's says so here (therapist flow is better high, anxiety low).
// Imports the definitions directly (not the registry): records/longTable.ts reads this file, and the
// imported-scores forms read longTable.ts.
import { instrumentUrl } from "./fhir/constants.ts";
import { scaleBounds } from "./answers.ts";
import { scaleRange } from "./scoring.ts";
import type { Instrument } from "./types.ts";
import { core10 } from "./definitions/core10.ts";
import { gad7 } from "./definitions/gad7.ts";
import { ors } from "./definitions/ors.ts";
import { phq9 } from "./definitions/phq9.ts";
import { ruptureCoding } from "./definitions/ruptureCoding.ts";
import { therapistExperiences } from "./definitions/therapistExperiences.ts";
import { treatmentConfidence } from "./definitions/treatmentConfidence.ts";
import { who5 } from "./definitions/who5.ts";

/** One form column: which stored score of which form fills it, who rated it, its range and direction. */
export interface FormColumn {
  readonly column: string;
  /** The form's id ("phq-9") and canonical URL (what a stored response names). */
  readonly instrument: string;
  readonly url: string;
  /** The stored score's name ("total", a subscale id, an indicator id). */
  readonly score: string;
  /** Which rule stores it: a total or subscale (a sum, may be prorated) or a code (indicator, intensity). */
  readonly kind: "total" | "subscale" | "indicator" | "intensity";
  readonly rater: Instrument["rater"];
  readonly higherIsBetter: boolean;
  /** Lowest and highest possible value (0–1 for an indicator). */
  readonly range: { readonly min: number; readonly max: number };
  /** In words, for page and file headings. */
  readonly label: string;
}

/**
 * Which stored score of a form a column holds. The kinds differ only in where the rule is declared, the
 * range (a scale's sum or mean; 0–1 for an indicator; 0 to the intensity item's top for a coded
 * intensity) and the label; a subscale may state its own direction.
 */
type ScoreOf =
  | { readonly kind: "total" }
  | { readonly kind: "subscale"; readonly id: string; readonly higherIsBetter?: boolean }
  | { readonly kind: "indicator"; readonly id: string }
  | { readonly kind: "intensity"; readonly id: string };

/** The score's rule in its form, its range and its label after the form's short title; throws when the form lacks it. */
function scoreRule(form: Instrument, of: ScoreOf): { range: FormColumn["range"]; label: string } {
  const missing = (what: string): never => {
    throw new Error(`form ${form.id} has no ${what}`);
  };
  switch (of.kind) {
    case "total": {
      const rule = form.scoring.total ?? missing("total");
      return { range: scaleRange(form, rule), label: " total" };
    }
    case "subscale": {
      const rule = form.scoring.subscales.find((s) => s.id === of.id) ?? missing(`subscale ${of.id}`);
      return { range: scaleRange(form, rule), label: `: ${rule.label.en}` };
    }
    case "indicator": {
      const rule = form.scoring.indicators?.find((s) => s.id === of.id) ?? missing(`indicator ${of.id}`);
      return { range: { min: 0, max: 1 }, label: `: ${rule.label.en} (0/1)` };
    }
    case "intensity": {
      const rule =
        form.scoring.intensities?.find((s) => s.id === of.id) ?? missing(`coded intensity ${of.id}`);
      const tops = Object.values(rule.intensityItem).map((linkId) => {
        const item = form.items.find((it) => it.linkId === linkId);
        const scale = item && form.answerScales[item.scale];
        if (!scale) throw new Error(`form ${form.id}: intensity ${of.id} names unknown item ${linkId}`);
        return scaleBounds(scale).max;
      });
      return { range: { min: 0, max: Math.max(...tops) }, label: `: ${rule.label.en}` };
    }
  }
}

/** One column of the table from a stored score of a form (its rater and, unless stated, its direction). */
function column(name: string, form: Instrument, of: ScoreOf): FormColumn {
  const { range, label } = scoreRule(form, of);
  return {
    column: name,
    instrument: form.id,
    url: instrumentUrl(form),
    score: of.kind === "total" ? "total" : of.id,
    kind: of.kind,
    rater: form.rater,
    higherIsBetter: (of.kind === "subscale" ? of.higherIsBetter : undefined) ?? form.scoring.higherIsBetter,
    range,
    label: `${form.shortTitle}${label}`,
  };
}

/**
 * The form columns, in file order: symptom and well-being totals (patient), the confidence form and its
 * two parts (patient), the observer's rupture codes as 0/1 (any, withdrawal, confrontation; the ruptures
 * recipe reads the `rupture_*` columns), each type's intensity (0 when absent, else 1–5; the recipe prefers
 * these when the data have them) and the therapist's in-session experiences.
 */
export const FORM_COLUMNS: readonly FormColumn[] = [
  column("phq9", phq9, { kind: "total" }),
  column("gad7", gad7, { kind: "total" }),
  column("core10", core10, { kind: "total" }),
  column("who5", who5, { kind: "total" }),
  column("ors", ors, { kind: "total" }),
  column("confidence", treatmentConfidence, { kind: "total" }),
  column("confidence_therapist", treatmentConfidence, { kind: "subscale", id: "therapist" }),
  column("confidence_treatment", treatmentConfidence, { kind: "subscale", id: "treatment" }),
  column("any_rupture", ruptureCoding, { kind: "indicator", id: "rupture" }),
  column("rupture_withdrawal", ruptureCoding, { kind: "indicator", id: "withdrawal" }),
  column("rupture_confrontation", ruptureCoding, { kind: "indicator", id: "confrontation" }),
  column("rupture_withdrawal_intensity", ruptureCoding, { kind: "intensity", id: "withdrawal_intensity" }),
  column("rupture_confrontation_intensity", ruptureCoding, {
    kind: "intensity",
    id: "confrontation_intensity",
  }),
  // The form's direction is that of its unpleasant parts; flow is the pleasant one.
  column("experience_flow", therapistExperiences, { kind: "subscale", id: "flow", higherIsBetter: true }),
  column("experience_anxiety", therapistExperiences, { kind: "subscale", id: "anxiety" }),
  column("experience_negative", therapistExperiences, { kind: "subscale", id: "negative" }),
];

/**
 * The form column of a name, if it is one.
 *
 * @example
 * formColumn("phq9")?.higherIsBetter; // false
 */
export function formColumn(column: string): FormColumn | undefined {
  return FORM_COLUMNS.find((c) => c.column === column);
}
