import type { DataFrame } from "../frame/dataFrame.ts";
import { InputError } from "../errors.ts";
import { likelihoodRatioTest, type LrtRow } from "./anova.ts";
import { fitLmm, type LmmFit } from "./fit.ts";

/** lme4's `anova(m0, m1)` between a fitted model and a smaller one. */
export interface ModelComparison {
  /** True when REML fits were refitted by maximum likelihood first (as lme4 does). */
  readonly refitML: boolean;
  /** One row per model, smaller first (`m0` = the compared formula, `m1` = the fitted one). */
  readonly rows: readonly (LrtRow & { readonly model: "m0" | "m1" })[];
}

/**
 * Compares a fitted model with a smaller one on the same data and options (weights), as lme4's
 * `anova()`: both refitted by ML, ordered by number of parameters, χ² = 2 ΔlogLik on Δnpar df.
 *
 * @example
 * const fit = fitLmm("Reaction ~ Days + (Days | Subject)", sleepstudy);
 * compareModels(fit, "Reaction ~ 1 + (Days | Subject)").rows[1]; // { chisq: 23.54, df: 1, p: 1.2e-6, ... }
 */
export function compareModels(fit: LmmFit, smaller: string, data: DataFrame = fit.data): ModelComparison {
  const m0 = fitLmm(smaller, data, { ...fit.options, reml: fit.reml, satterthwaite: false });
  if (m0.nobs !== fit.nobs || m0.frame.rows.some((r, i) => r !== fit.frame.rows[i])) {
    throw new InputError(
      `--compare: the models were fitted to different rows (${m0.nobs} for "${smaller}", ${fit.nobs} for "${fit.formula}"): a variable of one model has missing values; drop those rows from the data first (lme4's anova refuses this too)`,
    );
  }
  const rows = likelihoodRatioTest(m0, fit);
  const byFormula = (f: string) => (f === fit.formula && f !== smaller ? "m1" : "m0");
  // With equal formulas (or equal npar) keep m0 first, as the rows come back ordered by npar.
  return {
    refitML: fit.reml,
    rows: rows.map((r, i) => ({
      model: smaller === fit.formula ? (i === 0 ? "m0" : "m1") : byFormula(r.formula),
      ...r,
    })),
  };
}
