// Therapist attributes (years of practice, orientation, prior training): declared once per network,
// one value per therapist. The same checks serve the API, the pages, the long CSV and REDCap imports,
// so a value refused on one path is refused on all of them, with the same words.
import { LONG_COLUMNS } from "./longTable.ts";

/** What a network declares: the column name in the analysis table, a label, and the kind of value. */
export interface TherapistAttributeDef {
  /** The analysis-table column: a lower-case name (e.g. `years_practice`). */
  code: string;
  label: string;
  kind: "numeric" | "categorical";
  /** The allowed categories (categorical only). */
  levels?: readonly string[];
}

/**
 * Column names an attribute may not take: the analysis table's own columns (every LONG_COLUMNS column, the
 * scored forms' included) and derived variables.
 */
export const RESERVED_COLUMNS: ReadonlySet<string> = new Set([
  ...LONG_COLUMNS,
  "therapist",
  "patient",
  "session",
  "condition",
  "site",
  "date",
  "time",
  "outcome",
  "outcome_next",
  "alliance",
  "alliance_patient",
  "alliance_therapist",
  "alliance_wp",
  "alliance_pm",
  "wellbeing",
  "modality",
  "end_reason",
  "end_date",
  "truth_c",
  "judge_c",
  "truth_w",
  "truth_b",
]);

/** The attribute-name alphabet: a lower-case letter, then letters, digits or _, at most 40. */
export const ATTRIBUTE_CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Checks an attribute's column name; returns a message naming the bad value, or undefined.
 *
 * @example
 * attributeCodeProblem("years_practice"); // undefined
 * attributeCodeProblem("session"); // 'attribute name "session" is a column the analysis table already has'
 */
export function attributeCodeProblem(code: string): string | undefined {
  if (!ATTRIBUTE_CODE_PATTERN.test(code))
    return `attribute name ${JSON.stringify(code.slice(0, 50))} must be 1–40 lower-case letters, digits or _, starting with a letter`;
  if (RESERVED_COLUMNS.has(code) || /_(wp|pb|tm|pm|c)$/.test(code))
    return `attribute name "${code}" is a column the analysis table already has, or ends like a derived variable (_wp, _pb, _tm, _pm, _c)`;
  return undefined;
}

/**
 * Checks a declaration: its name, and for categories at least two distinct levels.
 *
 * @example
 * attributeDefProblem({ code: "orientation", label: "Orientation", kind: "categorical", levels: ["CBT"] });
 * // 'attribute "orientation" needs at least two categories'
 */
export function attributeDefProblem(d: TherapistAttributeDef): string | undefined {
  const name = attributeCodeProblem(d.code);
  if (name) return name;
  if (d.kind === "numeric")
    return d.levels?.length ? `numeric attribute "${d.code}" takes no categories` : undefined;
  const levels = d.levels ?? [];
  if (new Set(levels).size < 2) return `attribute "${d.code}" needs at least two categories`;
  if (new Set(levels).size !== levels.length) return `attribute "${d.code}" lists a category twice`;
  const bad = levels.find((l) => !/^[\p{L}\p{N}][\p{L}\p{N} ._:-]{0,39}$/u.test(l));
  if (bad !== undefined)
    return `category ${JSON.stringify(bad.slice(0, 50))} of "${d.code}" must be 1–40 letters, digits, spaces or . _ : -, starting with a letter or digit`;
  return undefined;
}

/**
 * Reads one value for an attribute, from the API (number or text) or a CSV cell (text): the stored
 * text, or a message naming the value and what was expected. Empty means "no value" (null).
 *
 * @example
 * attributeValue({ code: "years_practice", label: "Years", kind: "numeric" }, "12"); // { value: "12" }
 * attributeValue({ code: "orientation", label: "O", kind: "categorical", levels: ["CBT", "PD"] }, "x");
 * // { problem: 'orientation "x" is not one of its categories: CBT, PD' }
 */
export function attributeValue(
  d: TherapistAttributeDef,
  raw: string | number | null | undefined,
): { value: string | null } | { problem: string } {
  if (raw === null || raw === undefined) return { value: null };
  const text = typeof raw === "number" ? String(raw) : raw.trim();
  if (text === "") return { value: null };
  if (d.kind === "numeric") {
    const x = Number(text);
    if (!Number.isFinite(x) || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text))
      return { problem: `${d.code} ${JSON.stringify(text.slice(0, 40))} is not a number` };
    if (Math.abs(x) > 1e9) return { problem: `${d.code} ${text.slice(0, 40)} is out of range` };
    return { value: String(x) };
  }
  const levels = d.levels ?? [];
  if (!levels.includes(text))
    return {
      problem: `${d.code} ${JSON.stringify(text.slice(0, 40))} is not one of its categories: ${levels.join(", ")}`,
    };
  return { value: text };
}
