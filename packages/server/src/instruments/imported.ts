// Carrier forms for scores that arrive already scored (long CSV, REDCap): one decimal item per
// scale, the score is the item. They let imported data travel as QuestionnaireResponses too.
import type { Questionnaire } from "fhir/r4";
import type { Rater } from "@attune/db";
import type { Problem } from "../errors.ts";
import type { Instrument } from "./catalog.ts";
import { FORM_BASE } from "./urls.ts";

export const IMPORTED_PATIENT = `${FORM_BASE}/imported-scores-patient`;
export const IMPORTED_THERAPIST = `${FORM_BASE}/imported-scores-therapist`;

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
  };
}

export function importedInstruments(): Instrument[] {
  return [
    carrier("imported-scores-patient", IMPORTED_PATIENT, "patient", ["alliance", "wellbeing"]),
    carrier("imported-scores-therapist", IMPORTED_THERAPIST, "therapist", ["alliance"]),
  ];
}
