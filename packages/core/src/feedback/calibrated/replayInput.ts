// The long CSV of `attune feedback` read into dyad histories: one row per patient × session, scores as
// item means on the declared scales, empty = missing form, rows in any order, optional item columns
// `<role>_item1..K` and an optional `date`. Every error names the row and the column.
import { InputError } from "@attune/stats";
import { MISSING_CELLS as MISSING, SCALE_RANGE_PATTERN } from "../../records/longTable.ts";
import type { SessionRecord } from "../types.ts";
import type { DyadHistory } from "./calibrate.ts";

/** A declared scale of scores (item means): the items' minimum and maximum. */
export interface DeclaredRange {
  readonly min: number;
  readonly max: number;
}

/** The declared scales of the three forms, and where each came from (a flag name, for messages). */
export interface ReplayScales {
  readonly alliance_patient: DeclaredRange & { readonly from: string };
  readonly alliance_therapist: DeclaredRange & { readonly from: string };
  readonly outcome: DeclaredRange & { readonly from: string };
}

export const REPLAY_COLUMNS = [
  "therapist",
  "patient",
  "session",
  "alliance_patient",
  "alliance_therapist",
  "outcome",
] as const;

const ROLES = ["alliance_patient", "alliance_therapist", "outcome"] as const;
const KEY = {
  alliance_patient: "alliancePatient",
  alliance_therapist: "allianceTherapist",
  outcome: "outcome",
} as const;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Parses "min-max" (also "min..max", "min to max") as typed in a flag; the error names the flag.
 *
 * @example
 * parseDeclaredRange("1-7", "--alliance-scale"); // { min: 1, max: 7 }
 */
export function parseDeclaredRange(text: string, flag: string): DeclaredRange {
  const m = SCALE_RANGE_PATTERN.exec(text);
  if (!m)
    throw new InputError(`${flag}: "${text.slice(0, 40)}" is not of the form MIN-MAX (e.g. 1-7 or 0-27)`);
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (!(max > min)) throw new InputError(`${flag}: max ${max} is not above min ${min}`);
  return { min, max };
}

/**
 * Reads the table (header + rows of strings, as a CSV parser gives them) into one history per
 * therapist × patient. Throws an InputError naming the row (1-based data row and file line) and column.
 *
 * @example
 * replayHistories(["therapist","patient","session","alliance_patient","alliance_therapist","outcome"],
 *   [["T1","P1","1","4.2","4","3.1"]], scales); // [{ therapist: "T1", patient: "P1", sessions: [...] }]
 */
export function replayHistories(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  scales: ReplayScales,
): DyadHistory[] {
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  for (const c of REPLAY_COLUMNS) {
    if (!col.has(c)) {
      throw new InputError(`column "${c}" not found; the file needs ${REPLAY_COLUMNS.join(", ")}`, {
        column: c,
      });
    }
  }
  const itemCols = ROLES.map((role) => {
    const re = new RegExp(`^${role}_item(\\d+)$`);
    return header
      .map((h, i) => ({ k: Number(re.exec(h.trim())?.[1] ?? NaN), i, name: h.trim() }))
      .filter((x) => Number.isInteger(x.k))
      .sort((a, b) => a.k - b.k);
  });
  const dateCol = col.get("date");
  const dyads = new Map<
    string,
    { therapist: string; patient: string; sessions: SessionRecord[]; seen: Map<number, number> }
  >();
  const therapistOf = new Map<string, { therapist: string; row: number }>();
  rows.forEach((raw, idx) => {
    const row = idx + 1;
    const where = (column: string) => `row ${row} (line ${row + 1}), column "${column}"`;
    const cell = (name: string): string => (raw[col.get(name) as number] ?? "").trim();
    const code = (name: "therapist" | "patient"): string => {
      const v = cell(name);
      if (v === "") throw new InputError(`${where(name)}: ${name} is empty`, { row, column: name });
      return v;
    };
    const therapist = code("therapist");
    const patient = code("patient");
    const sText = cell("session");
    const session = Number(sText);
    if (!/^\d+$/.test(sText) || !(session >= 1)) {
      throw new InputError(
        `${where("session")}: "${sText.slice(0, 40)}" is not a session number (1, 2, ...)`,
        {
          row,
          column: "session",
        },
      );
    }
    const value = (name: string, range: ReplayScales[keyof ReplayScales]): number | null => {
      const v = cell(name);
      if (MISSING.has(v)) return null;
      const x = Number(v);
      if (!NUMBER.test(v) || !Number.isFinite(x)) {
        throw new InputError(`${where(name)}: "${v.slice(0, 40)}" is not a number`, { row, column: name });
      }
      if (x < range.min - 1e-9 || x > range.max + 1e-9) {
        throw new InputError(
          `${where(name)}: ${x} is outside the declared scale ${range.min}–${range.max} (${range.from})`,
          { row, column: name },
        );
      }
      return x;
    };
    const scores = ROLES.map((role) => value(role, scales[role]));
    const items: Record<string, (number | null)[]> = {};
    ROLES.forEach((role, r) => {
      const cols = itemCols[r] ?? [];
      // A form not returned (every item empty) has no answers, as when the file has no item columns: the
      // item rule's bar counts only sessions with answers (as the evaluation's histories have them).
      const answers = cols.map((c) => value(c.name, scales[role]));
      if (answers.some((a) => a !== null)) items[KEY[role]] = answers;
    });
    let date: string | undefined;
    if (dateCol !== undefined) {
      const d = (raw[dateCol] ?? "").trim();
      if (d !== "" && (!DATE.test(d) || Number.isNaN(Date.parse(d.slice(0, 10))))) {
        throw new InputError(`${where("date")}: "${d.slice(0, 40)}" is not a date (YYYY-MM-DD)`, {
          row,
          column: "date",
        });
      }
      if (d !== "") date = d.slice(0, 10);
    }
    const owner = therapistOf.get(patient);
    if (owner && owner.therapist !== therapist) {
      throw new InputError(
        `${where("therapist")}: patient "${patient}" is with therapist "${therapist}" here but with "${owner.therapist}" in row ${owner.row}`,
        { row, column: "therapist" },
      );
    }
    therapistOf.set(patient, { therapist, row });
    const key = `${therapist}\u0000${patient}`;
    const dyad = dyads.get(key) ?? { therapist, patient, sessions: [], seen: new Map<number, number>() };
    dyads.set(key, dyad);
    const dup = dyad.seen.get(session);
    if (dup !== undefined) {
      throw new InputError(
        `${where("session")}: patient "${patient}" has session ${session} already in row ${dup}`,
        {
          row,
          column: "session",
        },
      );
    }
    dyad.seen.set(session, row);
    dyad.sessions.push({
      session,
      ...(date ? { date } : {}),
      alliancePatient: scores[0] ?? null,
      allianceTherapist: scores[1] ?? null,
      outcome: scores[2] ?? null,
      ...(Object.keys(items).length > 0 ? { items } : {}),
    });
  });
  if (dyads.size === 0) throw new InputError("the file has no data rows");
  // In therapist, then patient order whatever the rows' order: the item rule's simulated bar walks the
  // dyads in turn, so the file's row order must not change the network's calibration.
  return [...dyads.values()].sort(byDyadCode).map((d) => ({
    therapist: d.therapist,
    patient: d.patient,
    sessions: d.sessions.sort((a, b) => a.session - b.session),
  }));
}

/**
 * The order the network's dyads are calibrated in: therapist code, then patient code (code points, so any
 * caller — the replay command, the server — gets the same order).
 *
 * @example
 * dyads.sort(byDyadCode);
 */
export function byDyadCode(
  a: { readonly therapist: string; readonly patient: string },
  b: { readonly therapist: string; readonly patient: string },
): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return cmp(a.therapist, b.therapist) || cmp(a.patient, b.patient);
}
