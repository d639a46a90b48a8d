import { InputError } from "../errors.ts";
import type { LmmFit } from "./fit.ts";
import type { ContrastTest } from "./satterthwaite.ts";

/** A tested linear combination L'β, with the text that defined it. */
export interface NamedContrast extends ContrastTest {
  readonly contrast: string;
}

/**
 * Reads a linear combination of fixed effects, either as p numbers in the fixed effects' order
 * (`"0, 1, -1"`) or as a sum of coefficient names with optional multipliers
 * (`"factor(Diet)3 - factor(Diet)2"`, `"0.5*a + 0.5*b"`, names in back-quotes when they contain spaces).
 * Names are matched longest first against the model's own names, so R's names need no quoting.
 *
 * @example
 * parseContrast("SexMale - age:SexMale", ["(Intercept)", "age", "SexMale", "age:SexMale"]); // [0, 0, 1, -1]
 */
export function parseContrast(text: string, names: readonly string[]): Float64Array {
  const p = names.length;
  const numbers = text.split(/[\s,]+/).filter((s) => s !== "");
  if (numbers.length > 0 && numbers.every((s) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s))) {
    if (numbers.length !== p) {
      throw new InputError(
        `contrast "${text}": ${numbers.length} numbers for ${p} fixed effects (${names.join(", ")})`,
      );
    }
    return Float64Array.from(numbers, Number);
  }
  const L = new Float64Array(p);
  const byLength = names.map((name, j) => ({ name, j })).sort((a, b) => b.name.length - a.name.length);
  let i = 0;
  let first = true;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const fail = (why: string): never => {
    throw new InputError(
      `contrast "${text}": ${why} at position ${i + 1} (fixed effects: ${names.join(", ")})`,
      {
        position: i + 1,
      },
    );
  };
  for (;;) {
    skip();
    if (i >= text.length) break;
    let sign = 1;
    if (text[i] === "+" || text[i] === "-") {
      sign = text[i] === "-" ? -1 : 1;
      i++;
      skip();
    } else if (!first) fail('expected "+" or "-"');
    let coef = 1;
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      coef = Number(num[0]);
      i += num[0].length;
      skip();
      if (text[i] === "*") {
        i++;
        skip();
      }
    }
    let j: number;
    if (text[i] === "`") {
      const close = text.indexOf("`", i + 1);
      if (close < 0) fail("unclosed back-quote");
      j = names.indexOf(text.slice(i + 1, close));
      if (j < 0) fail(`unknown coefficient "${text.slice(i + 1, close)}"`);
      i = close + 1;
    } else {
      const hit = byLength.find((c) => text.startsWith(c.name, i));
      if (!hit) fail(`expected a coefficient name, found "${text.slice(i)}"`);
      j = hit!.j;
      i += hit!.name.length;
    }
    L[j] = (L[j] as number) + sign * coef;
    first = false;
  }
  if (first) fail("empty contrast");
  return L;
}

/**
 * Tests a linear combination of fixed effects with Satterthwaite df (lmerTest's `contest1D`), given
 * as numbers or as coefficient names (see {@link parseContrast}).
 *
 * @example
 * const fit = fitLmm("weight ~ Time * factor(Diet) + (Time | Chick)", chickWeight);
 * linearContrast(fit, "Time:factor(Diet)3 - Time:factor(Diet)2"); // { contrast, estimate, se, df, t, p }
 * linearContrast(fit, [0, 1, 0, 0, 0, 0, 0, 0]); // the Time coefficient
 */
export function linearContrast(fit: LmmFit, spec: string | ArrayLike<number>): NamedContrast {
  const L = typeof spec === "string" ? parseContrast(spec, fit.fixefNames) : Float64Array.from(spec);
  if (L.length !== fit.fixefNames.length) {
    throw new InputError(`contrast: ${L.length} weights for ${fit.fixefNames.length} fixed effects`);
  }
  const text = typeof spec === "string" ? spec.trim() : Array.from(L).join(", ");
  return { contrast: text, ...fit.contrast(L) };
}
