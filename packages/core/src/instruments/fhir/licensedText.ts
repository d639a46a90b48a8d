// Merging a network's licensed wording into a structure-and-scoring shell. Pure: storing the result per
// network is the platform's job.
import { EXT } from "./constants.ts";
import { readTranslation, translatedLanguages, withTranslation } from "./translation.ts";
import type { Questionnaire, QuestionnaireItem } from "./types.ts";
import type { Issue } from "../types.ts";

/**
 * The file a network imports: the wording of one instrument in one language, keyed by the shell's
 * linkIds and answer values. Example (abridged):
 *
 * ```json
 * { "instrument": "wai-sr", "language": "en",
 *   "instructions": "...", "copyright": "© ... used under licence no. 123",
 *   "items": [{ "linkId": "wai-sr-1", "text": "..." }, ...],
 *   "answerOptions": { "frequency": [{ "value": 1, "display": "..." }, ...] } }
 * ```
 */
export interface LicensedTextFile {
  readonly instrument: string;
  readonly language: string;
  readonly title?: string;
  readonly instructions?: string;
  readonly copyright?: string;
  readonly items: readonly { readonly linkId: string; readonly text: string }[];
  /** Labels per answer scale id (the shell's `answer-scale` extension), one per answer value. */
  readonly answerOptions?: Readonly<
    Record<string, readonly { readonly value: number; readonly display: string }[]>
  >;
}

export type MergeOutcome =
  | { readonly ok: true; readonly questionnaire: Questionnaire; readonly language: string }
  | { readonly ok: false; readonly issues: readonly Issue[] };

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Merges a licensed wording file into a Questionnaire (a shell, or a form that already has wording in
 * another language) and returns a new Questionnaire; the input is not changed. The first wording becomes
 * the base text (and the Questionnaire's language); further languages become FHIR translations. A file
 * that does not match the shell — another instrument, a missing or unknown item, answer values that differ
 * — is refused with one issue per mismatch.
 *
 * @example
 * const shell = toQuestionnaire(getInstrument("wai-sr"));
 * const r = mergeLicensedText(shell, JSON.parse(readFileSync("wai-sr.en.json", "utf8")));
 * if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
 * save(r.questionnaire);
 */
export function mergeLicensedText(shell: Questionnaire, file: unknown): MergeOutcome {
  const issues: Issue[] = [];
  const parsed = parseFile(file, issues);
  if (!parsed) return { ok: false, issues };

  if (parsed.instrument !== shell.id) {
    issues.push({
      path: "instrument",
      message: `the file is for instrument "${parsed.instrument}" but the shell is "${shell.id}"`,
    });
  }

  const questions = flatten(shell.item).filter((it) => it.type !== "display" && it.type !== "group");
  const shellIds = new Set(questions.map((q) => q.linkId));
  const seen = new Set<string>();
  parsed.items.forEach((it, i) => {
    if (seen.has(it.linkId)) {
      issues.push({
        linkId: it.linkId,
        path: `items[${i}]`,
        message: `item "${it.linkId}" appears twice in the file`,
      });
    }
    seen.add(it.linkId);
    if (!shellIds.has(it.linkId)) {
      issues.push({
        linkId: it.linkId,
        path: `items[${i}]`,
        message: `item "${it.linkId}" in the file is not an item of ${shell.id} (its items: ${[...shellIds].join(", ")})`,
      });
    }
  });
  for (const id of shellIds) {
    if (!seen.has(id))
      issues.push({ linkId: id, message: `item "${id}" of ${shell.id} has no text in the file` });
  }

  checkAnswerOptions(questions, parsed, issues);

  const hasBase = questions.some((q) => q.text !== undefined);
  const base = shell.language ?? "en";
  const existing = hasBase
    ? new Set([base, ...questions.flatMap((q) => translatedLanguages(q._text))])
    : new Set();
  if (existing.has(parsed.language)) {
    issues.push({
      path: "language",
      message: `${shell.id} already has wording in "${parsed.language}"; import another language, or start again from the shell`,
    });
  }
  if (issues.length > 0) return { ok: false, issues };

  return { ok: true, questionnaire: apply(shell, parsed, hasBase), language: parsed.language };
}

function parseFile(file: unknown, issues: Issue[]): LicensedTextFile | null {
  if (typeof file !== "object" || file === null || Array.isArray(file)) {
    issues.push({
      message: "the file must hold one JSON object ({ instrument, language, items, answerOptions })",
    });
    return null;
  }
  const f = file as Record<string, unknown>;
  if (typeof f.instrument !== "string" || f.instrument === "") {
    issues.push({
      path: "instrument",
      message: `"instrument" must be the instrument id, got ${show(f.instrument)}`,
    });
  }
  if (typeof f.language !== "string" || !LANGUAGE.test(f.language)) {
    issues.push({
      path: "language",
      message: `"language" must be a language code such as "en" or "fr-CA", got ${show(f.language)}`,
    });
  }
  for (const key of ["title", "instructions", "copyright"] as const) {
    if (f[key] !== undefined && (typeof f[key] !== "string" || f[key] === "")) {
      issues.push({
        path: key,
        message: `"${key}" must be a non-empty string when given, got ${show(f[key])}`,
      });
    }
  }
  if (!Array.isArray(f.items)) {
    issues.push({
      path: "items",
      message: `"items" must be an array of { linkId, text }, got ${show(f.items)}`,
    });
  } else {
    f.items.forEach((it: unknown, i) => {
      const o = it as Record<string, unknown> | null;
      if (typeof o !== "object" || o === null || typeof o.linkId !== "string") {
        issues.push({
          path: `items[${i}]`,
          message: `items[${i}] must be { linkId, text }, got ${show(it)}`,
        });
      } else if (typeof o.text !== "string" || o.text.trim() === "") {
        issues.push({
          linkId: o.linkId,
          path: `items[${i}].text`,
          message: `item "${o.linkId}" has no text (got ${show(o.text)})`,
        });
      }
    });
  }
  if (f.answerOptions !== undefined) {
    if (typeof f.answerOptions !== "object" || f.answerOptions === null || Array.isArray(f.answerOptions)) {
      issues.push({
        path: "answerOptions",
        message: `"answerOptions" must map answer-scale ids to lists, got ${show(f.answerOptions)}`,
      });
    } else {
      for (const [scale, list] of Object.entries(f.answerOptions as Record<string, unknown>)) {
        const ok =
          Array.isArray(list) &&
          list.every((o: unknown) => {
            const r = o as Record<string, unknown> | null;
            return (
              typeof r === "object" &&
              r !== null &&
              typeof r.value === "number" &&
              typeof r.display === "string" &&
              r.display.trim() !== ""
            );
          });
        if (!ok) {
          issues.push({
            path: `answerOptions.${scale}`,
            message: `answerOptions.${scale} must be a list of { value: number, display: text }`,
          });
        }
      }
    }
  }
  return issues.length > 0 ? null : (f as unknown as LicensedTextFile);
}

function checkAnswerOptions(questions: QuestionnaireItem[], file: LicensedTextFile, issues: Issue[]): void {
  const scales = new Map<string, string[]>();
  for (const q of questions) {
    if (!q.answerOption) continue;
    const scale = scaleOf(q);
    if (!scales.has(scale))
      scales.set(
        scale,
        q.answerOption.map((o) => o.valueCoding?.code ?? ""),
      );
  }
  const given = file.answerOptions ?? {};
  for (const [scale, codes] of scales) {
    const list = given[scale];
    if (!list) {
      issues.push({
        path: `answerOptions.${scale}`,
        message: `the file gives no labels for answer scale "${scale}" (values ${codes.join(", ")})`,
      });
      continue;
    }
    const values = list.map((o) => String(o.value));
    const missing = codes.filter((c) => !values.includes(c));
    const extra = values.filter((v) => !codes.includes(v));
    if (missing.length > 0) {
      issues.push({
        path: `answerOptions.${scale}`,
        message: `answer scale "${scale}": no label for value(s) ${missing.join(", ")} (the shell has ${codes.join(", ")})`,
      });
    }
    if (extra.length > 0) {
      issues.push({
        path: `answerOptions.${scale}`,
        message: `answer scale "${scale}": value(s) ${extra.join(", ")} are not in the shell (it has ${codes.join(", ")})`,
      });
    }
    if (new Set(values).size !== values.length) {
      issues.push({
        path: `answerOptions.${scale}`,
        message: `answer scale "${scale}": a value is labelled twice`,
      });
    }
  }
  for (const scale of Object.keys(given)) {
    if (!scales.has(scale)) {
      issues.push({
        path: `answerOptions.${scale}`,
        message: `answer scale "${scale}" is not a choice scale of the shell (it has: ${[...scales.keys()].join(", ") || "none"})`,
      });
    }
  }
}

function apply(shell: Questionnaire, file: LicensedTextFile, hasBase: boolean): Questionnaire {
  const q = structuredClone(shell);
  const lang = file.language;
  const setText = <T extends object>(target: T, field: string, value: string) => {
    const t = target as Record<string, unknown>;
    if (hasBase) t[`_${field}`] = withTranslation(t[`_${field}`] as never, lang, value);
    else t[field] = value;
  };
  if (!hasBase) q.language = lang;
  if (file.title) setText(q, "title", file.title);
  const texts = new Map(file.items.map((it) => [it.linkId, it.text]));
  for (const item of flatten(q.item)) {
    const text = texts.get(item.linkId);
    if (text !== undefined) setText(item, "text", text);
    const labels = file.answerOptions?.[scaleOf(item)];
    for (const opt of item.answerOption ?? []) {
      const c = opt.valueCoding;
      const label = labels?.find((l) => String(l.value) === c?.code)?.display;
      if (c && label !== undefined) setText(c, "display", label);
    }
  }
  if (file.instructions) {
    const id = `${q.id}-instructions`;
    const existing = q.item?.find((it) => it.linkId === id);
    if (existing) setText(existing, "text", file.instructions);
    else q.item = [{ linkId: id, type: "display", text: file.instructions }, ...(q.item ?? [])];
  }
  if (file.copyright) {
    const line = `Wording (${lang}) imported by the network: ${file.copyright}`;
    q.copyright = q.copyright ? `${q.copyright}\n\n${line}` : line;
  }
  return q;
}

function scaleOf(item: QuestionnaireItem): string {
  return item.extension?.find((e) => e.url === EXT.answerScale)?.valueString ?? item.linkId;
}

function flatten(items: QuestionnaireItem[] | undefined): QuestionnaireItem[] {
  return (items ?? []).flatMap((it) => [it, ...flatten(it.item)]);
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const s = JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * The wording of a Questionnaire in one language, as a licensed-text file (e.g. to hand a translator the
 * structure to fill in: call it on a shell to get a template with empty texts).
 *
 * @example
 * const template = licensedTextTemplate(toQuestionnaire(getInstrument("wai-sr")), "en");
 * template.items[0]; // { linkId: "wai-sr-1", text: "" }
 */
export function licensedTextTemplate(q: Questionnaire, lang: string): LicensedTextFile {
  const base = q.language ?? "en";
  const pick = (text: string | undefined, el: Parameters<typeof readTranslation>[0]) =>
    (lang === base ? text : readTranslation(el, lang)) ?? "";
  const questions = flatten(q.item).filter((it) => it.type !== "display" && it.type !== "group");
  const answerOptions: Record<string, { value: number; display: string }[]> = {};
  for (const item of questions) {
    const scale = scaleOf(item);
    if (!item.answerOption || answerOptions[scale]) continue;
    answerOptions[scale] = item.answerOption.map((o) => ({
      value: Number(o.valueCoding?.code),
      display: pick(o.valueCoding?.display, o.valueCoding?._display),
    }));
  }
  return {
    instrument: q.id ?? "",
    language: lang,
    items: questions.map((it) => ({ linkId: it.linkId, text: pick(it.text, it._text) })),
    answerOptions,
  };
}
