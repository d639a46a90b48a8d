// What the patient form needs to know about a FHIR R4 Questionnaire, without rendering: the texts in the
// chosen language (translation extension), how each item is answered, enableWhen, and the answer JSON the
// server's checks accept (valueCoding for answer options, valueInteger for integer items, valueDecimal
// for visual-analogue lines).
import { ITEM_FR, type Lang } from "../i18n.ts";

export interface Ext {
  url: string;
  valueInteger?: number;
  valueDecimal?: number;
  valueString?: string;
  valueBoolean?: boolean;
  valueCode?: string;
  valueCodeableConcept?: { coding?: { code?: string }[] };
  extension?: Ext[];
}
export interface Element {
  extension?: Ext[];
}
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
  _display?: Element;
}
export interface AnswerOption {
  valueCoding?: Coding;
  valueInteger?: number;
  valueString?: string;
}
export interface EnableWhen {
  question: string;
  operator: "exists" | "=" | "!=" | ">" | "<" | ">=" | "<=";
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerInteger?: number;
  answerString?: string;
  answerCoding?: Coding;
}
export interface QItem {
  linkId: string;
  prefix?: string;
  text?: string;
  _text?: Element;
  type?: string;
  required?: boolean;
  extension?: Ext[];
  answerOption?: AnswerOption[];
  enableWhen?: EnableWhen[];
  enableBehavior?: "all" | "any";
  item?: QItem[];
}
export interface Questionnaire {
  id?: string;
  url: string;
  title?: string;
  _title?: Element;
  language?: string;
  copyright?: string;
  extension?: Ext[];
  item?: QItem[];
}

/** One given answer: the value compared by enableWhen and the FHIR answer sent to the server. */
export interface Answer {
  value: number | string | boolean;
  fhir: Record<string, unknown>;
}

const TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation";
const MIN = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX = "http://hl7.org/fhir/StructureDefinition/maxValue";
const DECIMALS = "http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces";
const CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const LICENCE = "https://attune.example/fhir/StructureDefinition/instrument-licence";

/** The key of an item across the link's forms (a linkId is unique only within its form). */
export const keyOf = (q: Questionnaire, i: QItem): string => `${q.url}#${i.linkId}`;

const translation = (el: Element | undefined, lang: string): string | undefined => {
  for (const e of el?.extension ?? []) {
    if (e.url !== TRANSLATION) continue;
    const code = e.extension?.find((x) => x.url === "lang")?.valueCode;
    const content = e.extension?.find((x) => x.url === "content")?.valueString;
    if (code === lang && content !== undefined) return content;
  }
  return undefined;
};

/** A text in `lang`: the base text when the form is in that language, its translation, or the demo table. */
function textIn(q: Questionnaire, text: string | undefined, el: Element | undefined, lang: string) {
  if (text === undefined) return undefined;
  if ((q.language ?? "en") === lang) return text;
  return translation(el, lang) ?? (lang === "fr" ? ITEM_FR[text] : undefined);
}

const isQuestion = (i: QItem) => i.type !== "display" && i.type !== "group";

/** Every item of a form, depth first. */
export function flatten(items: QItem[] | undefined): QItem[] {
  return (items ?? []).flatMap((i) => [i, ...flatten(i.item)]);
}

/** Questions (not display or group items) of a form. */
export const questionsOf = (q: Questionnaire): QItem[] => flatten(q.item).filter(isQuestion);

/**
 * False for a shell: some question has no wording (the server refuses such links, but wording can be
 * withdrawn after a link was made). Such a form is not shown and not sent.
 */
export const hasWording = (q: Questionnaire): boolean =>
  questionsOf(q).every((i) => (i.text ?? "").trim() !== "");

/**
 * The language a form is shown in: the page's language when every text of the form has it, otherwise the
 * form's own language (a form is never shown half translated; licensed wording is never translated here).
 */
export function formLang(q: Questionnaire, lang: Lang): string {
  const base = q.language ?? "en";
  if (base === lang) return lang;
  const texts: [string | undefined, Element | undefined][] = [[q.title, q._title]];
  for (const i of flatten(q.item)) {
    texts.push([i.text, i._text]);
    for (const o of i.answerOption ?? [])
      if (o.valueCoding) texts.push([o.valueCoding.display, o.valueCoding._display]);
  }
  return texts.every(([t, el]) => t === undefined || textIn(q, t, el, lang) !== undefined) ? lang : base;
}

/** The form's texts in one language (the one formLang chose). */
export function texts(q: Questionnaire, lang: string) {
  return {
    title: textIn(q, q.title, q._title, lang) ?? q.title ?? "",
    item: (i: QItem) => textIn(q, i.text, i._text, lang) ?? i.text ?? "",
    option: (o: AnswerOption) =>
      o.valueCoding
        ? (textIn(q, o.valueCoding.display, o.valueCoding._display, lang) ??
          o.valueCoding.display ??
          o.valueCoding.code ??
          "")
        : String(o.valueInteger ?? o.valueString ?? ""),
  };
}

const ext = (i: QItem, url: string) => i.extension?.find((e) => e.url === url);
const num = (e: Ext | undefined) => e?.valueInteger ?? e?.valueDecimal;

/** How an item is answered. */
export type Control =
  | { kind: "display" }
  | { kind: "group" }
  | { kind: "options" }
  | { kind: "row"; min: number; max: number }
  | { kind: "slider"; min: number; max: number; decimals: number }
  | { kind: "number"; min?: number; max?: number; decimals: number }
  | { kind: "boolean" }
  | { kind: "text"; long: boolean };

/**
 * The control of an item: labelled radios for answer options; a radio row for a small integer range
 * (at most 11 points, e.g. 1–5 or 0–10); a line with a number field for decimal (visual-analogue) items;
 * a number field otherwise.
 */
export function controlOf(i: QItem): Control {
  if (i.type === "display") return { kind: "display" };
  if (i.type === "group") return { kind: "group" };
  if (i.answerOption?.length) return { kind: "options" };
  const min = num(ext(i, MIN));
  const max = num(ext(i, MAX));
  if (i.type === "integer") {
    if (min === undefined && max === undefined) return { kind: "row", min: 1, max: 5 }; // the demo forms' default
    if (min !== undefined && max !== undefined && max - min <= 10) return { kind: "row", min, max };
    return {
      kind: "number",
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      decimals: 0,
    };
  }
  if (i.type === "decimal" || i.type === "quantity") {
    const decimals = ext(i, DECIMALS)?.valueInteger ?? 2;
    const slider = ext(i, CONTROL)?.valueCodeableConcept?.coding?.some((c) => c.code === "slider");
    if (min !== undefined && max !== undefined && (slider || max - min <= 100))
      return { kind: "slider", min, max, decimals };
    return {
      kind: "number",
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      decimals,
    };
  }
  if (i.type === "boolean") return { kind: "boolean" };
  return { kind: "text", long: i.type === "text" };
}

/** The answer for a chosen answer option (the code only: answer labels may be licensed wording). */
export function optionAnswer(o: AnswerOption): Answer {
  if (o.valueCoding) {
    const code = o.valueCoding.code ?? "";
    const n = Number(code);
    return {
      value: code !== "" && Number.isFinite(n) ? n : code,
      fhir: {
        valueCoding: { ...(o.valueCoding.system ? { system: o.valueCoding.system } : {}), code },
      },
    };
  }
  if (o.valueInteger !== undefined) return { value: o.valueInteger, fhir: { valueInteger: o.valueInteger } };
  return { value: o.valueString ?? "", fhir: { valueString: o.valueString ?? "" } };
}

/** The answer for a number (an integer item → valueInteger, a decimal one → valueDecimal, rounded). */
export function numberAnswer(i: QItem, v: number, decimals: number): Answer {
  if (i.type === "integer") return { value: Math.round(v), fhir: { valueInteger: Math.round(v) } };
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return { value: r, fhir: { valueDecimal: r } };
}

/**
 * Reads a typed number ("6.4", or "6,4" as French writes it) and checks it against the control's range
 * and decimals; returns the number or the reason it is not accepted.
 */
export function parseNumber(
  raw: string,
  c: { min?: number; max?: number; decimals: number },
): { ok: true; value: number } | { ok: false } {
  const t = raw.trim().replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return { ok: false };
  const v = Number(t);
  const places = t.includes(".") ? t.split(".")[1]!.length : 0;
  if (places > c.decimals) return { ok: false };
  if ((c.min !== undefined && v < c.min) || (c.max !== undefined && v > c.max)) return { ok: false };
  return { ok: true, value: v };
}

function compare(ew: EnableWhen, a: Answer | undefined): boolean {
  if (ew.operator === "exists") return (a !== undefined) === (ew.answerBoolean ?? true);
  // FHIR (and core's scoring): a condition on an unanswered question is false, so the item stays hidden.
  if (a === undefined) return false;
  const want: number | string | boolean | undefined =
    ew.answerCoding !== undefined
      ? Number.isFinite(Number(ew.answerCoding.code))
        ? Number(ew.answerCoding.code)
        : (ew.answerCoding.code ?? "")
      : (ew.answerInteger ?? ew.answerDecimal ?? ew.answerString ?? ew.answerBoolean);
  if (want === undefined) return false;
  const got = a.value;
  switch (ew.operator) {
    case "=":
      return got === want;
    case "!=":
      return got !== want;
    case ">":
      return got > want;
    case "<":
      return got < want;
    case ">=":
      return got >= want;
    case "<=":
      return got <= want;
  }
}

/** Whether an item is shown, given the answers of its form (`enableBehavior` all, or any). */
export function enabled(q: Questionnaire, i: QItem, answers: ReadonlyMap<string, Answer>): boolean {
  if (!i.enableWhen?.length) return true;
  const results = i.enableWhen.map((ew) => compare(ew, answers.get(`${q.url}#${ew.question}`)));
  return i.enableBehavior === "any" ? results.some(Boolean) : results.every(Boolean);
}

/** The questions shown now (an item inside a hidden group is hidden too). */
export function visibleQuestions(q: Questionnaire, answers: ReadonlyMap<string, Answer>): QItem[] {
  const walk = (items: QItem[] | undefined): QItem[] =>
    (items ?? []).flatMap((i) =>
      enabled(q, i, answers) ? [...(isQuestion(i) ? [i] : []), ...walk(i.item)] : [],
    );
  return walk(q.item);
}

/**
 * The QuestionnaireResponse items of the answers to shown questions, nested like the form (groups carry
 * their children); unanswered and hidden items are left out.
 */
export function responseItems(
  q: Questionnaire,
  answers: ReadonlyMap<string, Answer>,
): { linkId: string; answer?: unknown[]; item?: unknown[] }[] {
  const walk = (items: QItem[] | undefined): { linkId: string; answer?: unknown[]; item?: unknown[] }[] =>
    (items ?? []).flatMap((i) => {
      if (!enabled(q, i, answers) || i.type === "display") return [];
      if (i.type === "group") {
        const inner = walk(i.item);
        return inner.length ? [{ linkId: i.linkId, item: inner }] : [];
      }
      const a = answers.get(keyOf(q, i));
      const inner = walk(i.item);
      if (!a && !inner.length) return [];
      return [
        { linkId: i.linkId, ...(a ? { answer: [a.fhir] } : {}), ...(inner.length ? { item: inner } : {}) },
      ];
    });
  return walk(q.item);
}

/**
 * Notices to show with a form: the licence's notice (CORE-10 requires its copyright line with the form;
 * the PHQ's Pfizer line) and the notice of wording a network imported. The licence terms themselves are
 * for the network, not the patient.
 */
export function noticesOf(q: Questionnaire): string[] {
  const terms = ext(
    { linkId: "", ...(q.extension ? { extension: q.extension } : {}) },
    LICENCE,
  )?.extension?.find((e) => e.url === "terms")?.valueString;
  return (q.copyright ?? "")
    .split("\n\n")
    .map((p) => p.trim())
    .filter((p) => p !== "" && p !== terms)
    .map((p) => p.replace(/^Wording \([^)]*\) imported by the network: /, ""));
}
