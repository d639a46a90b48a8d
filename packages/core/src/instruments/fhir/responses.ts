// QuestionnaireResponse <-> answers, so that FHIR submissions go through the same scoring path.
import { DECLARED_SCALE_URL } from "../../records/response.ts";
import { answerSystem, instrumentUrl } from "./constants.ts";
import type { QuestionnaireResponse, QuestionnaireResponseItem } from "./types.ts";
import { isEnabled, type Answers } from "../answers.ts";
import type { Instrument, Issue } from "../types.ts";

export type AnswersOutcome =
  | { readonly ok: true; readonly answers: Record<string, number | null> }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Reads the numeric answers out of a QuestionnaireResponse (valueCoding codes, valueInteger,
 * valueDecimal), for scoreResponse. Unanswered items are null. Checked here: one answer per item, each
 * item once, the value type an item's scale takes (a whole-number item takes valueInteger), and, for a
 * completed response, every required item that is shown answered. Values against the answer scales are
 * checked by scoreResponse.
 *
 * @example
 * const r = answersFromResponse(getInstrument("phq-9"), submitted);
 * if (r.ok) scoreResponse(getInstrument("phq-9"), r.answers);
 */
export function answersFromResponse(instrument: Instrument, response: QuestionnaireResponse): AnswersOutcome {
  const issues: Issue[] = [];
  const expected = instrumentUrl(instrument);
  if (response.questionnaire && response.questionnaire.split("|")[0] !== expected) {
    issues.push({
      path: "questionnaire",
      message: `the response is to "${response.questionnaire}", not to ${instrument.id} (${expected})`,
    });
  }
  const answers: Record<string, number | null> = Object.fromEntries(
    instrument.items.map((it) => [it.linkId, null]),
  );
  const scaleKind = new Map(
    instrument.items.map((it) => [it.linkId, instrument.answerScales[it.scale]?.kind]),
  );
  const seen = new Set<string>();
  const walk = (items: QuestionnaireResponseItem[] | undefined) => {
    for (const item of items ?? []) {
      walk(item.item);
      if (seen.has(item.linkId) && scaleKind.has(item.linkId)) {
        issues.push({ linkId: item.linkId, message: `item "${item.linkId}" answered twice` });
        continue;
      }
      seen.add(item.linkId);
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
      const kind = scaleKind.get(item.linkId);
      if (kind === "integer" && a?.valueInteger === undefined) {
        issues.push({
          linkId: item.linkId,
          message: `item "${item.linkId}" needs a valueInteger, got ${JSON.stringify(a).slice(0, 80)}`,
        });
        continue;
      }
      if (kind === "imported" && a?.valueDecimal === undefined && a?.valueInteger === undefined) {
        issues.push({ linkId: item.linkId, message: `item "${item.linkId}" needs a finite valueDecimal` });
        continue;
      }
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
  if (response.status === "completed")
    for (const it of instrument.items)
      if (it.required && answers[it.linkId] === null && isEnabled(it, answers))
        issues.push({ linkId: it.linkId, message: `required item "${it.linkId}" is not answered` });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers };
}

/** The scales an imported-scores response declares for its items, with what is wrong with them. */
export interface DeclaredRanges {
  readonly ranges: Readonly<Record<string, { readonly min: number; readonly max: number }>>;
  readonly issues: readonly Issue[];
}

/**
 * The scale each imported score of a response is on, as its item declares it (DECLARED_SCALE_URL, a FHIR
 * Range): an empty range, or a value outside its declared range, is an issue. Items on other scales
 * declare nothing.
 *
 * @example
 * declaredRanges(importedScores("patient"), qr).ranges; // { alliance: { min: 1, max: 7 } }
 */
export function declaredRanges(instrument: Instrument, response: QuestionnaireResponse): DeclaredRanges {
  const imported = new Set(
    instrument.items
      .filter((it) => instrument.answerScales[it.scale]?.kind === "imported")
      .map((it) => it.linkId),
  );
  const ranges: Record<string, { min: number; max: number }> = {};
  const issues: Issue[] = [];
  for (const it of response.item ?? []) {
    if (!imported.has(it.linkId)) continue;
    const r = it.extension?.find((e) => e.url === DECLARED_SCALE_URL)?.valueRange;
    const min = r?.low?.value;
    const max = r?.high?.value;
    if (typeof min !== "number" || typeof max !== "number") continue;
    const v = it.answer?.[0]?.valueDecimal ?? it.answer?.[0]?.valueInteger;
    if (!(max > min))
      issues.push({ linkId: it.linkId, message: `declared scale ${min}..${max} of "${it.linkId}" is empty` });
    else if (typeof v === "number" && (v < min || v > max))
      issues.push({
        linkId: it.linkId,
        message: `item "${it.linkId}" is ${v}, outside its declared scale ${min}..${max}`,
      });
    else ranges[it.linkId] = { min, max };
  }
  return { ranges, issues };
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
    if (scale?.kind === "continuous" || scale?.kind === "imported") {
      items.push({ linkId: item.linkId, answer: [{ valueDecimal: v }] });
    } else if (scale?.kind === "integer") {
      items.push({ linkId: item.linkId, answer: [{ valueInteger: v }] });
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
    questionnaire: `${instrumentUrl(instrument)}|${instrument.version}`,
    status: meta.status ?? "completed",
    ...(meta.authored ? { authored: meta.authored } : {}),
    item: items,
  };
}
