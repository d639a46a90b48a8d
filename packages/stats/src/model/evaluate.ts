import { InputError } from "../errors.ts";
import type { Expr } from "../formula/ast.ts";
import { deparse } from "../formula/deparse.ts";
import { functionRole, logicalValue, matchArgs, numericValue } from "../formula/functions.ts";
import type { Column, DataFrame } from "../frame/dataFrame.ts";
import { evalPoly, orthogonalPoly, rawPoly, type PolyCoefs } from "./poly.ts";

/**
 * A formula variable evaluated on every row of the data, as R's model.frame evaluates it before
 * dropping incomplete rows: numbers (NaN = missing), a factor's raw values (null = missing; levels
 * are made later from the rows used, as lme4's drop.unused.levels), or several columns (`poly()`).
 */
export type EvaluatedVariable =
  | { readonly type: "numeric"; readonly values: Float64Array }
  | {
      readonly type: "factor";
      readonly values: ReadonlyArray<string | number | null>;
      /** Numbers are R doubles (labelled 1e+05), not integers (labelled 100000). */
      readonly doubles?: boolean;
    }
  | {
      readonly type: "matrix";
      readonly columns: readonly Float64Array[];
      readonly suffixes: readonly string[];
    };

/** What a data-dependent function learned from the data it was fitted on (R's makepredictcall). */
export type LearnedParams =
  | { readonly kind: "poly"; readonly coefs: PolyCoefs }
  | { readonly kind: "scale"; readonly center: number; readonly scale: number };

/**
 * Evaluation context: `learn` true while fitting (poly and scale compute their parameters from the
 * data and store them under the call's text), false for new data (the stored parameters are reused,
 * so predictions use the fitted model's polynomials and centring).
 */
export interface EvalContext {
  readonly learn: boolean;
  readonly params: Map<string, LearnedParams>;
}

/**
 * Evaluates a term variable: a column, a factor(), a poly(), or an arithmetic expression.
 *
 * @example
 * const ctx = { learn: true, params: new Map() };
 * evaluateVariable(parseFormula("y ~ poly(x, 2)").rhs.expr, data, ctx); // { type: "matrix", ... }
 */
export function evaluateVariable(e: Expr, data: DataFrame, ctx: EvalContext): EvaluatedVariable {
  if (e.kind === "var") {
    const col = column(data, e.name);
    return col.type === "numeric"
      ? { type: "numeric", values: col.values }
      : { type: "factor", values: col.values };
  }
  if (e.kind === "call") {
    const role = functionRole(e.fn);
    if (role === "factor") {
      if (e.arg.kind === "var") {
        const col = column(data, e.arg.name);
        if (col.type === "categorical") return { type: "factor", values: col.values };
        const values = Array.from(col.values, (v) => (Number.isNaN(v) ? null : v));
        return { type: "factor", values, doubles: col.integer === false };
      }
      // Arithmetic in R gives doubles (x + 1 with a double 1).
      const v = evaluateNumeric(e.arg, data, ctx, "variable", deparse(e));
      return { type: "factor", values: Array.from(v, (x) => (Number.isNaN(x) ? null : x)), doubles: true };
    }
    if (role === "poly") return polyVariable(e, data, ctx);
  }
  return { type: "numeric", values: evaluateNumeric(e, data, ctx, "variable", deparse(e)) };
}

/**
 * Evaluates an arithmetic expression over numeric columns, element by element; scale() is computed
 * over the whole column as R does. A non-numeric column is an error naming the row.
 *
 * A plain column (`y`, `(y)`) comes back as the data frame's own array, not a copy: the model frame
 * copies the rows it uses once (its `pick`), so a copy here would be a second one. Callers only read
 * the result (arithmetic, scale() and poly() build new arrays; prediction's offsets are offset() calls,
 * which build one too), and must keep it that way: writing into it would change the caller's data.
 *
 * @example
 * evaluateNumeric(parseFormula("log(y + 1) ~ x").response.expr, data, ctx, "response", "log(y + 1)");
 */
export function evaluateNumeric(
  e: Expr,
  data: DataFrame,
  ctx: EvalContext,
  role: string,
  label: string,
): Float64Array {
  const n = data.nrow;
  switch (e.kind) {
    case "num":
      return new Float64Array(n).fill(e.value);
    case "var": {
      const col = column(data, e.name);
      if (col.type !== "numeric") {
        const bad = col.values.findIndex((v) => v !== null && Number.isNaN(Number(v)));
        throw new InputError(
          `${role} "${label}" must be numeric, but column "${e.name}" is not (row ${bad + 1}: "${col.values[bad]}")`,
          { column: e.name, row: bad + 1 },
        );
      }
      return col.values;
    }
    case "neg":
      return evaluateNumeric(e.arg, data, ctx, role, label).map((v) => -v);
    case "bin": {
      const a = evaluateNumeric(e.left, data, ctx, role, label);
      const b = evaluateNumeric(e.right, data, ctx, role, label);
      const op = BINARY[e.op];
      return a.map((v, i) => op(v, b[i] as number));
    }
    case "call": {
      if (e.fn === "(") return evaluateNumeric(e.arg, data, ctx, role, label);
      const r = functionRole(e.fn);
      if (r === "scale") return scaleValues(e, evaluateNumeric(e.arg, data, ctx, role, label), ctx);
      if (r !== "math" && r !== "offset") {
        throw new InputError(`formula: ${deparse(e)} cannot be used as a number in ${role} "${label}"`);
      }
      const a = evaluateNumeric(e.arg, data, ctx, role, label);
      if (e.fn === "log") {
        const base = numericValue(matchArgs(e.fn, e.args, 0).get("base"));
        if (base !== undefined) return a.map((v) => Math.log(v) / Math.log(base));
      }
      const fn = MATH[e.fn] ?? ((v: number) => v);
      return a.map(fn);
    }
  }
}

function column(data: DataFrame, name: string): Column {
  const col = data.columns.get(name);
  if (!col) {
    throw new InputError(`unknown column "${name}" (columns: ${data.names.join(", ") || "none"})`, {
      column: name,
    });
  }
  return col;
}

function polyVariable(
  e: Extract<Expr, { kind: "call" }>,
  data: DataFrame,
  ctx: EvalContext,
): EvaluatedVariable {
  const label = deparse(e);
  const args = matchArgs(e.fn, e.args, 0);
  const degree = numericValue(args.get("degree")) ?? 1;
  const raw = logicalValue(args.get("raw")) ?? false;
  const x = evaluateNumeric(e.arg, data, ctx, "variable", label);
  const suffixes = Array.from({ length: degree }, (_, j) => String(j + 1));
  if (raw) return { type: "matrix", columns: rawPoly(x, degree), suffixes };
  if (!ctx.learn) {
    const p = ctx.params.get(label);
    if (p?.kind !== "poly") throw new Error(`internal: no fitted coefficients for ${label}`);
    return { type: "matrix", columns: evalPoly(x, p.coefs), suffixes };
  }
  const bad = x.findIndex((v) => Number.isNaN(v));
  if (bad >= 0) {
    throw new InputError(
      `formula: ${label}: missing value at row ${bad + 1} (R's poly() does not allow missing values; remove those rows or use poly(..., raw = TRUE))`,
      { row: bad + 1 },
    );
  }
  const { columns, coefs } = orthogonalPoly(x, degree, label);
  ctx.params.set(label, { kind: "poly", coefs });
  return { type: "matrix", columns, suffixes };
}

/** R's scale(): centre by the mean and divide by the SD of the non-missing values (or as the arguments say). */
function scaleValues(e: Extract<Expr, { kind: "call" }>, x: Float64Array, ctx: EvalContext): Float64Array {
  const label = deparse(e);
  let p = ctx.params.get(label);
  if (!ctx.learn) {
    if (p?.kind !== "scale") throw new Error(`internal: no fitted centring for ${label}`);
  } else {
    const args = matchArgs(e.fn, e.args, 0);
    const centerArg = args.get("center");
    const scaleArg = args.get("scale");
    let center = 0;
    const ok = Array.from(x).filter((v) => !Number.isNaN(v));
    const c = numericValue(centerArg);
    if (c !== undefined) center = c;
    else if (logicalValue(centerArg) ?? true) center = ok.reduce((s, v) => s + v, 0) / ok.length;
    let scale = 1;
    const s = numericValue(scaleArg);
    if (s !== undefined) scale = s;
    else if (logicalValue(scaleArg) ?? true) {
      const ss = ok.reduce((acc, v) => acc + (v - center) ** 2, 0);
      scale = Math.sqrt(ss / Math.max(1, ok.length - 1));
    }
    p = { kind: "scale", center, scale };
    ctx.params.set(label, p);
  }
  const { center, scale } = p;
  return x.map((v) => (v - center) / scale);
}

const BINARY: Record<"+" | "-" | "*" | "/" | "^", (a: number, b: number) => number> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
  "^": (a, b) => a ** b,
};

const MATH: Record<string, (v: number) => number> = {
  I: (v) => v,
  offset: (v) => v,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  exp: Math.exp,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  floor: Math.floor,
  ceiling: Math.ceil,
  trunc: Math.trunc,
  sign: Math.sign,
};
