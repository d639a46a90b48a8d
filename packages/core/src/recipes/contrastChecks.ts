import type { ArmQuantity } from "./quantities.ts";
import type { RecipeResult } from "./run.ts";

/** A linear combination of one model's fixed effects that the script recomputes from lme4's fit. */
export interface ContrastCheck {
  readonly model: string;
  readonly label: string;
  readonly L: ArrayLike<number>;
  readonly estimate: number;
  readonly se: number;
}

/**
 * The derived quantities of a recipe result that are linear combinations of one model's fixed effects
 * (congruence quantities, the arm-moderated surface), for the R script to recompute with lme4.
 *
 * @example
 * contrastChecks(result).map((c) => c.label); // ["temporalCongruence 0", ...]
 */
export function contrastChecks(r: RecipeResult): ContrastCheck[] {
  const out: ContrastCheck[] = [];
  if (r.recipe === "congruence" && r.quantities) {
    for (const [name, q] of Object.entries(r.quantities) as [string, ArmQuantity][]) {
      for (const [arm, L] of Object.entries(q.rows)) {
        const e = q.intervals[arm];
        if (e)
          out.push({ model: "congruence_dyad", label: `${name} ${arm}`, L, estimate: e.estimate, se: e.se });
      }
    }
  }
  if (r.recipe === "rsa" && r.moderated) {
    const m = r.moderated;
    for (const [arm, Ls] of Object.entries(m.contrasts)) {
      const s = arm === m.difference?.contrast ? m.difference : m.byArm[arm];
      if (!s) continue;
      for (const k of ["a1", "a2", "a3", "a4", "a5"] as const) {
        out.push({
          model: m.model.name,
          label: `${k} ${arm}`,
          L: Ls[k],
          estimate: s[k].estimate,
          se: s[k].se,
        });
      }
    }
  }
  return out;
}
