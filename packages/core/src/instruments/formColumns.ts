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
  readonly rater: Instrument["rater"];
  readonly higherIsBetter: boolean;
  /** Lowest and highest possible value (0–1 for an indicator). */
  readonly range: { readonly min: number; readonly max: number };
  /** In words, for page and file headings. */
  readonly label: string;
}

function total(column: string, form: Instrument): FormColumn {
  const rule = form.scoring.total;
  if (!rule) throw new Error(`form ${form.id} has no total`);
  return {
    column,
    instrument: form.id,
    url: instrumentUrl(form),
    score: "total",
    rater: form.rater,
    higherIsBetter: form.scoring.higherIsBetter,
    range: scaleRange(form, rule),
    label: `${form.shortTitle} total`,
  };
}

function subscale(column: string, form: Instrument, id: string, higherIsBetter?: boolean): FormColumn {
  const rule = form.scoring.subscales.find((s) => s.id === id);
  if (!rule) throw new Error(`form ${form.id} has no subscale ${id}`);
  return {
    column,
    instrument: form.id,
    url: instrumentUrl(form),
    score: id,
    rater: form.rater,
    higherIsBetter: higherIsBetter ?? form.scoring.higherIsBetter,
    range: scaleRange(form, rule),
    label: `${form.shortTitle}: ${rule.label.en}`,
  };
}

function indicator(column: string, form: Instrument, id: string): FormColumn {
  const rule = form.scoring.indicators?.find((s) => s.id === id);
  if (!rule) throw new Error(`form ${form.id} has no indicator ${id}`);
  return {
    column,
    instrument: form.id,
    url: instrumentUrl(form),
    score: id,
    rater: form.rater,
    higherIsBetter: form.scoring.higherIsBetter,
    range: { min: 0, max: 1 },
    label: `${form.shortTitle}: ${rule.label.en} (0/1)`,
  };
}

function intensity(column: string, form: Instrument, id: string): FormColumn {
  const rule = form.scoring.intensities?.find((s) => s.id === id);
  if (!rule) throw new Error(`form ${form.id} has no coded intensity ${id}`);
  const highest = Math.max(
    ...Object.values(rule.intensityItem).map((linkId) => {
      const item = form.items.find((it) => it.linkId === linkId);
      const scale = item && form.answerScales[item.scale];
      if (!scale) throw new Error(`form ${form.id}: intensity ${id} names unknown item ${linkId}`);
      return scaleBounds(scale).max;
    }),
  );
  return {
    column,
    instrument: form.id,
    url: instrumentUrl(form),
    score: id,
    rater: form.rater,
    higherIsBetter: form.scoring.higherIsBetter,
    range: { min: 0, max: highest },
    label: `${form.shortTitle}: ${rule.label.en}`,
  };
}

/**
 * The form columns, in file order: symptom and well-being totals (patient), the confidence form and its
 * two parts (patient), the observer's rupture codes as 0/1 (any, withdrawal, confrontation; the ruptures
 * recipe reads the `rupture_*` columns), each type's intensity (0 when absent, else 1–5; the recipe prefers
 * these when the data have them) and the therapist's in-session experiences.
 */
export const FORM_COLUMNS: readonly FormColumn[] = [
  total("phq9", phq9),
  total("gad7", gad7),
  total("core10", core10),
  total("who5", who5),
  total("ors", ors),
  total("confidence", treatmentConfidence),
  subscale("confidence_therapist", treatmentConfidence, "therapist"),
  subscale("confidence_treatment", treatmentConfidence, "treatment"),
  indicator("any_rupture", ruptureCoding, "rupture"),
  indicator("rupture_withdrawal", ruptureCoding, "withdrawal"),
  indicator("rupture_confrontation", ruptureCoding, "confrontation"),
  intensity("rupture_withdrawal_intensity", ruptureCoding, "withdrawal_intensity"),
  intensity("rupture_confrontation_intensity", ruptureCoding, "confrontation_intensity"),
  // The form's direction is that of its unpleasant parts; flow is the pleasant one.
  subscale("experience_flow", therapistExperiences, "flow", true),
  subscale("experience_anxiety", therapistExperiences, "anxiety"),
  subscale("experience_negative", therapistExperiences, "negative"),
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
