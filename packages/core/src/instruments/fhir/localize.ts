// Choosing the UI language per user: a Questionnaire rendered in one language, from its translations.
import { readTranslation, translatedLanguages } from "./translation.ts";
import type { Questionnaire, QuestionnaireItem } from "./types.ts";

/**
 * A copy of the Questionnaire with title, description, item text and answer labels in `lang` where a
 * translation exists (the base wording otherwise), and `language` set to `lang` when every text has it.
 *
 * @example
 * const fr = localizeQuestionnaire(toQuestionnaire(getInstrument("alliance-checkin-patient")), "fr");
 * fr.item?.[1]?.text; // "Aujourd'hui, je me suis senti(e) à l'aise avec mon ou ma thérapeute."
 */
export function localizeQuestionnaire(q: Questionnaire, lang: string): Questionnaire {
  const base = q.language ?? "en";
  if (lang === base) return structuredClone(q);
  const out = structuredClone(q);
  if (out.title !== undefined) out.title = readTranslation(out._title, lang) ?? out.title;
  if (out.description !== undefined)
    out.description = readTranslation(out._description, lang) ?? out.description;
  const walk = (items: QuestionnaireItem[] | undefined) => {
    for (const item of items ?? []) {
      if (item.text !== undefined) item.text = readTranslation(item._text, lang) ?? item.text;
      for (const opt of item.answerOption ?? []) {
        const c = opt.valueCoding;
        if (c?.display !== undefined) c.display = readTranslation(c._display, lang) ?? c.display;
      }
      walk(item.item);
    }
  };
  walk(out.item);
  if (questionnaireLanguages(q).includes(lang)) out.language = lang;
  return out;
}

/**
 * Languages in which every text of the Questionnaire (title, items, answer labels) can be shown.
 *
 * @example
 * questionnaireLanguages(toQuestionnaire(getInstrument("alliance-checkin-therapist"))); // ["en", "fr"]
 * questionnaireLanguages(toQuestionnaire(getInstrument("wai-sr"))); // [] (a shell has no wording)
 */
export function questionnaireLanguages(q: Questionnaire): string[] {
  const elements: { text: string | undefined; ext: Parameters<typeof translatedLanguages>[0] }[] = [];
  if (q.title !== undefined) elements.push({ text: q.title, ext: q._title });
  let hasItemText = true;
  const walk = (items: QuestionnaireItem[] | undefined) => {
    for (const item of items ?? []) {
      if (item.type !== "group" && item.text === undefined) hasItemText = false;
      if (item.text !== undefined) elements.push({ text: item.text, ext: item._text });
      for (const opt of item.answerOption ?? []) {
        const c = opt.valueCoding;
        if (c) {
          if (c.display === undefined) hasItemText = false;
          else elements.push({ text: c.display, ext: c._display });
        }
      }
      walk(item.item);
    }
  };
  walk(q.item);
  if (!hasItemText) return [];
  const base = q.language ?? "en";
  const sets = elements.map((e) => new Set(translatedLanguages(e.ext)));
  const candidates = new Set(sets.flatMap((s) => [...s]));
  return [base, ...[...candidates].filter((l) => l !== base && sets.every((s) => s.has(l))).sort()];
}
