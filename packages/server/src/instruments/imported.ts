// Carrier forms for scores that arrive already scored (long CSV, REDCap): one decimal item per
// scale, the score is the item. They let imported data travel as QuestionnaireResponses too.
import type { Questionnaire } from "fhir/r4";
import type { Rater } from "@attune/db";
import { DECLARED_SCALE_URL } from "@attune/core";
import type { Problem } from "../errors.ts";
import type { Instrument } from "./catalog.ts";
import { FORM_BASE } from "./urls.ts";

export const IMPORTED_PATIENT = `${FORM_BASE}/imported-scores-patient`;
export const IMPORTED_THERAPIST = `${FORM_BASE}/imported-scores-therapist`;
/** QR item extension: the scale an imported score is on, as a FHIR Range (low..high). */
export const DECLARED_SCALE = DECLARED_SCALE_URL;

/** The declared range of an answered item, if any. */
function declaredRange(it: {
  extension?: { url: string; valueRange?: { low?: { value?: number }; high?: { value?: number } } }[];
}) {
  const r = it.extension?.find((e) => e.url === DECLARED_SCALE)?.valueRange;
  const min = r?.low?.value;
  const max = r?.high?.value;
  return typeof min === "number" && typeof max === "number" ? { min, max } : undefined;
}

function carrier(id: string, url: string, rater: Rater, scales: string[]): Instrument {
  const questionnaire: Questionnaire & { url: string } = {
    resourceType: "Questionnaire",
    id,
    url,
    version: "1",
    title: `Imported scores (${rater})`,
    status: "active",
    item: scales.map((s) => ({ linkId: s, text: s, type: "decimal", required: false })),
  };
  return {
    questionnaire,
    rater,
    check(qr) {
      const problems: Problem[] = [];
      (qr.item ?? []).forEach((it, i) => {
        if (!scales.includes(it.linkId))
          problems.push({ where: `item[${i}].linkId`, message: `unknown item "${it.linkId}" in ${url}` });
        const v = it.answer?.[0]?.valueDecimal ?? it.answer?.[0]?.valueInteger;
        if (typeof v !== "number" || !Number.isFinite(v) || Math.abs(v) > 1e6)
          problems.push({
            where: `item[${i}].answer`,
            message: `item "${it.linkId}" needs a finite valueDecimal`,
          });
        const range = declaredRange(it);
        if (range && !(range.max > range.min))
          problems.push({
            where: `item[${i}].extension`,
            message: `declared scale ${range.min}..${range.max} of "${it.linkId}" is empty`,
          });
        else if (range && typeof v === "number" && (v < range.min || v > range.max))
          problems.push({
            where: `item[${i}].answer`,
            message: `item "${it.linkId}" is ${v}, outside its declared scale ${range.min}..${range.max}`,
          });
      });
      return problems;
    },
    score(qr) {
      const out: Record<string, number> = {};
      for (const it of qr.item ?? []) {
        const v = it.answer?.[0]?.valueDecimal ?? it.answer?.[0]?.valueInteger;
        if (typeof v === "number" && scales.includes(it.linkId)) out[it.linkId] = v;
      }
      return out;
    },
    scoreRanges(qr) {
      const out: Record<string, { min: number; max: number }> = {};
      for (const it of qr.item ?? []) {
        const range = declaredRange(it);
        if (range && scales.includes(it.linkId)) out[it.linkId] = range;
      }
      return out;
    },
  };
}

export function importedInstruments(): Instrument[] {
  return [
    carrier("imported-scores-patient", IMPORTED_PATIENT, "patient", ["alliance", "wellbeing"]),
    carrier("imported-scores-therapist", IMPORTED_THERAPIST, "therapist", ["alliance"]),
  ];
}
