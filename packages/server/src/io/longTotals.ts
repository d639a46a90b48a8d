// Form totals in a long file (phq9, gad7, core10, … — core's FORM_COLUMNS): each cell checked against its
// form's range as core declares it, then carried as one response per form to that form's imported-totals
// carrier (core: definitions/importedTotals.ts), a score without item answers.
import type { QuestionnaireResponse } from "fhir/r4";
import {
  FORM_COLUMNS,
  IMPORTED_TOTAL_DECIMALS,
  importedTotalsUrl,
  isCodeColumn,
  MISSING_CELLS as MISSING,
  type FormColumn,
} from "@attune/core";

/** A row's form totals by long-table column (phq9: 12), only the cells that hold a value. */
export type FormTotals = Record<string, number>;

/** The file's name of a form column: the mapping's (REDCap field, renamed column), else the column's own. */
export function formFileColumn(columns: object, c: FormColumn): string {
  const mapped = (columns as Record<string, unknown>)[c.column];
  return typeof mapped === "string" ? mapped : c.column;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SCALE = 10 ** IMPORTED_TOTAL_DECIMALS;

/**
 * The number a trimmed cell holds when written plainly (digits, a point, an exponent), else undefined:
 * "1,5", "0x10", "Infinity" and "1e999" are not numbers in a long file (the callers say which cell).
 *
 * @example
 * numberCell("-12.5e1"); // -125
 * numberCell("0x10"); // undefined
 */
export function numberCell(v: string): number | undefined {
  if (!NUMBER.test(v)) return undefined;
  const x = Number(v);
  return Number.isFinite(x) ? x : undefined;
}

/**
 * The form totals of one row's cells; each bad cell is reported through `bad(fileColumn, message)` with
 * the value as written, the form's score and its range. Empty (or NA) is missing. Values keep
 * IMPORTED_TOTAL_DECIMALS decimals (a prorated total such as 12.375 is kept exactly).
 *
 * @example
 * const totals = readFormTotals({ phq9: "12", gad7: "30" }, DEFAULT_COLUMNS, (col, m) => problems.push(`${col}: ${m}`));
 * // totals = { phq9: 12 }; problems = ["gad7: 30 is outside the GAD-7 total's range 0–21"]
 */
export function readFormTotals(
  cells: Readonly<Record<string, string | undefined>> | undefined,
  columns: object,
  bad: (fileColumn: string, message: string) => void,
): FormTotals {
  const out: FormTotals = {};
  if (!cells) return out;
  for (const c of FORM_COLUMNS) {
    const text = cells[c.column];
    if (text === undefined) continue;
    const v = text.trim();
    const name = formFileColumn(columns, c);
    // NaN is no total (a mean of nothing, a failed formula): said, not read as missing.
    if (v.toLowerCase() === "nan") {
      bad(name, `"${v}" is not a number (${c.label}); leave the cell empty or NA for a missing total`);
      continue;
    }
    if (MISSING.has(v)) continue;
    const what = `${c.label}, ${c.range.min}–${c.range.max}`;
    const x = numberCell(v);
    if (x === undefined) {
      bad(name, `"${v.slice(0, 40)}" is not a number (${what})`);
      continue;
    }
    if (x < c.range.min || x > c.range.max) {
      bad(name, `${v.slice(0, 40)} is outside the ${c.label}'s range ${c.range.min}–${c.range.max}`);
      continue;
    }
    if (isCodeColumn(c) && !Number.isInteger(x)) {
      bad(name, `${v.slice(0, 40)} is not a whole number (${what})`);
      continue;
    }
    out[c.column] = Math.round(x * SCALE) / SCALE;
  }
  return out;
}

/** One form's totals of a row, as its carrier's response (items: the form's stored score names). */
export interface TotalsResponse {
  /** The source form's address and id ("phq-9"), and the long-table columns the response carries. */
  readonly formUrl: string;
  readonly formId: string;
  readonly columns: readonly string[];
  readonly qr: QuestionnaireResponse;
}

/**
 * The carrier responses of a row's totals, one per form that has a value.
 *
 * @example
 * totalsResponses({ phq9: 12 })[0]?.qr.questionnaire; // ".../imported-totals-phq-9"
 */
export function totalsResponses(totals: FormTotals): TotalsResponse[] {
  const byForm = new Map<string, FormColumn[]>();
  for (const c of FORM_COLUMNS)
    if (totals[c.column] !== undefined) byForm.set(c.instrument, [...(byForm.get(c.instrument) ?? []), c]);
  return [...byForm].map(([formId, cols]) => ({
    formUrl: cols[0]!.url,
    formId,
    columns: cols.map((c) => c.column),
    qr: {
      resourceType: "QuestionnaireResponse",
      questionnaire: importedTotalsUrl(formId),
      status: "completed",
      item: cols.map((c) => ({ linkId: c.score, answer: [{ valueDecimal: totals[c.column]! }] })),
    },
  }));
}

/** Why a form's totals of a session were not stored: the form was answered there, or imported before. */
export type SkipReason = "answered" | "imported";

/**
 * The warnings for totals not stored, one per form column and reason: how many, and why nothing stored
 * was overwritten.
 *
 * @example
 * skippedTotalsWarnings([{ column: "phq9", reason: "answered" }]);
 * // ["column phq9 (PHQ-9 total): 1 value not imported: its session already has PHQ-9 answers …"]
 */
export function skippedTotalsWarnings(
  skipped: readonly { column: string; fileColumn?: string; reason: SkipReason }[],
): string[] {
  const out: string[] = [];
  for (const c of FORM_COLUMNS)
    for (const reason of ["answered", "imported"] as const) {
      const hits = skipped.filter((s) => s.column === c.column && s.reason === reason);
      const n = hits.length;
      if (n === 0) continue;
      const form = c.label.split(/[: ]/)[0] ?? c.instrument;
      const values = `${n} ${n === 1 ? "value" : "values"} not imported`;
      const sessions = n === 1 ? "its session already has" : "their sessions already have";
      const name = hits[0]?.fileColumn ?? c.column;
      out.push(
        reason === "answered"
          ? `column ${name} (${c.label}): ${values}: ${sessions} ${form} answers, and the answered form wins (its items and scores were kept unchanged)`
          : `column ${name} (${c.label}): ${values}: ${sessions} imported ${form} totals (imports never overwrite)`,
      );
    }
  return out;
}
