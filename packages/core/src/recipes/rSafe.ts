// Writing data into an R script so that it stays data: every name or note becomes an R string
// literal (never a bare word, never a comment), and a model formula is written only when it is
// made of variable names, numbers, formula operators and a few known functions.

/**
 * An R string literal of any text: backslash, quote and every control or line-separator character
 * escaped, so the literal ends where attune says it does.
 *
 * @example
 * rString('a"\nb'); // '"a\\"\\nb"'
 */
export function rString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff)
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Functions a formula may call (lme4 syntax as attune parses it). */
const FORMULA_FUNCTIONS = new Set(["factor", "poly", "I", "log", "exp", "sqrt", "scale", "offset"]);

/**
 * The formula if it is safe to write as R code, else an Error naming the offending part: only
 * letters, digits, _ . and the operators ~ + - * / : | ^ ( ) , and spaces, and calls only to
 * factor, poly, I, log, exp, sqrt, scale, offset.
 *
 * @example
 * rFormula("y ~ x + (1 | g)"); // "y ~ x + (1 | g)"
 * rFormula('y ~ system("rm")'); // throws
 */
export function rFormula(formula: string): string {
  const bad = /[^A-Za-z0-9_. ~+\-*/:|^(),]/.exec(formula);
  if (bad)
    throw new Error(
      `formula ${rString(formula.slice(0, 80))} has a character R code cannot carry safely at ${bad.index}`,
    );
  for (const m of formula.matchAll(/([A-Za-z_.][A-Za-z0-9_.]*)\s*\(/g))
    if (!FORMULA_FUNCTIONS.has(m[1]!))
      throw new Error(`formula calls ${m[1]}(), which an attune R script does not write`);
  return formula;
}
