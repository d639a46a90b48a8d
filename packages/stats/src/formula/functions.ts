import { InputError } from "../errors.ts";
import type { CallArg, Expr } from "./ast.ts";

/**
 * What a formula function does, as R evaluates it in a model frame:
 * - `math`: element by element on numbers (log, exp, sqrt, ...); `I` is the identity;
 * - `factor`: makes a factor of a column (levels sorted as R sorts them);
 * - `poly`: orthogonal (or raw) polynomial columns, computed on the whole column;
 * - `scale`: centring and/or scaling by the column's mean and SD (computed on the whole column);
 * - `offset`: a known part of the linear predictor, not a term.
 */
export type FunctionRole = "math" | "factor" | "poly" | "scale" | "offset";

interface FunctionSpec {
  readonly role: FunctionRole;
  /** Names of the arguments, in R's positional order (the first is the data argument). */
  readonly params: readonly string[];
  /** Arguments that must be given. */
  readonly required: number;
}

const math = (...params: string[]): FunctionSpec => ({ role: "math", params, required: 1 });

/** Every function a formula may call, with its arguments. */
export const FORMULA_FUNCTION_SPECS: ReadonlyMap<string, FunctionSpec> = new Map([
  ["I", math("x")],
  ["log", math("x", "base")],
  ["log2", math("x")],
  ["log10", math("x")],
  ["log1p", math("x")],
  ["exp", math("x")],
  ["expm1", math("x")],
  ["sqrt", math("x")],
  ["abs", math("x")],
  ["sin", math("x")],
  ["cos", math("x")],
  ["tan", math("x")],
  ["floor", math("x")],
  ["ceiling", math("x")],
  ["trunc", math("x")],
  ["sign", math("x")],
  ["factor", { role: "factor", params: ["x"], required: 1 }],
  ["as.factor", { role: "factor", params: ["x"], required: 1 }],
  ["poly", { role: "poly", params: ["x", "degree", "raw"], required: 1 }],
  ["scale", { role: "scale", params: ["x", "center", "scale"], required: 1 }],
  ["offset", { role: "offset", params: ["object"], required: 1 }],
]);

/** Names of the functions a formula may call (for messages). */
export const FORMULA_FUNCTIONS: ReadonlySet<string> = new Set(FORMULA_FUNCTION_SPECS.keys());

/** The role of a called function (undefined for a name that is not a formula function). */
export function functionRole(fn: string): FunctionRole | undefined {
  return FORMULA_FUNCTION_SPECS.get(fn)?.role;
}

/**
 * Checks a call's arguments against the function's (R's) signature and returns them by parameter
 * name. The messages name the function and its position in the formula.
 *
 * @example
 * matchArgs("poly", [{ name: null, value: x }, { name: null, value: { kind: "num", value: 2 } }], 5);
 * // Map { "x" => x, "degree" => 2 }
 */
export function matchArgs(fn: string, args: readonly CallArg[], pos: number): Map<string, Expr> {
  const spec = FORMULA_FUNCTION_SPECS.get(fn);
  if (!spec) {
    throw new InputError(
      `formula: unknown function "${fn}" at position ${pos} (known: ${[...FORMULA_FUNCTIONS].join(", ")})`,
      { position: pos },
    );
  }
  const out = new Map<string, Expr>();
  let next = 0;
  for (const a of args) {
    let name: string;
    if (a.name === null) {
      // poly(x, ..., degree, raw): only the data and a degree may be given by position, as R's poly.
      if (next >= spec.params.length || (fn === "poly" && next >= 2)) {
        throw new InputError(
          `formula: too many arguments to ${fn}() at position ${pos} (it takes ${spec.params.join(", ")})`,
          { position: pos },
        );
      }
      while (out.has(spec.params[next] as string)) next++;
      name = spec.params[next++] as string;
    } else {
      if (!spec.params.includes(a.name) || a.name === spec.params[0]) {
        throw new InputError(
          `formula: ${fn}() has no argument "${a.name}" at position ${pos} (it takes ${spec.params.join(", ")})`,
          { position: pos },
        );
      }
      name = a.name;
    }
    if (out.has(name)) {
      throw new InputError(`formula: argument "${name}" of ${fn}() given twice at position ${pos}`, {
        position: pos,
      });
    }
    out.set(name, a.value);
  }
  if (out.size < spec.required) {
    throw new InputError(`formula: ${fn}() needs an argument at position ${pos}`, { position: pos });
  }
  checkLiterals(fn, out, pos);
  return out;
}

/** The value of a logical argument (`TRUE`, `FALSE`, `T`, `F`), or undefined for anything else. */
export function logicalValue(e: Expr | undefined): boolean | undefined {
  if (e?.kind !== "var") return undefined;
  if (e.name === "TRUE" || e.name === "T") return true;
  if (e.name === "FALSE" || e.name === "F") return false;
  return undefined;
}

/** A numeric literal, possibly negated (`-2`), or undefined. */
export function numericValue(e: Expr | undefined): number | undefined {
  if (e?.kind === "num") return e.value;
  if (e?.kind === "neg" && e.arg.kind === "num") return -e.arg.value;
  return undefined;
}

function checkLiterals(fn: string, args: Map<string, Expr>, pos: number): void {
  const fail = (why: string): never => {
    throw new InputError(`formula: ${fn}() ${why} at position ${pos}`, { position: pos });
  };
  if (fn === "poly") {
    const degree = args.has("degree") ? numericValue(args.get("degree")) : 1;
    if (degree === undefined || !Number.isInteger(degree) || degree < 1) {
      fail("needs a whole positive number as its degree, as in poly(x, 2)");
    }
    if (args.has("raw") && logicalValue(args.get("raw")) === undefined) fail("takes raw = TRUE or FALSE");
  }
  if (fn === "scale") {
    for (const name of ["center", "scale"]) {
      const a = args.get(name);
      if (a !== undefined && logicalValue(a) === undefined && numericValue(a) === undefined) {
        fail(`takes ${name} = TRUE, FALSE or a number`);
      }
    }
  }
  if (fn === "log" && args.has("base")) {
    const base = numericValue(args.get("base"));
    if (base === undefined || !(base > 0) || base === 1)
      fail("takes a positive number other than 1 as its base");
  }
}
