// The long table's vocabulary, declared once: one row per patient × session, its key columns, and its
// score columns (which stored scale fills each, who rates it, which way is better). The imports (long
// CSV, REDCap), the database's tidy export, the dashboard, the CLI and the import page all read these
// lists, so a new score column is one entry in SCORE_COLUMNS.
import { FORM_COLUMNS } from "../instruments/formColumns.ts";
import type { RaterKind } from "./roles.ts";

/**
 * The identifying columns of a row, in file order. `site` is the patient's site (else their therapist's),
 * by name; NA when neither has one.
 */
export const KEY_COLUMNS = ["therapist", "patient", "session", "condition", "site"] as const;
export type KeyColumn = (typeof KEY_COLUMNS)[number];

/** Stored scale names that feed the long table (each response stores its scores under these names). */
export const SCALE_ALLIANCE = "alliance";
export const SCALE_WELLBEING = "wellbeing";

/** One score column: the stored scale that fills it, who rated it, and which way is better. */
export interface ScoreColumn {
  readonly column: string;
  /** Stored scale name read from the rater's responses. */
  readonly scale: string;
  readonly rater: RaterKind;
  readonly higherIsBetter: boolean;
  /** In words, for page and file headings. */
  readonly label: string;
}

/** The score columns, in file order. */
export const SCORE_COLUMNS = [
  {
    column: "alliance_patient",
    scale: SCALE_ALLIANCE,
    rater: "patient",
    higherIsBetter: true,
    label: "patient-rated alliance",
  },
  {
    column: "alliance_therapist",
    scale: SCALE_ALLIANCE,
    rater: "therapist",
    higherIsBetter: true,
    label: "therapist-rated alliance",
  },
  {
    column: "wellbeing",
    scale: SCALE_WELLBEING,
    rater: "patient",
    higherIsBetter: true,
    label: "patient-rated well-being",
  },
] as const satisfies readonly ScoreColumn[];
export type ScoreColumnName = (typeof SCORE_COLUMNS)[number]["column"];
/** A stored scale that feeds a score column ("alliance", "wellbeing"). */
export type ScoreScale = (typeof SCORE_COLUMNS)[number]["scale"];

/**
 * Facts of the session and of its episode (migration 070), as text after the scores: how the session was
 * held (sessionFacts.ts MODALITIES) and why the episode ended (END_REASONS, on each of its rows; NA while open).
 */
export const FACT_COLUMNS = ["modality", "end_reason"] as const;
export type FactColumn = (typeof FACT_COLUMNS)[number];

/** A column filled by one stored score of one scored form (instruments/formColumns.ts): "phq9", "gad7", … */
export type FormColumnName = string;

/**
 * Every column of the long table, in file order: keys, the imported-score columns, one column per scored
 * form's score (FORM_COLUMNS: PHQ-9, GAD-7, CORE-10, WHO-5, ORS, confidence, rupture codes, therapist
 * experiences), then the session's and episode's facts.
 */
export const LONG_COLUMNS: readonly (KeyColumn | ScoreColumnName | FormColumnName | FactColumn)[] = [
  ...KEY_COLUMNS,
  ...SCORE_COLUMNS.map((c) => c.column),
  ...FORM_COLUMNS.map((c) => c.column),
  ...FACT_COLUMNS,
];
export type LongColumn = (typeof LONG_COLUMNS)[number];

/**
 * Every column an import reads: the keys, the imported-score columns, the facts and the episode's end day
 * (`end_date`, YYYY-MM-DD) — which exports leave out, as they carry no dates (a reason without a day is an
 * end whose day is unknown). Form columns are not imported: a form's score comes from its answers.
 */
export const IMPORT_COLUMNS: readonly (KeyColumn | ScoreColumnName | FactColumn | "end_date")[] = [
  ...KEY_COLUMNS,
  ...SCORE_COLUMNS.map((c) => c.column),
  ...FACT_COLUMNS,
  "end_date",
];
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The stored scales of the score columns, each once ("alliance", "wellbeing"). */
export const SCORE_SCALES: readonly ScoreScale[] = [...new Set(SCORE_COLUMNS.map((c) => c.scale))];

/** A measure of the long table an analysis can take as its outcome or predictor. */
export interface LongMeasure {
  readonly column: string;
  readonly rater: RaterKind;
  readonly higherIsBetter: boolean;
  readonly label: string;
}

/**
 * Every measure of the long table (imported-score columns, then form columns), each with its direction.
 *
 * @example
 * LONG_MEASURES.find((m) => m.column === "phq9")?.higherIsBetter; // false
 */
export const LONG_MEASURES: readonly LongMeasure[] = [...SCORE_COLUMNS, ...FORM_COLUMNS];

/**
 * The measure a long-table column holds, if it holds one.
 *
 * @example
 * longMeasure("gad7")?.higherIsBetter; // false
 */
export function longMeasure(column: string): LongMeasure | undefined {
  return LONG_MEASURES.find((m) => m.column === column);
}

/** The score column a rater's stored scale fills, if any. */
export function scoreColumnOf(scale: string, rater: string): ScoreColumnName | undefined {
  return SCORE_COLUMNS.find((c) => c.scale === scale && c.rater === rater)?.column;
}

/** Cells that mean "no value" in a long file. */
export const MISSING_CELLS: ReadonlySet<string> = new Set(["", "NA", "N/A", "na", "NaN", "."]);

/** A score scale: its lowest and highest value. */
export interface ScaleRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The scale assumed for imported scores whose scale is not declared: item means on 1–5, as the
 * simulator writes them and the long table's docs describe.
 */
export const ASSUMED_SCALE: ScaleRange = { min: 1, max: 5 };

/** A declared scale as typed: "min-max", "min..max", "min–max" or "min to max" (groups 1 and 2). */
export const SCALE_RANGE_PATTERN = /^\s*(-?\d+(?:\.\d+)?)\s*(?:\.\.|-|–|to)\s*(-?\d+(?:\.\d+)?)\s*$/;

/**
 * Parses a declared scale as a person types it: "1-7", "0..27", "-3..3", "1 to 5"; a string is the
 * reason it is not one.
 *
 * @example
 * parseScaleRange("1-7"); // { min: 1, max: 7 }
 * parseScaleRange("7-1"); // 'scale "7-1" has max 1 not above min 7'
 */
export function parseScaleRange(text: string): ScaleRange | string {
  const m = SCALE_RANGE_PATTERN.exec(text);
  if (!m) return `scale "${text.slice(0, 40)}" is not of the form min-max (e.g. 1-7 or 0..27)`;
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (!(max > min)) return `scale "${text.slice(0, 40)}" has max ${max} not above min ${min}`;
  return { min, max };
}
