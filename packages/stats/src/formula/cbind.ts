import { InputError } from "../errors.ts";
import type { Expr } from "./ast.ts";
import { deparse } from "./deparse.ts";
import { parseFormula } from "./parse.ts";

/** A formula whose response may be `cbind(successes, failures)`, split for the formula parser. */
export interface BinomialResponseSplit {
  /** The formula with the response replaced by the successes expression (what the parser reads). */
  readonly formula: string;
  /** The failures expression of `cbind(successes, failures)`, or null for a plain response. */
  readonly failures: Expr | null;
  /** The response as R prints it, e.g. `cbind(incidence, size - incidence)`. */
  readonly label: string | null;
}

/**
 * Recognises a binomial response `cbind(successes, failures)` on the left of `~` (as glmer takes
 * it) and splits it off, so the rest of the formula goes through the ordinary formula parser.
 * Each argument is an arithmetic expression of columns (`size - incidence`).
 *
 * @example
 * splitCbindResponse("cbind(incidence, size - incidence) ~ period + (1 | herd)").label;
 * // "cbind(incidence, size - incidence)"
 */
export function splitCbindResponse(formula: string): BinomialResponseSplit {
  const tilde = formula.indexOf("~");
  const lhs = tilde < 0 ? formula : formula.slice(0, tilde);
  const m = /^\s*cbind\s*\(/.exec(lhs);
  if (!m) return { formula, failures: null, label: null };
  const open = m[0].length - 1;
  let depth = 0;
  let comma = -1;
  let close = -1;
  for (let i = open; i < lhs.length; i++) {
    const ch = lhs[i];
    if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (ch === "," && depth === 1) {
      if (comma >= 0) {
        throw new InputError(
          `formula: cbind() takes two arguments (successes, failures), found a third at position ${i + 1}`,
          {
            position: i + 1,
          },
        );
      }
      comma = i;
    }
  }
  if (close < 0)
    throw new InputError(`formula: "cbind(" at position ${open} is not closed`, { position: open });
  if (comma < 0) {
    throw new InputError(
      `formula: cbind() needs two arguments, successes and failures, e.g. cbind(k, n - k)`,
      {
        position: open,
      },
    );
  }
  if (lhs.slice(close + 1).trim() !== "") {
    throw new InputError(
      `formula: unexpected "${lhs.slice(close + 1).trim()}" after cbind(...) at position ${close + 2}`,
      {
        position: close + 2,
      },
    );
  }
  const argument = (text: string, where: number): Expr => {
    if (text.trim() === "")
      throw new InputError(`formula: empty argument of cbind() at position ${where}`, { position: where });
    return parseFormula(`${text} ~ 1`).response.expr;
  };
  const successes = argument(lhs.slice(open + 1, comma), open + 2);
  const failures = argument(lhs.slice(comma + 1, close), comma + 2);
  const rest = tilde < 0 ? "" : formula.slice(tilde);
  return {
    formula: `${deparse(successes)} ${rest}`,
    failures,
    label: `cbind(${deparse(successes)}, ${deparse(failures)})`,
  };
}
