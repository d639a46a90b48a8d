import { InputError } from "../errors.ts";

export type TokenKind = "name" | "num" | "op" | "end";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 1-based character position in the formula text. */
  readonly pos: number;
}

const OPS = ["||", "~", "+", "-", "*", "/", ":", "^", "|", "(", ")", ",", "="];

/**
 * Splits an lme4 formula into tokens. Names may contain letters, digits, `.` and `_`, or be back-quoted.
 *
 * @example
 * tokenize("y ~ x + (1 | g)").map((t) => t.text); // ["y","~","x","+","(","1","|","g",")",""]
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "`") {
      const close = text.indexOf("`", i + 1);
      if (close < 0)
        throw new InputError(`formula: unclosed back-quote at position ${i + 1}`, { position: i + 1 });
      tokens.push({ kind: "name", text: text.slice(i + 1, close), pos: start + 1 });
      i = close + 1;
      continue;
    }
    if (/[A-Za-z._]/.test(c) && !(c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      while (i < text.length && /[A-Za-z0-9._]/.test(text[i] as string)) i++;
      tokens.push({ kind: "name", text: text.slice(start, i), pos: start + 1 });
      continue;
    }
    if (/[0-9.]/.test(c)) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
      const lit = m ? m[0] : c;
      tokens.push({ kind: "num", text: lit, pos: start + 1 });
      i += lit.length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) {
      throw new InputError(`formula: unexpected character "${c}" at position ${i + 1}`, { position: i + 1 });
    }
    tokens.push({ kind: "op", text: op, pos: start + 1 });
    i += op.length;
  }
  tokens.push({ kind: "end", text: "", pos: text.length + 1 });
  return tokens;
}
