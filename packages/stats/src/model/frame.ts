import { InputError } from "../errors.ts";
import type { Expr } from "../formula/ast.ts";
import { exprVariables } from "../formula/deparse.ts";
import type { ExpandedFormula } from "../formula/terms.ts";
import type { Column, DataFrame } from "../frame/dataFrame.ts";

/** A variable of the model evaluated on the rows used: numeric values or a factor (codes into sorted levels). */
export type FrameVariable =
  | { readonly type: "numeric"; readonly values: Float64Array }
  | { readonly type: "factor"; readonly codes: Int32Array; readonly levels: readonly string[] };

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
}

const collator = new Intl.Collator("en");

/**
 * Evaluates a formula's variables on a data frame and drops rows with a missing value in any of them
 * (listwise deletion, as R's na.omit).
 *
 * @example
 * const mf = modelFrame(expandFormula(parseFormula("y ~ x + (1 | g)")), df);
 * mf.y.length; // rows used
 */
export function modelFrame(f: ExpandedFormula, data: DataFrame): ModelFrame {
  const n = data.nrow;
  const needed = new Set<string>(exprVariables(f.response.expr));
  for (const e of f.variables.values()) exprVariables(e, needed);
  for (const r of f.random) for (const v of r.group.variables) needed.add(v);
  for (const name of needed) {
    if (!data.columns.has(name)) {
      throw new InputError(
        `unknown column "${name}" in formula "${f.text}" (columns: ${data.names.join(", ") || "none"})`,
        { column: name },
      );
    }
  }

  const y = evalNumeric(f.response.expr, data, "response", f.response.label);
  const raw = new Map<string, Float64Array | Column>();
  for (const [label, e] of f.variables) {
    raw.set(
      label,
      e.kind === "var" ? (data.columns.get(e.name) as Column) : evalNumeric(e, data, "variable", label),
    );
  }
  const groupCols = new Map<string, Column[]>();
  for (const r of f.random) {
    groupCols.set(
      r.group.label,
      r.group.variables.map((v) => data.columns.get(v) as Column),
    );
  }

  // Listwise deletion over every model variable.
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i] as number)) {
      if (!Number.isNaN(y[i] as number)) {
        throw new InputError(`response "${f.response.label}" is not finite at row ${i + 1}: ${y[i]}`, {
          row: i + 1,
          column: f.response.label,
        });
      }
      continue;
    }
    let ok = true;
    for (const [label, col] of raw) {
      const v = col instanceof Float64Array ? col[i] : col.type === "numeric" ? col.values[i] : col.values[i];
      if (v === null || (typeof v === "number" && Number.isNaN(v))) {
        ok = false;
        break;
      }
      if (typeof v === "number" && !Number.isFinite(v)) {
        throw new InputError(`variable "${label}" is not finite at row ${i + 1}: ${v}`, { row: i + 1 });
      }
    }
    if (ok) {
      for (const cols of groupCols.values()) {
        for (const col of cols) {
          const v = col.values[i];
          if (v === null || (typeof v === "number" && Number.isNaN(v))) ok = false;
        }
      }
    }
    if (ok) keep.push(i);
  }
  if (keep.length === 0) {
    throw new InputError(`no rows left: every one of the ${n} rows has a missing value in a model variable`);
  }
  const rows = Int32Array.from(keep);

  const variables = new Map<string, FrameVariable>();
  for (const [label, col] of raw) {
    if (col instanceof Float64Array) variables.set(label, { type: "numeric", values: pick(col, rows) });
    else if (col.type === "numeric")
      variables.set(label, { type: "numeric", values: pick(col.values, rows) });
    else
      variables.set(label, {
        type: "factor",
        ...factor(rows.length, (r) => col.values[rows[r] as number] as string),
      });
  }
  const groups = new Map<string, { codes: Int32Array; levels: string[] }>();
  for (const [label, cols] of groupCols) {
    const parts = cols.map((col) =>
      factor(rows.length, (r) => {
        const v = col.values[rows[r] as number];
        return typeof v === "number" ? v : (v as string);
      }),
    );
    groups.set(label, combine(parts));
  }
  return { y: pick(y, rows), variables, groups, rows, nDropped: n - rows.length };
}

function pick(v: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = v[rows[r] as number] as number;
  return out;
}

/** Factor codes with levels sorted as R sorts them (numbers numerically, text by collation). */
function factor(n: number, value: (r: number) => string | number): { codes: Int32Array; levels: string[] } {
  // One pass assigns first-seen indices; the sorted order is then applied through a permutation.
  const index = new Map<string | number, number>();
  const keys: (string | number)[] = [];
  const seen = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const v = value(r);
    let code = index.get(v);
    if (code === undefined) {
      code = keys.length;
      index.set(v, code);
      keys.push(v);
    }
    seen[r] = code;
  }
  const order = keys.map((_, i) => i);
  order.sort((i, j) => {
    const a = keys[i] as string | number;
    const b = keys[j] as string | number;
    return typeof a === "number" && typeof b === "number" ? a - b : collator.compare(String(a), String(b));
  });
  const rank = new Int32Array(keys.length);
  order.forEach((k, i) => (rank[k] = i));
  const codes = new Int32Array(n);
  for (let r = 0; r < n; r++) codes[r] = rank[seen[r] as number] as number;
  return { codes, levels: order.map((k) => String(keys[k])) };
}

/** The interaction of several factors (levels "a:b"), keeping only combinations that occur, in level order. */
function combine(parts: { codes: Int32Array; levels: string[] }[]): { codes: Int32Array; levels: string[] } {
  let acc = parts[0] as { codes: Int32Array; levels: string[] };
  for (let j = 1; j < parts.length; j++) {
    const next = parts[j] as { codes: Int32Array; levels: string[] };
    const width = next.levels.length;
    const n = acc.codes.length;
    // Numeric keys (first factor slowest) sort exactly like the combined levels.
    const key = new Float64Array(n);
    for (let r = 0; r < n; r++) key[r] = (acc.codes[r] as number) * width + (next.codes[r] as number);
    const distinct = Float64Array.from(new Set(key)).sort();
    const index = new Map<number, number>();
    distinct.forEach((k, i) => index.set(k, i));
    const codes = new Int32Array(n);
    for (let r = 0; r < n; r++) codes[r] = index.get(key[r] as number) as number;
    const levels = Array.from(
      distinct,
      (k) => `${acc.levels[Math.floor(k / width)]}:${next.levels[k % width]}`,
    );
    acc = { codes, levels };
  }
  return acc;
}

/** Evaluates an arithmetic expression over numeric columns (non-numeric columns are an error naming the row). */
export function evalNumeric(e: Expr, data: DataFrame, role: string, label: string): Float64Array {
  const n = data.nrow;
  const out = new Float64Array(n);
  const ev = (x: Expr): ((i: number) => number) => {
    switch (x.kind) {
      case "num":
        return () => x.value;
      case "var": {
        const col = data.columns.get(x.name) as Column;
        if (col.type !== "numeric") {
          const bad = col.values.findIndex((v) => v !== null && Number.isNaN(Number(v)));
          throw new InputError(
            `${role} "${label}" must be numeric, but column "${x.name}" is not (row ${bad + 1}: "${col.values[bad]}")`,
            { column: x.name, row: bad + 1 },
          );
        }
        return (i) => col.values[i] as number;
      }
      case "neg": {
        const a = ev(x.arg);
        return (i) => -a(i);
      }
      case "call": {
        const a = ev(x.arg);
        const fn = FUNCTIONS[x.fn] ?? ((v: number) => v);
        return (i) => fn(a(i));
      }
      case "bin": {
        const a = ev(x.left);
        const b = ev(x.right);
        switch (x.op) {
          case "+":
            return (i) => a(i) + b(i);
          case "-":
            return (i) => a(i) - b(i);
          case "*":
            return (i) => a(i) * b(i);
          case "/":
            return (i) => a(i) / b(i);
          case "^":
            return (i) => a(i) ** b(i);
        }
      }
    }
  };
  const f = ev(e);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}

const FUNCTIONS: Record<string, (v: number) => number> = {
  I: (v) => v,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
};
