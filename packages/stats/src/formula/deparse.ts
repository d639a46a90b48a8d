import type { Expr } from "./ast.ts";
import { formatRNumber } from "./rformat.ts";

/**
 * Writes an expression the way R's deparse() does, so term names match R's
 * (`log(session)`, `I(x^2)`, `I(x * 2)`, `I(x/2)`, `poly(x, 2, raw = TRUE)`, `I(x + 1e+05)`).
 *
 * @example
 * deparse(parseFormula("log(y + 1) ~ x").response.expr); // "log(y + 1)"
 */
export function deparse(e: Expr): string {
  switch (e.kind) {
    case "var":
      return e.name;
    case "num":
      return formatRNumber(e.value);
    case "neg":
      return `-${deparse(e.arg)}`;
    case "call":
      if (e.fn === "(") return `(${deparse(e.arg)})`;
      return `${e.fn}(${e.args.map((a) => (a.name === null ? "" : `${a.name} = `) + deparse(a.value)).join(", ")})`;
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
      exprVariables(e.arg, out);
      break;
    case "call":
      // Only the data argument reads columns; the others are literals (degree, raw = TRUE, ...).
      exprVariables(e.arg, out);
      break;
    case "bin":
      exprVariables(e.left, out);
      exprVariables(e.right, out);
      break;
  }
  return out;
}
