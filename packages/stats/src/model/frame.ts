import { InputError } from "../errors.ts";
import { deparse, exprVariables } from "../formula/deparse.ts";
import { formatRNumber, levelLabel } from "../formula/rformat.ts";
import type { ExpandedFormula } from "../formula/terms.ts";
import type { Column, DataFrame } from "../frame/dataFrame.ts";
import { compareLevels, levelOrder } from "./levelOrder.ts";
import { evaluateNumeric, evaluateVariable, type EvaluatedVariable, type LearnedParams } from "./evaluate.ts";

/**
 * A variable of the model evaluated on the rows used: numeric values, a factor (codes into sorted
 * levels), or several columns named label + suffix (`poly(x, 2)` → `poly(x, 2)1`, `poly(x, 2)2`).
 */
export type FrameVariable =
  | { readonly type: "numeric"; readonly values: Float64Array }
  | { readonly type: "factor"; readonly codes: Int32Array; readonly levels: readonly string[] }
  | {
      readonly type: "matrix";
      readonly columns: readonly Float64Array[];
      readonly suffixes: readonly string[];
    };

/** Options of {@link modelFrame}. */
export interface FrameOptions {
  /** Prior weights, one per input row (NaN = missing: the row is dropped, as R's model.frame does). */
  readonly weights?: Float64Array;
  /** How the weights are named in messages (e.g. the column name). */
  readonly weightsLabel?: string;
}

/** The model frame: the rows used after listwise deletion, with every model variable evaluated on them. */
export interface ModelFrame {
  /** Response values on the rows used. */
  readonly y: Float64Array;
  /** Variables by label (fixed and random-effects terms). */
  readonly variables: ReadonlyMap<string, FrameVariable>;
  /** Grouping factors by label (e.g. `therapist`, `patient:therapist`). */
  readonly groups: ReadonlyMap<string, { readonly codes: Int32Array; readonly levels: readonly string[] }>;
  /** 0-based index into the input data of each row used. */
  readonly rows: Int32Array;
  /** Input rows left out because a model variable was missing. */
  readonly nDropped: number;
  /** Sum of the formula's offset() terms on the rows used, or null without offsets. */
  readonly offset: Float64Array | null;
  /** Prior weights on the rows used, or null without weights. */
  readonly weights: Float64Array | null;
  /** What poly() and scale() learned from the data (for predictions on new data). */
  readonly params: ReadonlyMap<string, LearnedParams>;
}

/**
 * Evaluates a formula's variables on a data frame and drops rows with a missing value in any of them
 * (listwise deletion, as R's na.omit). As in R's model.frame, every variable is evaluated on the whole
 * data first, so scale() and poly() see every row (not only the complete ones).
 *
 * @example
 * const mf = modelFrame(expandFormula(parseFormula("y ~ x + (1 | g)")), df);
 * mf.y.length; // rows used
 */
export function modelFrame(f: ExpandedFormula, data: DataFrame, options: FrameOptions = {}): ModelFrame {
  const n = data.nrow;
  const needed = new Set<string>(exprVariables(f.response.expr));
  for (const e of f.variables.values()) exprVariables(e, needed);
  for (const e of f.offsets) exprVariables(e, needed);
  for (const r of f.random) for (const v of r.group.variables) needed.add(v);
  for (const name of needed) {
    if (!data.columns.has(name)) {
      throw new InputError(
        `unknown column "${name}" in formula "${f.text}" (columns: ${data.names.join(", ") || "none"})`,
        { column: name },
      );
    }
  }

  const ctx = { learn: true, params: new Map<string, LearnedParams>() };
  const y = evaluateNumeric(f.response.expr, data, ctx, "response", f.response.label);
  const raw = new Map<string, EvaluatedVariable>();
  for (const [label, e] of f.variables) raw.set(label, evaluateVariable(e, data, ctx));
  let offset: Float64Array | null = null;
  for (const e of f.offsets) {
    const v = evaluateNumeric(e, data, ctx, "offset", deparse(e));
    offset = offset ? offset.map((o, i) => o + (v[i] as number)) : v;
  }
  const weights = options.weights ?? null;
  if (weights) checkWeights(weights, n, options.weightsLabel ?? "weights");
  const groupCols = new Map<string, Column[]>();
  for (const r of f.random) {
    groupCols.set(
      r.group.label,
      r.group.variables.map((v) => data.columns.get(v) as Column),
    );
  }

  // Listwise deletion over every model variable, column by column (one tight loop per column, no
  // per-row iteration over the variables): `drop[i]` marks a row with a missing value.
  const drop = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    if (Number.isFinite(v)) continue;
    if (!Number.isNaN(v)) {
      throw new InputError(`response "${f.response.label}" is not finite at row ${i + 1}: ${v}`, {
        row: i + 1,
        column: f.response.label,
      });
    }
    drop[i] = 1;
  }
  // Rows are checked in order within each column, so the first non-finite value met is reported only
  // for rows still in the frame (as the row-by-row scan did: a row dropped for its response is never
  // checked further).
  for (const [label, col] of raw) {
    if (col.type === "factor") markMissingCells(col.values, drop, label);
    else
      for (const values of col.type === "matrix" ? col.columns : [col.values])
        markNumeric(values, drop, label);
  }
  if (offset) {
    for (let i = 0; i < n; i++) {
      if (drop[i]) continue;
      const v = offset[i] as number;
      if (Number.isNaN(v)) drop[i] = 1;
      else if (!Number.isFinite(v))
        throw new InputError(`offset is not finite at row ${i + 1}: ${v}`, { row: i + 1 });
    }
  }
  if (weights) for (let i = 0; i < n; i++) if (Number.isNaN(weights[i] as number)) drop[i] = 1;
  // A column in several grouping factors (therapist in `therapist` and `therapist:patient`) is read once.
  for (const col of new Set([...groupCols.values()].flat())) {
    if (col.type === "categorical" && col.codes) markMissingCodes(col.codes, drop);
    else markMissingCells(col.values, drop);
  }
  // One pass lists the rows used; when none is dropped (the usual case) the list is kept as it is.
  const all = new Int32Array(n);
  let used = 0;
  for (let i = 0; i < n; i++) {
    all[used] = i;
    used += 1 - (drop[i] as number);
  }
  if (used === 0) {
    throw new InputError(`no rows left: every one of the ${n} rows has a missing value in a model variable`);
  }
  const rows = used === n ? all : all.slice(0, used);

  const variables = new Map<string, FrameVariable>();
  for (const [label, col] of raw) {
    if (col.type === "numeric") variables.set(label, { type: "numeric", values: pick(col.values, rows) });
    else if (col.type === "matrix")
      variables.set(label, {
        type: "matrix",
        columns: col.columns.map((c) => pick(c, rows)),
        suffixes: col.suffixes,
      });
    else
      variables.set(label, {
        type: "factor",
        ...factor(rows.length, (r) => col.values[rows[r] as number] as string | number, col.doubles === true),
      });
  }
  const groups = new Map<string, { codes: Int32Array; levels: string[] }>();
  // A column in several grouping factors (therapist in `therapist` and `therapist:patient`) is
  // factored once.
  const factored = new Map<Column, { codes: Int32Array; levels: string[] }>();
  for (const [label, cols] of groupCols) {
    const parts = cols.map((col) => {
      let fac = factored.get(col);
      if (!fac && col.type === "categorical" && col.codes && col.dictionary) {
        fac = factorCodes(col.codes, col.dictionary, rows);
        factored.set(col, fac);
      }
      if (!fac) {
        fac = factor(
          rows.length,
          (r) => {
            const v = col.values[rows[r] as number];
            return typeof v === "number" ? v : (v as string);
          },
          col.type === "numeric" && col.integer === false,
        );
        factored.set(col, fac);
      }
      return fac;
    });
    groups.set(label, combine(parts));
  }
  return {
    y: pick(y, rows),
    variables,
    groups,
    rows,
    nDropped: n - rows.length,
    offset: offset ? pick(offset, rows) : null,
    weights: weights ? pick(weights, rows) : null,
    params: ctx.params,
  };
}

/** lme4 refuses negative weights; a zero weight gives it an infinite deviance, so both are errors here. */
function checkWeights(w: Float64Array, n: number, name: string): void {
  if (w.length !== n) throw new InputError(`${name}: ${w.length} weights for ${n} rows`);
  for (let i = 0; i < n; i++) {
    const v = w[i] as number;
    if (Number.isNaN(v)) continue;
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new InputError(
        `${name} must be positive and finite (prior weights, as lmer's weights =), but row ${i + 1} has ${v}`,
        { row: i + 1, column: name },
      );
    }
  }
}

/**
 * Marks rows whose cell is missing (null or NaN) in a factor or grouping column; with a label (a
 * model variable), an infinite number in a row still in the frame is an error.
 */
function markMissingCells(values: ArrayLike<string | number | null>, drop: Uint8Array, label?: string): void {
  for (let i = 0; i < drop.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) drop[i] = 1;
    else if (label !== undefined && typeof v === "number" && !Number.isFinite(v) && !drop[i])
      throw new InputError(`variable "${label}" is not finite at row ${i + 1}: ${v}`, { row: i + 1 });
  }
}

/** Marks rows with NaN in a numeric variable; an infinite value in a row still in the frame is an error. */
function markNumeric(values: Float64Array, drop: Uint8Array, label: string): void {
  for (let i = 0; i < drop.length; i++) {
    const v = values[i] as number;
    if (v - v === 0 || drop[i]) continue;
    if (Number.isNaN(v)) drop[i] = 1;
    else throw new InputError(`variable "${label}" is not finite at row ${i + 1}: ${v}`, { row: i + 1 });
  }
}

/** Marks rows whose code is −1 (a missing cell of a categorical column read with codes). */
function markMissingCodes(codes: Int32Array, drop: Uint8Array): void {
  for (let i = 0; i < drop.length; i++) if ((codes[i] as number) < 0) drop[i] = 1;
}

function pick(v: Float64Array, rows: Int32Array): Float64Array {
  // Every row used (no missing values, the usual case): a copy, without an index per row.
  if (rows.length === v.length) return v.slice();
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = v[rows[r] as number] as number;
  return out;
}

/**
 * Factor codes with levels sorted as R sorts them (numbers numerically, text by collation); numbers
 * are labelled as R labels an integer or (with `doubles`) a double.
 */
function factor(
  n: number,
  value: (r: number) => string | number,
  doubles = false,
): { codes: Int32Array; levels: string[] } {
  // One pass assigns first-seen indices; the sorted order is then applied through a permutation.
  const index = new Map<string | number, number>();
  const keys: (string | number)[] = [];
  const seen = new Int32Array(n);
  // Long data repeats a value down many rows (a patient's id on each session): a value equal to the
  // row above's takes its code without a Map lookup.
  let prev: string | number | undefined;
  let prevCode = -1;
  for (let r = 0; r < n; r++) {
    const v = value(r);
    if (v === prev) {
      seen[r] = prevCode;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = keys.length;
      index.set(v, code);
      keys.push(v);
    }
    seen[r] = code;
    prev = v;
    prevCode = code;
  }
  const order = sortedKeys(keys);
  const rank = new Int32Array(keys.length);
  order.forEach((k, i) => (rank[k] = i));
  const codes = new Int32Array(n);
  for (let r = 0; r < n; r++) codes[r] = rank[seen[r] as number] as number;
  const label = (k: string | number) =>
    typeof k === "string" ? k : doubles ? formatRNumber(k) : levelLabel(k);
  return { codes, levels: order.map((k) => label(keys[k] as string | number)) };
}

/**
 * {@link factor} of a categorical column read with dictionary codes, on the rows used: the same codes
 * and levels, from integer codes instead of a string lookup per row. Levels not in the rows used are
 * left out (lme4's drop.unused.levels), and ties of the collation keep first-seen order. Long data
 * repeats an id down its rows, so the rows are read once, as runs of equal codes, and each run's
 * codes are written with one fill.
 */
function factorCodes(
  codes: Int32Array,
  dictionary: readonly string[],
  rows: Int32Array,
): { codes: Int32Array; levels: string[] } {
  const n = rows.length;
  // Every row used: the row index is the position (no indirection in the one per-row loop).
  const identity = n === codes.length;
  const runStart = new Int32Array(n + 1);
  const runCode = new Int32Array(n);
  let runs = 0;
  let prev = -2;
  for (let r = 0; r < n; r++) {
    const d = codes[identity ? r : (rows[r] as number)] as number;
    if (d === prev) continue;
    runStart[runs] = r;
    runCode[runs++] = d;
    prev = d;
  }
  runStart[runs] = n;
  const rank = new Int32Array(dictionary.length).fill(-1);
  // Dictionary codes in the order they first occur in the rows used (rank −1 = not yet seen).
  const present: number[] = [];
  for (let k = 0; k < runs; k++) {
    const d = runCode[k] as number;
    if (rank[d] === -1) {
      rank[d] = 0;
      present.push(d);
    }
  }
  const order = levelOrder(present.map((d) => dictionary[d] as string));
  order.forEach((k, i) => (rank[present[k] as number] = i));
  const out = new Int32Array(n);
  for (let k = 0; k < runs; k++)
    out.fill(rank[runCode[k] as number] as number, runStart[k] as number, runStart[k + 1] as number);
  return { codes: out, levels: order.map((k) => dictionary[present[k] as number] as string) };
}

/** The indices of a factor's distinct values in R's level order: numbers numerically, text by collation. */
function sortedKeys(keys: readonly (string | number)[]): number[] {
  if (keys.every((k) => typeof k === "string")) return levelOrder(keys as string[]);
  return keys
    .map((_, i) => i)
    .sort((i, j) => {
      const a = keys[i] as string | number;
      const b = keys[j] as string | number;
      return typeof a === "number" && typeof b === "number" ? a - b : compareLevels(String(a), String(b));
    });
}

/**
 * The interaction of several factors (levels "a:b"), keeping only combinations that occur, in level
 * order. The rows are read once, as runs of equal combinations (a patient's sessions); only the runs'
 * keys are sorted and searched, and each run's codes are written with one fill.
 */
function combine(parts: { codes: Int32Array; levels: string[] }[]): { codes: Int32Array; levels: string[] } {
  let acc = parts[0] as { codes: Int32Array; levels: string[] };
  for (let j = 1; j < parts.length; j++) {
    const next = parts[j] as { codes: Int32Array; levels: string[] };
    const width = next.levels.length;
    const a = acc.codes;
    const b = next.codes;
    const n = a.length;
    // Numeric keys (first factor slowest) sort exactly like the combined levels.
    const runKey = new Float64Array(n);
    const runStart = new Int32Array(n + 1);
    let runs = 0;
    let prev = -1;
    for (let r = 0; r < n; r++) {
      const k = (a[r] as number) * width + (b[r] as number);
      if (k === prev) continue;
      runStart[runs] = r;
      runKey[runs++] = k;
      prev = k;
    }
    runStart[runs] = n;
    const distinct = uniqueSorted(runKey.subarray(0, runs));
    const codes = new Int32Array(n);
    for (let k = 0; k < runs; k++) {
      const code = lowerBound(distinct, runKey[k] as number);
      codes.fill(code, runStart[k] as number, runStart[k + 1] as number);
    }
    const levels = Array.from(
      distinct,
      (k) => `${acc.levels[Math.floor(k / width)]}:${next.levels[k % width]}`,
    );
    acc = { codes, levels };
  }
  return acc;
}

/**
 * The distinct values among the run starts of a key array (each key that differs from the one
 * before), ascending: long data repeats a patient's key down their sessions, so 10,000 keys are
 * sorted, not 100,000.
 */
function uniqueSorted(runStarts: Float64Array): Float64Array {
  const sorted = runStarts.slice().sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i] as number;
  }
  return sorted.subarray(0, m);
}

/** Index of the first element of ascending `a` that is ≥ x (x's position when it occurs in a). */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
