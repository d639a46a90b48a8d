import { InputError } from "../errors.ts";
import type { CallArg, Expr, Formula, FormulaNode } from "./ast.ts";
import { deparse } from "./deparse.ts";
import { functionRole, matchArgs } from "./functions.ts";
import { tokenize, type Token } from "./tokenize.ts";

export { FORMULA_FUNCTIONS } from "./functions.ts";

/**
 * Parses an lme4 model formula: `response ~ fixed terms + (random | group)`.
 * Supports `+ - * / :`, `0`/`1`/`-1`, `(expr | g)`, `(expr || g)`, `g1/g2`, `g1:g2`, arithmetic
 * inside functions, the element-wise functions of functions.ts (I(), log(), exp(), sqrt(), ...),
 * and as whole terms `factor(x)`, `poly(x, k [, raw = TRUE])`, `scale(x [, center, scale])`, `offset(x)`.
 *
 * @example
 * const f = parseFormula("Reaction ~ Days + (Days | Subject)");
 * f.response.label; // "Reaction"
 */
export function parseFormula(text: string): Formula {
  const p = new Parser(text);
  return p.formula();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  /** True while the response (left of "~") is read. */
  private inResponse = true;

  constructor(private readonly text: string) {
    if (text.trim() === "") throw new InputError("formula: empty formula");
    this.tokens = tokenize(text);
  }

  formula(): Formula {
    const tilde = this.tokens.findIndex((t) => t.text === "~");
    if (tilde < 0) throw new InputError(`formula: no "~" in "${this.text}" (expected "response ~ terms")`);
    if (tilde === 0) {
      throw new InputError(`formula: no response before "~" at position ${this.tokens[0]?.pos ?? 1}`, {
        position: 1,
      });
    }
    const responseExpr = this.arSum();
    this.expect("~");
    this.inResponse = false;
    const rhs = this.fSum(true);
    const t = this.peek();
    if (t.kind !== "end") this.fail(t, t.text === ")" ? 'unmatched ")"' : `unexpected "${t.text}"`);
    return { text: this.text, response: { label: deparse(responseExpr), expr: responseExpr }, rhs };
  }

  // ---- formula mode -------------------------------------------------------------------------

  private fSum(top: boolean): FormulaNode {
    let left: FormulaNode | null = null;
    const first = this.peek();
    if (first.text === "-" || first.text === "+") {
      this.i++;
      const right = this.fProduct();
      left = first.text === "-" ? { kind: "op", op: "-", left: null, right, pos: first.pos } : right;
    } else {
      left = this.fProduct();
    }
    for (;;) {
      const t = this.peek();
      if (t.text !== "+" && t.text !== "-") break;
      this.i++;
      const right = this.fProduct();
      left = { kind: "op", op: t.text, left, right, pos: t.pos };
    }
    if (top && (this.peek().text === "|" || this.peek().text === "||")) {
      this.fail(this.peek(), 'a random-effects term "(expr | group)" must be in parentheses');
    }
    return left;
  }

  private fProduct(): FormulaNode {
    let left = this.fInteraction();
    for (;;) {
      const t = this.peek();
      if (t.text !== "*" && t.text !== "/") break;
      this.i++;
      const right = this.fInteraction();
      left = { kind: "op", op: t.text, left, right, pos: t.pos };
    }
    return left;
  }

  private fInteraction(): FormulaNode {
    let left = this.fPrimary();
    for (;;) {
      const t = this.peek();
      if (t.text !== ":") break;
      this.i++;
      const right = this.fPrimary();
      left = { kind: "op", op: ":", left, right, pos: t.pos };
    }
    return left;
  }

  private fPrimary(): FormulaNode {
    const t = this.peek();
    if (t.kind === "num") {
      this.i++;
      if (t.text === "1" || t.text === "0") return { kind: "intercept", present: t.text === "1", pos: t.pos };
      this.fail(t, `the number ${t.text} cannot be a term (only 0 or 1, for the intercept)`);
    }
    if (t.kind === "name") {
      if (this.tokens[this.i + 1]?.text === "(") {
        const expr = this.arAtom(true);
        return { kind: "variable", label: deparse(expr), expr, pos: t.pos };
      }
      this.i++;
      return { kind: "variable", label: t.text, expr: { kind: "var", name: t.text }, pos: t.pos };
    }
    if (t.text === "(") {
      this.i++;
      const inner = this.fSum(false);
      const bar = this.peek();
      if (bar.text === "|" || bar.text === "||") {
        this.i++;
        const group = this.fSum(false);
        this.expect(")", t);
        return { kind: "random", lhs: inner, group, uncorrelated: bar.text === "||", pos: t.pos };
      }
      this.expect(")", t);
      return inner;
    }
    if (t.kind === "end") this.fail(t, "the formula ends too early");
    return this.fail(t, `unexpected "${t.text}"`);
  }

  // ---- arithmetic mode (response, arguments of functions) -------------------------------------

  private arSum(): Expr {
    let left = this.arProduct();
    for (;;) {
      const t = this.peek();
      if (t.text !== "+" && t.text !== "-") break;
      this.i++;
      left = { kind: "bin", op: t.text, left, right: this.arProduct() };
    }
    return left;
  }

  private arProduct(): Expr {
    let left = this.arUnary();
    for (;;) {
      const t = this.peek();
      if (t.text !== "*" && t.text !== "/") break;
      this.i++;
      left = { kind: "bin", op: t.text, left, right: this.arUnary() };
    }
    return left;
  }

  private arUnary(): Expr {
    if (this.peek().text === "-") {
      this.i++;
      return { kind: "neg", arg: this.arUnary() };
    }
    const base = this.arAtom();
    if (this.peek().text === "^") {
      this.i++;
      return { kind: "bin", op: "^", left: base, right: this.arUnary() };
    }
    return base;
  }

  /** An atom; `wholeTerm` is true where a term-making function (factor, poly, offset) may stand. */
  private arAtom(wholeTerm = false): Expr {
    const t = this.peek();
    if (t.kind === "num") {
      this.i++;
      return { kind: "num", value: Number(t.text) };
    }
    if (t.kind === "name") {
      this.i++;
      if (this.peek().text === "(") return this.call(t, wholeTerm);
      return { kind: "var", name: t.text };
    }
    if (t.text === "(") {
      this.i++;
      const arg = this.arSum();
      this.expect(")", t);
      return { kind: "call", fn: "(", arg, args: [{ name: null, value: arg }] };
    }
    if (t.kind === "end") this.fail(t, "the formula ends too early");
    return this.fail(t, `unexpected "${t.text}"`);
  }

  /** A call `fn(arg, ..., name = value)` whose name token `t` has just been read. */
  private call(t: Token, wholeTerm: boolean): Expr {
    const role = functionRole(t.text);
    if (role === undefined) matchArgs(t.text, [], t.pos); // throws: unknown function
    const termMaking = role === "factor" || role === "poly" || role === "offset";
    if (termMaking && this.inResponse) this.fail(t, `the response cannot be ${t.text}()`);
    if (!wholeTerm && termMaking) {
      this.fail(
        t,
        `${t.text}() must be a whole term (as in "y ~ ${t.text}(x) + ..."), not inside an expression`,
      );
    }
    const open = this.peek();
    this.i++;
    const args: CallArg[] = [];
    if (this.peek().text !== ")") {
      for (;;) {
        const a = this.peek();
        let name: string | null = null;
        if (a.kind === "name" && this.tokens[this.i + 1]?.text === "=") {
          name = a.text;
          this.i += 2;
        }
        args.push({ name, value: this.arSum() });
        if (this.peek().text !== ",") break;
        this.i++;
      }
    }
    this.expect(")", open);
    matchArgs(t.text, args, t.pos);
    const first = args.find((a) => a.name === null) ?? (args[0] as CallArg);
    return { kind: "call", fn: t.text, arg: first.value, args };
  }

  // ---- helpers --------------------------------------------------------------------------------

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private expect(text: string, opened?: Token): void {
    const t = this.peek();
    if (t.text !== text) {
      const why = opened
        ? `expected "${text}" to close "${opened.text}" at position ${opened.pos}`
        : `expected "${text}"`;
      this.fail(t, `${why}, found ${t.kind === "end" ? "the end" : `"${t.text}"`}`);
    }
    this.i++;
  }

  private fail(t: Token, why: string): never {
    throw new InputError(`formula: ${why} at position ${t.pos} in "${this.text}"`, { position: t.pos });
  }
}
