// QuestionnaireResponse <-> answers, so that FHIR submissions go through the same scoring path.
import { answerSystem, ATTUNE_CANONICAL } from "./constants.ts";
import type { QuestionnaireResponse, QuestionnaireResponseItem } from "./types.ts";
import type { Answers } from "../answers.ts";
import type { Instrument, Issue } from "../types.ts";

export type AnswersOutcome =
  | { readonly ok: true; readonly answers: Record<string, number | null> }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Reads the numeric answers out of a QuestionnaireResponse (valueCoding codes, valueInteger,
 * valueDecimal), for scoreResponse. Unanswered items are null. Nothing is checked against the answer
 * scales here; scoreResponse does that.
 *
 * @example
 * const r = answersFromResponse(getInstrument("phq-9"), submitted);
 * if (r.ok) scoreResponse(getInstrument("phq-9"), r.answers);
 */
export function answersFromResponse(instrument: Instrument, response: QuestionnaireResponse): AnswersOutcome {
  const issues: Issue[] = [];
  const expected = `${ATTUNE_CANONICAL}/Questionnaire/${instrument.id}`;
  if (response.questionnaire && response.questionnaire.split("|")[0] !== expected) {
    issues.push({
      path: "questionnaire",
      message: `the response is to "${response.questionnaire}", not to ${instrument.id} (${expected})`,
    });
  }
  const answers: Record<string, number | null> = Object.fromEntries(
    instrument.items.map((it) => [it.linkId, null]),
  );
  const walk = (items: QuestionnaireResponseItem[] | undefined) => {
    for (const item of items ?? []) {
      walk(item.item);
      const list = item.answer ?? [];
      if (list.length === 0) continue;
      if (list.length > 1) {
        issues.push({
          linkId: item.linkId,
          message: `"${item.linkId}" has ${list.length} answers; one is expected`,
        });
        continue;
      }
      const a = list[0];
      let value: number | undefined;
      if (a?.valueCoding?.code !== undefined) value = Number(a.valueCoding.code);
      else if (a?.valueInteger !== undefined) value = a.valueInteger;
      else if (a?.valueDecimal !== undefined) value = a.valueDecimal;
      if (value === undefined || !Number.isFinite(value)) {
        issues.push({
          linkId: item.linkId,
          message: `"${item.linkId}" has no numeric answer (got ${JSON.stringify(a)})`,
        });
        continue;
      }
      answers[item.linkId] = value;
    }
  };
  walk(response.item);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers };
}

/**
 * A QuestionnaireResponse holding these answers (e.g. for the simulator or an import from CSV).
 *
 * @example
 * responseFromAnswers(getInstrument("who-5"), { "who5-1": 3, "who5-2": 4 }, { authored: "2025-01-31" });
 */
export function responseFromAnswers(
  instrument: Instrument,
  answers: Answers,
  meta: { authored?: string; status?: QuestionnaireResponse["status"] } = {},
): QuestionnaireResponse {
  const items: QuestionnaireResponseItem[] = [];
  for (const item of instrument.items) {
    const v = answers[item.linkId];
    if (v === null || v === undefined) continue;
    const scale = instrument.answerScales[item.scale];
    if (scale?.kind === "continuous") {
      items.push({ linkId: item.linkId, answer: [{ valueDecimal: v }] });
    } else {
      const display = scale?.options.find((o) => o.value === v)?.label?.en;
      items.push({
        linkId: item.linkId,
        answer: [
          {
            valueCoding: {
              system: answerSystem(instrument.id, item.scale),
              code: String(v),
              ...(display ? { display } : {}),
            },
          },
        ],
      });
    }
  }
  return {
    resourceType: "QuestionnaireResponse",
    questionnaire: `${ATTUNE_CANONICAL}/Questionnaire/${instrument.id}|${instrument.version}`,
    status: meta.status ?? "completed",
    ...(meta.authored ? { authored: meta.authored } : {}),
    item: items,
  };
}
