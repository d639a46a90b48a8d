// A column-oriented CSV reader written for speed (a million rows in a few hundred milliseconds), in
// place of csv-parse, which builds a string array per row and took about 2 s for 1M rows of four
// fields before any type inference. RFC 4180: quoted fields with "" escapes and line breaks, CRLF or
// LF endings, BOM, empty lines skipped. Types are inferred as dataFrameFromRows (R's read.csv) does.
// A French-locale spreadsheet's file (";" between fields, decimal commas) is read as meant, with the
// dialect detected by the same rule the server's imports use (core records/csvDialect.ts).
// It reads the file's bytes, not a decoded string: every separator, quote and digit is ASCII, which
// UTF-8 never uses inside a multi-byte character, so only the cells kept as text are decoded (once
// per distinct cell). That saves decoding the whole file and lets one tight loop read every cell.
import { isAscii } from "node:buffer";
// From its own file: the records index would bring the instruments (43 KB) into the fit bundle.
import { csvDialect } from "@attune/core/csvDialect";
import {
  InputError,
  isMissingText,
  toNumber,
  type CategoricalColumn,
  type Column,
  type DataFrame,
} from "@attune/stats";

const COMMA = 44;
const SEMICOLON = 59;
const POINT = 46;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const MINUS = 45;
/** 10^k, exact for k ≤ 22: a decimal of ≤ 15 digits divided by it rounds exactly as Number() does. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/** The file's bytes and how its text cells are decoded. */
interface Source {
  readonly bytes: Buffer;
  /** "latin1" when every byte is ASCII (the same characters, decoded faster), else "utf8". */
  readonly encoding: "latin1" | "utf8";
  /** How errors name the file. */
  readonly name: string;
  /** "," (44) or ";" (59). */
  readonly field: number;
  /** "." (46), or "," (44) in a ";" file with decimal commas. */
  readonly decimal: number;
}

/**
 * Parses CSV text with a header row into a DataFrame, column by column. Errors name the source and
 * the line: a ragged row ("Invalid Record Length"), an unclosed quote, an empty or repeated header.
 *
 * @example
 * parseCsvColumns("y,g\n1,a\n2,b\n").columns.get("y"); // { type: "numeric", values: [1, 2] }
 */
export function parseCsvColumns(text: string, source = "CSV"): DataFrame {
  return parseCsvBytes(Buffer.from(text, "utf8"), source);
}

/**
 * Parses a CSV file's bytes (valid UTF-8, as readCsvFile checks) into a DataFrame, as
 * {@link parseCsvColumns} parses the same text; `ascii` says whether every byte is ASCII (when the
 * caller has checked already).
 *
 * @example
 * parseCsvBytes(Buffer.from("y,g\n1,a\n2,b\n"), "d.csv").nrow; // 2
 */
export function parseCsvBytes(bytes: Buffer, source = "CSV", ascii = isAscii(bytes)): DataFrame {
  const n = bytes.length;
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  pos = skipEmptyLines(bytes, pos);
  if (pos >= n) throw new InputError(`${source}: empty file (a header row is needed)`);
  const encoding = ascii ? "latin1" : "utf8";
  // The dialect rule reads the header line (at most 65,536 characters of it, as before).
  const lineEnd = bytes.indexOf(LF, pos);
  const dialect = csvDialect(bytes.toString(encoding, pos, lineEnd < 0 ? n : lineEnd).slice(0, 65536));
  const src: Source = {
    bytes,
    encoding,
    name: source,
    field: dialect.delimiter === ";" ? SEMICOLON : COMMA,
    decimal: dialect.decimalComma ? COMMA : POINT,
  };
  const { names: header, next } = readHeader(src, pos);
  if (header.length === 0) throw new InputError(`${source}: empty file (a header row is needed)`);
  const seen = new Set<string>();
  for (const h of header) {
    if (h === "") throw new InputError(`${source}: the header has an empty column name`);
    if (seen.has(h)) throw new InputError(`${source}: the header names column "${h}" twice`);
    seen.add(h);
  }
  const read = readRecords(src, next, header.length);
  if (read.nrow === 0) throw new InputError(`${source}: no data rows after the header`);
  const columns = new Map<string, Column>();
  header.forEach((name, j) => columns.set(name, read.columns[j] as Column));
  return { nrow: read.nrow, names: header, columns };
}

/**
 * A column being read. Every column starts numeric; the first cell that is neither a number nor
 * missing turns it categorical for good (its cells in the rows before are read again, once). A
 * categorical column keeps each distinct cell once (first-seen codes), so a million rows of a few
 * thousand patient ids make a few thousand strings, and the model frame factors the codes.
 */
interface ColumnState {
  values: Float64Array | null;
  codes: Int32Array | null;
  readonly index: Map<string, number>;
  readonly dictionary: string[];
  /** The raw bytes [prevStart, prevEnd) of the cell above and its code: a repeated cell is not decoded. */
  prevStart: number;
  prevEnd: number;
  prevCode: number;
}

/**
 * Reads every data record from `start` in one pass, each cell straight into its column: numbers
 * into a Float64Array, text into dictionary codes.
 * The field scan and the plain-decimal parse are written out in this one loop (not called per cell)
 * so that V8 optimizes the whole loop early, while it is still running (on-stack replacement).
 */
function readRecords(src: Source, start: number, ncol: number): { nrow: number; columns: Column[] } {
  const { bytes, field, decimal } = src;
  const n = bytes.length;
  let capacity = estimateRows(bytes, start);
  const states: ColumnState[] = Array.from({ length: ncol }, () => ({
    values: new Float64Array(capacity),
    codes: null,
    index: new Map<string, number>(),
    dictionary: [],
    prevStart: 0,
    prevEnd: -1,
    prevCode: -1,
  }));
  let nrow = 0;
  let pos = start;
  while (pos < n) {
    const first = bytes[pos] as number;
    if (first === LF || first === CR) {
      pos++;
      continue;
    }
    const recordStart = pos;
    if (nrow === capacity) {
      capacity *= 2;
      for (const state of states) grow(state, capacity);
    }
    let j = 0;
    while (true) {
      const s = pos;
      if (bytes[pos] === QUOTE) pos = closingQuote(src, pos) + 1;
      while (pos < n) {
        const c = bytes[pos] as number;
        if (c === field || c === LF || c === CR) break;
        pos++;
      }
      if (j < ncol) {
        const state = states[j] as ColumnState;
        const values = state.values;
        if (values !== null) {
          // A plain decimal (spaces, a minus sign, ≤ 15 digits, one decimal mark): exact, as one
          // correctly rounded division of integers below 2^53 gives what Number() gives.
          let a = s;
          let e = pos;
          while (a < e && (bytes[a] === SPACE || bytes[a] === TAB)) a++;
          while (e > a && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
          const negative = bytes[a] === MINUS;
          if (negative) a++;
          let mantissa = 0;
          let digits = 0;
          let scale = -1;
          for (let i = a; i < e; i++) {
            const c = bytes[i] as number;
            const d = c - 48;
            if (d >= 0 && d <= 9) {
              mantissa = mantissa * 10 + d;
              digits++;
            } else if (c === decimal && scale < 0) scale = e - i - 1;
            else {
              digits = -1;
              break;
            }
          }
          if (digits > 0 && digits <= 15) {
            const v = scale > 0 ? mantissa / (POW10[scale] as number) : mantissa;
            values[nrow] = negative ? -v : v;
          } else if (!generalNumber(values, nrow, src, s, pos)) {
            toCategorical(state, src, start, j, nrow, capacity);
          }
        }
        const codes = state.codes;
        if (codes !== null) {
          const ps = state.prevStart;
          let same = pos - s === state.prevEnd - ps;
          for (let k = 0; same && k < pos - s; k++) same = bytes[s + k] === bytes[ps + k];
          codes[nrow] = same ? state.prevCode : categoricalCode(state, src, s, pos);
        }
      }
      j++;
      if (pos >= n) break;
      const c = bytes[pos++] as number;
      if (c === field) continue;
      if (c === CR && bytes[pos] === LF) pos++;
      break;
    }
    if (j !== ncol) {
      throw new InputError(
        `${src.name}: Invalid Record Length: line ${lineOf(bytes, recordStart)} has ${j} field${j === 1 ? "" : "s"}, the header has ${ncol}`,
      );
    }
    nrow++;
  }
  return { nrow, columns: states.map((state) => finishColumn(state, nrow)) };
}

/**
 * A first guess of the number of records from the line lengths of the first 64 KB: counting every
 * line break first would be a second pass over the file (≈ 15–20 ms for 100k rows before V8 has
 * optimized it). A longer file grows the columns by doubling.
 */
function estimateRows(bytes: Buffer, start: number): number {
  const n = bytes.length;
  const sample = Math.min(n, start + 65536);
  let lines = 1;
  for (let i = start; i < sample; i++) if (bytes[i] === LF) lines++;
  return Math.ceil(((n - start) / (sample - start || 1)) * lines * 1.02) + 16;
}

/** Moves a column's cells into arrays of the given capacity. */
function grow(state: ColumnState, capacity: number): void {
  if (state.values !== null) {
    const values = new Float64Array(capacity);
    values.set(state.values);
    state.values = values;
  }
  if (state.codes !== null) {
    const codes = new Int32Array(capacity);
    codes.set(state.codes);
    state.codes = codes;
  }
}

/**
 * Stores cell [s, e) of a numeric column at row i when it is not a plain decimal (exponent, "+",
 * quotes, missing, Inf); false when the cell is text, which makes the column categorical.
 */
function generalNumber(values: Float64Array, i: number, src: Source, s: number, e: number): boolean {
  const v = cellText(src, s, e);
  if (isMissingText(v)) {
    values[i] = Number.NaN;
    return true;
  }
  const x = toNumber(src.decimal === COMMA ? decimalCommaToPoint(v) : v);
  if (Number.isNaN(x)) return false;
  values[i] = x;
  return true;
}

/** The code of cell [s, e) in a categorical column (−1 for a missing cell), adding a new value. */
function categoricalCode(state: ColumnState, src: Source, s: number, e: number): number {
  const v = cellText(src, s, e);
  let code = -1;
  if (!isMissingText(v)) {
    const known = state.index.get(v);
    if (known === undefined) {
      code = state.dictionary.length;
      state.index.set(v, code);
      state.dictionary.push(v);
    } else code = known;
  }
  state.prevStart = s;
  state.prevEnd = e;
  state.prevCode = code;
  return code;
}

/** Turns column j categorical at row `rows`: its cells in the rows before are read again as text. */
function toCategorical(
  state: ColumnState,
  src: Source,
  start: number,
  j: number,
  rows: number,
  capacity: number,
): void {
  state.values = null;
  const codes = new Int32Array(capacity);
  state.codes = codes;
  const { bytes, field } = src;
  let pos = start;
  for (let i = 0; i < rows; i++) {
    pos = skipEmptyLines(bytes, pos);
    for (let f = 0; ; f++) {
      const end = fieldEnd(src, pos);
      if (f === j) codes[i] = categoricalCode(state, src, pos, end);
      pos = end;
      const c = bytes[pos++];
      if (c === field) continue;
      if (c === CR && bytes[pos] === LF) pos++;
      break;
    }
  }
}

/**
 * The finished column, trimmed to nrow: numeric values, or text cells as codes into their
 * dictionary.
 */
function finishColumn(state: ColumnState, nrow: number): Column {
  // A view when the guess was close (no copy); a copy when the columns grew well past the rows.
  const trim = <T extends Float64Array | Int32Array>(a: T): T =>
    (a.length > nrow + (nrow >> 1) + 16 ? a.slice(0, nrow) : a.subarray(0, nrow)) as T;
  if (state.values !== null) return { type: "numeric", values: trim(state.values) };
  return new CodedColumn(trim(state.codes as Int32Array), state.dictionary);
}

/**
 * A categorical column kept as dictionary codes; its array of strings (one per row) is built on
 * first use. A fit reads only the codes (the model frame factors them), so a 100k-row file's id
 * columns never become 100k-element arrays for the garbage collector to scan.
 */
class CodedColumn implements CategoricalColumn {
  readonly type = "categorical";
  private cells: (string | null)[] | null = null;

  constructor(
    readonly codes: Int32Array,
    readonly dictionary: readonly string[],
  ) {}

  get values(): ReadonlyArray<string | null> {
    if (this.cells === null) {
      const { codes, dictionary } = this;
      const cells = new Array<string | null>(codes.length);
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i] as number;
        cells[i] = code < 0 ? null : (dictionary[code] as string);
      }
      this.cells = cells;
    }
    return this.cells;
  }
}

/** Reads the header record at pos: its cells and the offset after its line break. */
function readHeader(src: Source, pos: number): { names: string[]; next: number } {
  const { bytes, field } = src;
  const names: string[] = [];
  const n = bytes.length;
  while (true) {
    const end = fieldEnd(src, pos);
    names.push(cellText(src, pos, end));
    pos = end;
    if (pos >= n) return { names, next: n };
    const c = bytes[pos++];
    if (c === field) continue;
    if (c === CR && bytes[pos] === LF) pos++;
    return { names, next: pos };
  }
}

/** Skips blank lines (only CR/LF) at pos. */
function skipEmptyLines(bytes: Buffer, pos: number): number {
  const n = bytes.length;
  while (pos < n) {
    const c = bytes[pos];
    if (c !== LF && c !== CR) break;
    pos++;
  }
  return pos;
}

/** 1-based line number of offset pos (computed only for error messages). */
function lineOf(bytes: Buffer, pos: number): number {
  let line = 1;
  for (let i = bytes.indexOf(LF); i >= 0 && i < pos; i = bytes.indexOf(LF, i + 1)) line++;
  return line;
}

/** The offset of the quote closing the quoted field opened at `open` ("" is an escaped quote). */
function closingQuote(src: Source, open: number): number {
  const { bytes } = src;
  let pos = open + 1;
  while (true) {
    const q = bytes.indexOf(QUOTE, pos);
    if (q < 0) {
      throw new InputError(
        `${src.name}: Quote Not Closed: the field opened on line ${lineOf(bytes, open)} never ends`,
      );
    }
    if (bytes[q + 1] === QUOTE) pos = q + 2;
    else return q;
  }
}

/** End offset of the field starting at pos (a quoted field's offsets include its quotes). */
function fieldEnd(src: Source, pos: number): number {
  const { bytes, field } = src;
  const n = bytes.length;
  if (bytes[pos] === QUOTE) pos = closingQuote(src, pos) + 1;
  while (pos < n) {
    const c = bytes[pos];
    if (c === field || c === LF || c === CR) break;
    pos++;
  }
  return pos;
}

/** The cell's text: quotes removed and "" unescaped, then trimmed (as dataFrameFromRows trims). */
function cellText(src: Source, start: number, end: number): string {
  const { bytes, encoding } = src;
  if (bytes[start] === QUOTE) {
    const close = bytes.lastIndexOf(QUOTE, end - 1);
    return bytes
      .toString(encoding, start + 1, close)
      .replaceAll('""', '"')
      .trim();
  }
  return bytes.toString(encoding, start, end).trim();
}

/** A general-path numeric cell of a decimal-comma file ("-1,5e3") written with a point. */
function decimalCommaToPoint(cell: string): string {
  return /^\s*[+-]?\d*,\d+(?:[eE][+-]?\d+)?\s*$/.test(cell) ? cell.replace(",", ".") : cell;
}
