// How a stored score is named in FHIR (an Observation's code): always attune's own coding — the form's id
// and the score's name — and the LOINC code where the form's definition declares one for that score.
// An imported total is named as its source form's score (an imported PHQ-9 total is a PHQ-9 total), so
// a reader finds it under the same codes whether the items were answered here or not.
import { catalogInstruments } from "../registry.ts";
import { totalsSourceUrl } from "../definitions/importedTotals.ts";
import type { Instrument, ScaleRule } from "../types.ts";
import { ATTUNE_CANONICAL, instrumentUrl } from "./constants.ts";

/** attune's code system of stored scores: the code is `<form id>/<score name>`, e.g. `phq-9/total`. */
export const SCORE_CODE_SYSTEM = `${ATTUNE_CANONICAL}/CodeSystem/score`;
export const LOINC_SYSTEM = "http://loinc.org";

/** One FHIR Coding (system, code, display). */
export interface ScoreCoding {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

const BY_URL = new Map(catalogInstruments().map((i) => [instrumentUrl(i), i]));

/**
 * The codings of a stored score of a response to `questionnaireUrl` (a `|version` suffix is ignored):
 * the LOINC coding first when the form declares one for the score, then attune's coding.
 *
 * @example
 * scoreCodings("https://attune.example/fhir/Questionnaire/phq-9", "total").map((c) => c.code);
 * // ["44261-6", "phq-9/total"]
 * scoreCodings(importedTotalsUrl("gad-7"), "total")[1]?.code; // "gad-7/total"
 */
export function scoreCodings(questionnaireUrl: string, score: string): ScoreCoding[] {
  const url = totalsSourceUrl(questionnaireUrl.split("|")[0] ?? "");
  const form = BY_URL.get(url);
  // A form outside the catalog (never stored by attune itself) is still named by the last part of its URL.
  const id = form?.id ?? url.slice(url.lastIndexOf("/") + 1);
  const rule = form ? scoreRule(form, score) : undefined;
  const own: ScoreCoding = {
    system: SCORE_CODE_SYSTEM,
    code: `${id}/${score}`,
    display: `${form?.shortTitle ?? id} ${rule?.label.en ?? score}`,
  };
  return rule?.loinc ? [{ system: LOINC_SYSTEM, ...rule.loinc }, own] : [own];
}

function scoreRule(form: Instrument, score: string): ScaleRule | undefined {
  const total = form.scoring.total;
  return total?.id === score ? total : form.scoring.subscales.find((s) => s.id === score);
}
