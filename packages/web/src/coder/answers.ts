// A stored coding back into the form's answers (to correct it) and into words (to show what was coded).
import type {
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from "@attune/api";
import {
  flatten,
  keyOf,
  numberAnswer,
  optionAnswer,
  texts,
  type Answer,
  type QItem,
  type Questionnaire,
} from "../patient/model.ts";

/** A stored QuestionnaireResponse (FHIR R4, as GET /api/fhir/QuestionnaireResponse/{id} answers it). */
export type StoredResponse = QuestionnaireResponse;

const walk = (items: QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] =>
  (items ?? []).flatMap((i) => [i, ...walk(i.item)]);

/** The form's answer for one stored FHIR answer: the same shape the renderer makes when it is clicked. */
function answerOf(i: QItem, a: QuestionnaireResponseItemAnswer): Answer | null {
  const coding = a.valueCoding;
  if (coding) {
    const o = i.answerOption?.find((x) => x.valueCoding?.code === coding.code);
    return o ? optionAnswer(o) : null;
  }
  for (const k of ["valueInteger", "valueDecimal"] as const) {
    const v = a[k];
    if (typeof v !== "number") continue;
    const o = i.answerOption?.find((x) => x.valueInteger === v);
    if (o) return optionAnswer(o);
    return numberAnswer(i, v, k === "valueInteger" ? 0 : 10);
  }
  if (typeof a.valueBoolean === "boolean")
    return { value: a.valueBoolean, fhir: { valueBoolean: a.valueBoolean } };
  if (typeof a.valueString === "string")
    return { value: a.valueString, fhir: { valueString: a.valueString } };
  return null;
}

/**
 * Puts a stored response's answers into `answers` (keyed as the renderer keys them), so a correction starts
 * from what was coded. Answers the form does not know are left out.
 *
 * @example
 * fillAnswers(form, await api("GET", `/api/fhir/QuestionnaireResponse/${id}`), state.answers);
 */
export function fillAnswers(q: Questionnaire, r: StoredResponse, answers: Map<string, Answer>): void {
  const byId = new Map(flatten(q.item).map((i) => [i.linkId, i]));
  for (const s of walk(r.item)) {
    const i = byId.get(s.linkId);
    const a = s.answer?.[0];
    if (!i || !a) continue;
    const got = answerOf(i, a);
    if (got) answers.set(keyOf(q, i), got);
  }
}

/**
 * What was coded, in words: each answered question with its answer's label, in `lang` (a language the form
 * has: patient/model.ts's formLang picks it).
 *
 * @example
 * codedText(form, stored); // [{ question: "Did an alliance rupture occur? …", answer: "Withdrawal" }, …]
 */
export function codedText(
  q: Questionnaire,
  r: StoredResponse,
  lang = "en",
): { question: string; answer: string }[] {
  const t = texts(q, lang);
  const byId = new Map(flatten(q.item).map((i) => [i.linkId, i]));
  return walk(r.item).flatMap((s) => {
    const i = byId.get(s.linkId);
    const a = s.answer?.[0];
    if (!i || !a) return [];
    const got = answerOf(i, a);
    const o = i.answerOption?.find(
      (x) =>
        (x.valueCoding !== undefined && x.valueCoding.code === a.valueCoding?.code) ||
        (x.valueInteger !== undefined && x.valueInteger === a.valueInteger),
    );
    const answer = o ? t.option(o) : got ? String(got.value) : "—";
    return [{ question: `${i.prefix ? `${i.prefix}. ` : ""}${t.item(i)}`, answer }];
  });
}
