// Checking answers against an instrument: unknown items, non-numbers, values off the answer scale, answers to
// items that are switched off. Used by scoreResponse and by every importer before anything is stored.
import type { AnswerScale, Instrument, Issue, ItemDefinition } from "./types.ts";

/** Answers keyed by item linkId; null (or an absent key) means "not answered". */
export type Answers = Readonly<Record<string, number | null | undefined>>;

/** How far an imported score may lie from 0 (a larger one is a unit or typing error, not a score). */
export const IMPORTED_SCORE_LIMIT = 1e6;

/**
 * The lowest and highest score an answer scale allows (nominal scales: their lowest and highest code;
 * imported scores: ±IMPORTED_SCORE_LIMIT, their own scale being declared per response).
 *
 * @example
 * scaleBounds({ kind: "integer", min: 1, max: 5 }); // { min: 1, max: 5 }
 */
export function scaleBounds(scale: AnswerScale): { min: number; max: number } {
  if (scale.kind === "continuous" || scale.kind === "integer") return { min: scale.min, max: scale.max };
  if (scale.kind === "imported") return { min: -IMPORTED_SCORE_LIMIT, max: IMPORTED_SCORE_LIMIT };
  const values = scale.options.map((o) => o.value);
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** The answer scale of an item (throws if the definition names a scale it does not have). */
export function itemScale(instrument: Instrument, item: ItemDefinition): AnswerScale {
  const scale = instrument.answerScales[item.scale];
  if (!scale)
    throw new Error(`instrument ${instrument.id}: item "${item.linkId}" uses unknown scale "${item.scale}"`);
  return scale;
}

/**
 * Whether an item is shown, given the other answers (FHIR semantics: a condition on an unanswered item is
 * false, so the item is hidden).
 */
export function isEnabled(item: ItemDefinition, answers: Answers): boolean {
  if (!item.enableWhen) return true;
  const other = answers[item.enableWhen.linkId];
  if (other === null || other === undefined) return false;
  const when = item.enableWhen;
  return when.equal !== undefined ? other === when.equal : other !== when.notEqual;
}

/**
 * Checks answers against an instrument and lists every problem, each naming the item and the bad value.
 *
 * @example
 * checkAnswers(getInstrument("phq-9"), { "phq9-1": 7 });
 * // [{ linkId: "phq9-1", message: 'answer 7 to "phq9-1" is not one of 0, 1, 2, 3' }]
 */
export function checkAnswers(instrument: Instrument, answers: Answers): Issue[] {
  const issues: Issue[] = [];
  const known = new Map(instrument.items.map((it) => [it.linkId, it]));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) {
      issues.push({
        linkId: key,
        message: `"${key}" is not an item of ${instrument.id} (items: ${[...known.keys()].join(", ")})`,
      });
    }
  }
  for (const item of instrument.items) {
    const value: unknown = answers[item.linkId];
    if (value === null || value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      issues.push({
        linkId: item.linkId,
        message: `answer to "${item.linkId}" must be a number, got ${JSON.stringify(value) ?? String(value)}`,
      });
      continue;
    }
    if (!isEnabled(item, answers)) {
      const cond = item.enableWhen;
      issues.push({
        linkId: item.linkId,
        message: `"${item.linkId}" was answered (${value}) but is only asked when "${cond?.linkId}" is answered and ${cond?.equal !== undefined ? `is ${cond.equal}` : `not ${cond?.notEqual}`}`,
      });
      continue;
    }
    const problem = offScale(itemScale(instrument, item), value, item.linkId);
    if (problem) issues.push({ linkId: item.linkId, message: problem });
  }
  return issues.length > 0 ? issues : peakIssues(instrument, answers);
}

/** A peak that is not the largest of its parts' answers (only when the peak and every part are answered). */
function peakIssues(instrument: Instrument, answers: Answers): Issue[] {
  const issues: Issue[] = [];
  for (const rule of instrument.peaks ?? []) {
    const peak = answers[rule.peak];
    const parts = rule.of.map((id) => answers[id]);
    if (typeof peak !== "number" || !parts.every((v): v is number => typeof v === "number")) continue;
    const largest = Math.max(...parts);
    if (peak === largest) continue;
    const listed = rule.of.map((id, i) => `"${id}" (${parts[i]})`).join(" and ");
    issues.push({
      linkId: rule.peak,
      message: `the peak "${rule.peak}" (${peak}) must be the largest of ${listed}: make the peak ${largest}${peak > largest ? ` or raise one of them to ${peak}` : ""}`,
    });
  }
  return issues;
}

function offScale(scale: AnswerScale, value: number, linkId: string): string | null {
  if (scale.kind === "integer") {
    if (!Number.isInteger(value)) return `answer ${value} to "${linkId}" is not a whole number`;
    return value < scale.min || value > scale.max
      ? `answer ${value} to "${linkId}" is outside ${scale.min}..${scale.max}`
      : null;
  }
  if (scale.kind === "imported")
    return Math.abs(value) > IMPORTED_SCORE_LIMIT ? `"${linkId}" needs a finite valueDecimal` : null;
  if (scale.kind === "continuous") {
    if (value < scale.min || value > scale.max) {
      return `answer ${value} to "${linkId}" is outside ${scale.min}–${scale.max}`;
    }
    const factor = 10 ** scale.decimals;
    if (Math.abs(Math.round(value * factor) - value * factor) > 1e-6) {
      return `answer ${value} to "${linkId}" has more than ${scale.decimals} decimal place(s)`;
    }
    return null;
  }
  const values = scale.options.map((o) => o.value);
  return values.includes(value) ? null : `answer ${value} to "${linkId}" is not one of ${values.join(", ")}`;
}
