// Carrier forms for scores that arrive already scored (long CSV, REDCap): one item per stored scale of
// the rater's long-table columns (records/longTable.ts), the score is the item. They let imported data
// travel, be checked and be stored as QuestionnaireResponses like any other form; each item may declare
// the scale its score is on (DECLARED_SCALE_URL).
import { SCORE_COLUMNS } from "../../records/longTable.ts";
import { RATER_KINDS, type RaterKind } from "../../records/roles.ts";
import type { Instrument, ScaleRule } from "../types.ts";
import { ATTUNE_LICENCE } from "./allianceCheckInShared.ts";
import { FORM_BASE } from "./demoForms.ts";

/**
 * The address of a rater's imported-scores form.
 *
 * @example
 * importedScoresUrl("therapist"); // "https://attune.dev/fhir/Questionnaire/imported-scores-therapist"
 */
export function importedScoresUrl(rater: RaterKind): string {
  return `${FORM_BASE}/imported-scores-${rater}`;
}

export const IMPORTED_PATIENT = importedScoresUrl("patient");
export const IMPORTED_THERAPIST = importedScoresUrl("therapist");

function carrier(rater: RaterKind): Instrument | null {
  const scales = [...new Set(SCORE_COLUMNS.filter((c) => c.rater === rater).map((c) => c.scale))];
  if (scales.length === 0) return null;
  const subscales: ScaleRule[] = scales.map((s) => ({
    id: s,
    label: { en: s },
    items: [s],
    method: "mean",
    maxMissing: 0,
    missingRuleSource: "an imported score is the item itself",
  }));
  return {
    id: `imported-scores-${rater}`,
    url: importedScoresUrl(rater),
    version: "1",
    title: { en: `Imported scores (${rater})` },
    shortTitle: `Imported scores (${rater})`,
    construct: { en: "scores computed elsewhere" },
    rater,
    kind: "process",
    description: { en: `Scores of the ${rater}'s long-table columns, imported already scored.` },
    validated: false,
    projectAuthored: true,
    answerScales: { score: { kind: "imported" } },
    items: scales.map((s) => ({ linkId: s, text: { en: s }, scale: "score", required: false })),
    scoring: {
      subscales,
      higherIsBetter: true,
      cutoffs: [],
      reliableChange: null,
      reliableChangeNote: "imported scores: the source's threshold is not known",
    },
    licence: ATTUNE_LICENCE,
    references: [],
    caveats: [],
  };
}

/** One carrier per rater with long-table score columns (patient, therapist). */
export const IMPORTED_SCORE_FORMS: readonly Instrument[] = RATER_KINDS.map(carrier).filter(
  (i): i is Instrument => i !== null,
);
