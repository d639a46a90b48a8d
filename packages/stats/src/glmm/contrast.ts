import { pTwoSidedZ } from "../distributions/index.ts";
import { InputError } from "../errors.ts";
import { parseContrast } from "../lmm/contrast.ts";
import type { GlmmFit } from "./fit.ts";

/** A Wald z test of a linear combination L'β of a GLMM's fixed effects. */
export interface WaldContrast {
  /** The text that defined it (names or numbers). */
  readonly contrast: string;
  readonly estimate: number;
  /** √(L' Var(β̂) L) with lme4's vcov. */
  readonly se: number;
  readonly z: number;
  /** Two-sided p from the standard normal. */
  readonly p: number;
}

/**
 * Tests a linear combination of a GLMM's fixed effects by a Wald z test (as the z column of
 * summary(glmer) does for a single coefficient), with the weights given as numbers or coefficient
 * names (see {@link parseContrast}).
 *
 * @example
 * const fit = fitGlmm("use ~ age + urban + livch + (1 | district)", contraception, { family: "binomial" });
 * glmmContrast(fit, "livch3+ - livch1"); // { contrast, estimate, se, z, p }
 */
export function glmmContrast(fit: GlmmFit, spec: string | ArrayLike<number>): WaldContrast {
  const names = fit.fixefNames;
  const L = typeof spec === "string" ? parseContrast(spec, names) : Float64Array.from(spec);
  const p = names.length;
  if (L.length !== p) throw new InputError(`contrast: ${L.length} weights for ${p} fixed effects`);
  let estimate = 0;
  let variance = 0;
  for (let r = 0; r < p; r++) {
    estimate += (L[r] as number) * (fit.beta[r] as number);
    for (let c = 0; c < p; c++)
      variance += (L[r] as number) * (fit.vcov[r * p + c] as number) * (L[c] as number);
  }
  const se = Math.sqrt(variance);
  const z = estimate / se;
  const text = typeof spec === "string" ? spec.trim() : Array.from(L).join(", ");
  return { contrast: text, estimate, se, z, p: pTwoSidedZ(z) };
}
