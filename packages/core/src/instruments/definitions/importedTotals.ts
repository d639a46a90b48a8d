// Carrier forms for form totals that arrive without their item answers (a long CSV's or REDCap's `phq9`,
// `gad7`, … columns: a network importing its history has totals only). One carrier per scored form of the
// long table (formColumns.ts): one item per stored score of that form (its total, subscales, 0/1
// indicators, coded intensities), each on the score's own range, so the carrier stores exactly the names
// the form itself stores (`total`, `percent_of_max`, the subscales…) and every reader that follows the form
// (long table, recipes, not on track) reads it through `totalsSourceUrl`. A separate address, not the
// form's own, so no page shows a PHQ-9 with empty answers, and item-level rules (PHQ-9 item 9) cannot
// claim to have looked at items nobody imported.
import { FORM_COLUMNS, type FormColumn } from "../formColumns.ts";
import type { AnswerScale, Instrument, ScaleRule } from "../types.ts";
import { ATTUNE_LICENCE } from "./allianceCheckInShared.ts";
import { FORM_BASE } from "./demoForms.ts";

/** How many decimals an imported total keeps (prorated totals: 12.375; a mean-based part: 3.333333). */
export const IMPORTED_TOTAL_DECIMALS = 6;

const PREFIX = `${FORM_BASE}/imported-totals-`;

/**
 * The address of the carrier of a form's imported totals (by the form's id).
 *
 * @example
 * importedTotalsUrl("phq-9"); // "https://attune.dev/fhir/Questionnaire/imported-totals-phq-9"
 */
export function importedTotalsUrl(formId: string): string {
  return `${PREFIX}${formId}`;
}

/**
 * The form whose scores a stored response carries: the source form's address for an imported-totals
 * carrier, the address itself otherwise (a version suffix `|1.0.0` is kept as given).
 *
 * @example
 * totalsSourceUrl(importedTotalsUrl("phq-9")); // "https://attune.example/fhir/Questionnaire/phq-9" (the form's own address)
 * totalsSourceUrl("https://attune.example/fhir/Questionnaire/gad-7"); // unchanged
 */
export function totalsSourceUrl(url: string): string {
  if (!url.startsWith(PREFIX)) return url;
  const id = url.slice(PREFIX.length).split("|")[0] ?? "";
  return FORM_COLUMNS.find((c) => c.instrument === id)?.url ?? url;
}

/**
 * Whether a stored response is an imported-totals carrier (scores without item answers).
 *
 * @example
 * isImportedTotals(importedTotalsUrl("gad-7")); // true
 */
export function isImportedTotals(url: string): boolean {
  return url.startsWith(PREFIX);
}

/**
 * Whether a form column holds codes, whole numbers only (a 0/1 indicator, a coded type's intensity);
 * totals and subscales may be prorated (12.375).
 *
 * @example
 * isCodeColumn(formColumn("rupture_withdrawal")!); // true
 * isCodeColumn(formColumn("phq9")!); // false
 */
export const isCodeColumn = (c: FormColumn): boolean => c.kind === "indicator" || c.kind === "intensity";

function answerScale(c: FormColumn): AnswerScale {
  const whole = isCodeColumn(c);
  return {
    kind: "continuous",
    min: c.range.min,
    max: c.range.max,
    decimals: whole ? 0 : IMPORTED_TOTAL_DECIMALS,
  };
}

function carrier(columns: readonly FormColumn[]): Instrument {
  const first = columns[0]!;
  const source = first.label.split(/[: ]/)[0] ?? first.instrument;
  const rule = (c: FormColumn): ScaleRule => ({
    id: c.score,
    label: { en: c.score },
    items: [c.score],
    method: "sum",
    maxMissing: 0,
    missingRuleSource: "an imported total is the item itself",
  });
  const total = columns.find((c) => c.score === "total");
  return {
    id: `imported-totals-${first.instrument}`,
    url: importedTotalsUrl(first.instrument),
    version: "1",
    title: { en: `Imported totals (${source})` },
    shortTitle: `Imported totals (${source})`,
    construct: { en: `${source} scores computed elsewhere, without item answers` },
    rater: first.rater,
    // A process form: its total's roles (alliance, well-being) come from the long table's own columns.
    kind: "process",
    description: {
      en: `Scores of ${source} imported already computed (long CSV, REDCap): no item answers exist.`,
    },
    validated: false,
    projectAuthored: true,
    answerScales: Object.fromEntries(columns.map((c) => [c.score, answerScale(c)])),
    items: columns.map((c) => ({
      linkId: c.score,
      text: { en: c.label },
      scale: c.score,
      required: false,
    })),
    scoring: {
      ...(total ? { total: rule(total) } : {}),
      subscales: columns.filter((c) => c.score !== "total").map(rule),
      higherIsBetter: first.higherIsBetter,
      cutoffs: [],
      reliableChange: null,
      reliableChangeNote: "imported totals: reliable change is judged on the source form's total",
    },
    licence: ATTUNE_LICENCE,
    references: [],
    caveats: ["No item answers: item-level rules (risk items) cannot be applied to imported totals."],
  };
}

/** One carrier per form with long-table columns (PHQ-9, GAD-7, …), in FORM_COLUMNS order. */
export const IMPORTED_TOTALS_FORMS: readonly Instrument[] = [
  ...new Set(FORM_COLUMNS.map((c) => c.instrument)),
].map((id) => carrier(FORM_COLUMNS.filter((c) => c.instrument === id)));
