/** A numeric column: missing values are NaN. */
export interface NumericColumn {
  readonly type: "numeric";
  readonly values: Float64Array;
  /**
   * False when some value was written with a decimal point or exponent (R's read.csv then reads a
   * double column, whose whole numbers R labels as doubles in factor levels: 1e+05, not 100000).
   * Absent: whole numbers count as integers.
   */
  readonly integer?: boolean;
}

/** A categorical column: missing values are null. */
export interface CategoricalColumn {
  readonly type: "categorical";
  readonly values: ReadonlyArray<string | null>;
  /**
   * The same cells as codes into `dictionary` (−1 = missing), when the reader has them (the CLI's
   * CSV reader): values[i] === dictionary[codes[i]]. The model frame then factors the codes
   * instead of looking up each row's string.
   */
  readonly codes?: Int32Array;
  /** The distinct non-missing values, each once (in any order), with `codes`. */
  readonly dictionary?: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

/**
 * Column-oriented data, the input of every model. Column order is kept in `names`.
 */
export interface DataFrame {
  readonly nrow: number;
  readonly names: readonly string[];
  readonly columns: ReadonlyMap<string, Column>;
}

/** Strings read as missing, as R's read.csv does by default (plus the empty string). */
const MISSING = new Set(["", "NA", "NaN", "na", "null", "NULL"]);

/**
 * Whether a (trimmed) text cell means a missing value, as {@link dataFrameFromRows} reads it.
 *
 * @example
 * isMissingText("NA"); // true
 */
export function isMissingText(v: string): boolean {
  return MISSING.has(v);
}

/**
 * Builds a DataFrame from a header and string rows (as a CSV reader returns them), inferring each
 * column's type like R's `type.convert`: numeric when every non-missing value parses as a number.
 *
 * @example
 * const df = dataFrameFromRows(["y", "g"], [["1.5", "a"], ["2", "b"]]);
 * df.columns.get("y"); // { type: "numeric", values: Float64Array [1.5, 2] }
 */
export function dataFrameFromRows(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): DataFrame {
  const columns = new Map<string, Column>();
  header.forEach((name, j) => {
    const n = rows.length;
    const raw = new Array<string>(n);
    const values = new Float64Array(n);
    let numeric = true;
    let integer = true;
    for (let i = 0; i < n; i++) {
      const v = ((rows[i] as readonly string[])[j] ?? "").trim();
      raw[i] = v;
      if (!numeric) continue;
      if (MISSING.has(v)) values[i] = Number.NaN;
      else {
        const x = toNumber(v);
        if (Number.isNaN(x)) numeric = false;
        else values[i] = x;
        if (integer && !(/^[+-]?\d+$/.test(v) && Math.abs(x) <= 2147483647)) integer = false;
      }
    }
    if (numeric) columns.set(name, { type: "numeric", values, integer });
    else columns.set(name, { type: "categorical", values: raw.map((v) => (MISSING.has(v) ? null : v)) });
  });
  return { nrow: rows.length, names: [...header], columns };
}

/**
 * Builds a DataFrame from columns given as plain arrays (numbers → numeric, strings → categorical).
 *
 * @example
 * const df = dataFrameFromColumns({ y: [1, 2, 3], g: ["a", "a", "b"] });
 */
export function dataFrameFromColumns(
  cols: Readonly<Record<string, ReadonlyArray<number | null> | ReadonlyArray<string | null> | Float64Array>>,
): DataFrame {
  const columns = new Map<string, Column>();
  let nrow = -1;
  for (const [name, arr] of Object.entries(cols)) {
    if (nrow >= 0 && arr.length !== nrow) {
      throw new Error(`column "${name}" has ${arr.length} values, expected ${nrow}`);
    }
    nrow = arr.length;
    const first = Array.from(arr as ArrayLike<unknown>).find((v) => v !== null);
    if (arr instanceof Float64Array || typeof first === "number" || first === undefined) {
      const values = Float64Array.from(arr as ArrayLike<number | null>, (v) => (v === null ? Number.NaN : v));
      columns.set(name, { type: "numeric", values });
    } else {
      columns.set(name, { type: "categorical", values: (arr as ReadonlyArray<string | null>).slice() });
    }
  }
  return { nrow: Math.max(nrow, 0), names: Object.keys(cols), columns };
}

/**
 * The number a (trimmed, non-missing) text cell spells (decimal, exponent, Inf), or NaN: what R's
 * type.convert accepts.
 *
 * @example
 * toNumber("1e3"); // 1000
 * toNumber("0x10"); // NaN (hexadecimal is not a number in a data file)
 */
export function toNumber(v: string): number {
  if (v === "Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  const x = Number(v);
  // Number() also accepts hex, binary and "Infinity"; only plain decimals count here.
  if (Number.isNaN(x) || /[xXbBoOI]/.test(v)) return Number.NaN;
  return x;
}
