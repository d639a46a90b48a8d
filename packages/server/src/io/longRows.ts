// The long table's rows as an import reads them: the raw text cells (RawLongRow, from the one reader in
// longReader.ts) and their validation into typed rows, every problem named by row and column.
import {
  codeProblem,
  endReasonOf,
  IMPORT_COLUMNS,
  isEndReason,
  isModality,
  isoDateProblem,
  MISSING_CELLS as MISSING,
  modalityOf,
  SCORE_COLUMNS,
  sessionNumber,
  type ImportColumn,
  type Modality,
  type ScaleRange,
  type ScoreColumnName,
} from "@attune/core";
import type { EpisodeEnd } from "@attune/db";
import type { DeclaredScales } from "./longScales.ts";
import { numberCell, readFormTotals, type FormTotals } from "./longTotals.ts";
import type { Rejection } from "./report.ts";

/** One row as read from the file: every column an import reads, as text (core's IMPORT_COLUMNS). */
export type RawLongRow = { line: number } & { [C in ImportColumn]: string | undefined } & {
  /** The row's other cells by column name (therapist attribute columns are read from these). */
  extra?: Record<string, string>;
  /** The row's form-total cells (phq9, gad7, … — core's FORM_COLUMNS) by long-table column. */
  forms?: Record<string, string | undefined>;
};

/** The longest site name (as the sites API allows). */
const SITE_NAME_MAX = 200;

export type LongRow = {
  line: number;
  therapist: string;
  patient: string;
  session: number;
  condition: string | null;
  /** The patient's site by name (created on import if the network has none of that name). */
  site: string | null;
  modality: Modality | null;
  end: EpisodeEnd | null;
  /** Form totals without item answers (stored on each form's imported-totals carrier). */
  forms: FormTotals;
} & { [C in ScoreColumnName]: number | null };

/** Column names as the user's file calls them (defaults: the recipes' names), by long-table column. */
export type LongColumns = { [C in ImportColumn]: string };

export const DEFAULT_COLUMNS: LongColumns = Object.fromEntries(
  IMPORT_COLUMNS.map((c) => [c, c]),
) as LongColumns;

/**
 * Checks every raw row: codes, session numbers, arms, modality, end, scores (within their declared
 * scales) and form totals (within their form's range); a patient's session appears once, an arm is its therapist's, an episode has one end.
 *
 * @example
 * const { rows, rejected } = validateRows(raw, DEFAULT_COLUMNS, { alliance: { min: 1, max: 7 } });
 */
export function validateRows(
  raw: RawLongRow[],
  columns: LongColumns,
  scales: DeclaredScales = {},
): { rows: LongRow[]; rejected: Rejection[] } {
  const rejected: Rejection[] = [];
  const rows: LongRow[] = [];
  const seen = new Map<string, number>();
  const condOf = new Map<string, { value: string | null; line: number }>();
  const siteOf = new Map<string, { value: string; line: number }>();
  const endOfEpisode = new Map<string, { end: EpisodeEnd; line: number }>();
  for (const r of raw) {
    const bad = (col: keyof LongColumns, message: string) =>
      rejected.push({ row: r.line, column: columns[col], message });
    const before = rejected.length;
    const code = (col: "therapist" | "patient") => {
      const v = (r[col] ?? "").trim();
      const problem = codeProblem(v, col);
      if (problem) bad(col, problem);
      return v;
    };
    const num = (col: ScoreColumnName, scale: ScaleRange | undefined) => {
      const v = (r[col] ?? "").trim();
      if (MISSING.has(v)) return null;
      const x = numberCell(v);
      if (x === undefined || Math.abs(x) > 1e6) {
        bad(col, `"${v.slice(0, 40)}" is not a number`);
        return null;
      }
      if (scale && (x < scale.min || x > scale.max)) {
        bad(col, `${x} is outside the declared scale ${scale.min}–${scale.max}`);
        return null;
      }
      return x;
    };
    const therapist = code("therapist");
    const patient = code("patient");
    const sn = sessionNumber(r.session ?? "");
    if (typeof sn === "string") bad("session", sn);
    const session = typeof sn === "number" ? sn : NaN;
    const cv = (r.condition ?? "").trim();
    const condition = MISSING.has(cv) ? null : cv;
    const armProblem = condition === null ? undefined : codeProblem(condition, "condition (arm)");
    if (armProblem) bad("condition", armProblem);
    const sv = (r.site ?? "").trim();
    const site = MISSING.has(sv) ? null : sv;
    if (site !== null && site.length > SITE_NAME_MAX)
      bad("site", `site name "${site.slice(0, 40)}…" is longer than ${SITE_NAME_MAX} characters`);
    const mv = (r.modality ?? "").trim();
    let modality: Modality | null = null;
    if (!MISSING.has(mv)) {
      const m = modalityOf(mv);
      if (isModality(m)) modality = m;
      else bad("modality", m);
    }
    const end = endOf(r, bad);
    const scores = Object.fromEntries(
      SCORE_COLUMNS.map((c) => [c.column, num(c.column, scales[c.scale])]),
    ) as { [C in ScoreColumnName]: number | null };
    const forms = readFormTotals(r.forms, columns, (column, message) =>
      rejected.push({ row: r.line, column, message }),
    );
    const row: LongRow = {
      line: r.line,
      therapist,
      patient,
      session,
      condition,
      site,
      modality,
      end,
      forms,
      ...scores,
    };
    if (rejected.length > before) continue;
    const key = `${patient}\u0000${session}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      bad("session", `patient ${patient} session ${session} appears twice (also row ${dup})`);
      continue;
    }
    seen.set(key, r.line);
    const c = condOf.get(therapist);
    if (c && c.value !== condition) {
      bad(
        "condition",
        `therapist ${therapist} has condition "${condition ?? "NA"}" here but "${c.value ?? "NA"}" in row ${c.line} (condition is therapist-level)`,
      );
      continue;
    }
    if (!c) condOf.set(therapist, { value: condition, line: r.line });
    // The site is the patient's: rows of one patient that name one must agree.
    const st = siteOf.get(patient);
    if (site !== null && st && st.value !== site) {
      bad(
        "site",
        `patient ${patient} is at site "${site}" here but "${st.value}" in row ${st.line} (site is patient-level)`,
      );
      continue;
    }
    if (site !== null && !st) siteOf.set(patient, { value: site, line: r.line });
    // The end is the episode's: rows of one patient with one therapist that give it must agree.
    const ekey = `${patient}\u0000${therapist}`;
    const e = endOfEpisode.get(ekey);
    if (end && e && (e.end.endedAt !== end.endedAt || e.end.reason !== end.reason)) {
      bad(
        end.reason !== e.end.reason ? "end_reason" : "end_date",
        `patient ${patient} ends ${end.endedAt ?? "(no date)"} (${end.reason}) here but ${e.end.endedAt ?? "(no date)"} (${e.end.reason}) in row ${e.line} (the end is the episode's)`,
      );
      continue;
    }
    if (end && !e) endOfEpisode.set(ekey, { end, line: r.line });
    rows.push(row);
  }
  return { rows, rejected };
}

/** The row's episode end (date and reason, both or neither), or null; a bad cell is reported by `bad`. */
function endOf(r: RawLongRow, bad: (col: keyof LongColumns, message: string) => void): EpisodeEnd | null {
  const date = (r.end_date ?? "").trim();
  const reason = (r.end_reason ?? "").trim();
  const hasDate = !MISSING.has(date);
  const hasReason = !MISSING.has(reason);
  if (!hasDate && !hasReason) return null;
  if (!hasReason) {
    bad(
      "end_reason",
      `an end date (${date.slice(0, 40)}) needs its reason (completed, dropout, referred, other)`,
    );
    return null;
  }
  const dateProblem = hasDate ? isoDateProblem(date, "end date") : undefined;
  if (dateProblem) bad("end_date", dateProblem);
  const why = endReasonOf(reason);
  const known = isEndReason(why);
  if (!known) bad("end_reason", why);
  return dateProblem || !known ? null : { endedAt: hasDate ? date.slice(0, 10) : null, reason: why };
}
