import type { Expr } from "./ast.ts";

/**
 * Writes an expression the way R's deparse() does, so term names match R's
 * (`log(session)`, `I(x^2)`, `I(x * 2)`, `I(x/2)`).
 *
 * @example
 * deparse({ kind: "call", fn: "log", arg: { kind: "var", name: "x" } }); // "log(x)"
 */
export function deparse(e: Expr): string {
  switch (e.kind) {
    case "var":
      return e.name;
    case "num":
      return String(e.value);
    case "neg":
      return `-${deparse(e.arg)}`;
    case "call":
      return e.fn === "(" ? `(${deparse(e.arg)})` : `${e.fn}(${deparse(e.arg)})`;
    case "bin":
      return e.op === "^" || e.op === "/"
        ? `${deparse(e.left)}${e.op}${deparse(e.right)}`
        : `${deparse(e.left)} ${e.op} ${deparse(e.right)}`;
  }
}

/** The data columns an expression reads. */
export function exprVariables(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case "var":
      out.add(e.name);
      break;
    case "num":
      break;
    case "neg":
    case "call":
      exprVariables(e.arg, out);
      break;
    case "bin":
      exprVariables(e.left, out);
      exprVariables(e.right, out);
      break;
  }
  return out;
}
