import { InputError } from "../errors.ts";
import type { DataFrame } from "../frame/dataFrame.ts";
import { lrtTable } from "../lmm/anova.ts";
import type { ModelComparison } from "../lmm/compare.ts";
import { fitGlmm, type GlmmFit } from "./fit.ts";

/**
 * Compares a fitted GLMM with a smaller one on the same data, family, link, nAGQ and weights, as
 * lme4's `anova(m0, m1)` for glmer fits (no refit: both are maximum-likelihood fits): χ² =
 * 2 ΔlogLik on Δnpar df (npar = fixed effects + θ), AIC, BIC.
 *
 * @example
 * const fit = fitGlmm("cbind(incidence, size - incidence) ~ period + (1 | herd)", cbpp, { family: "binomial" });
 * compareGlmms(fit, "cbind(incidence, size - incidence) ~ 1 + (1 | herd)").rows[1]; // { chisq: 14.4, df: 3, ... }
 */
export function compareGlmms(fit: GlmmFit, smaller: string, data: DataFrame = fit.data): ModelComparison {
  const m0 = fitGlmm(smaller, data, fit.options);
  if (m0.response !== fit.response) {
    throw new InputError(
      `--compare: the models have different responses ("${m0.response}" and "${fit.response}"); a likelihood-ratio test compares models of the same response`,
    );
  }
  if (m0.nobs !== fit.nobs || m0.frame.rows.some((r, i) => r !== fit.frame.rows[i])) {
    throw new InputError(
      `--compare: the models were fitted to different rows (${m0.nobs} for "${smaller}", ${fit.nobs} for "${fit.formula}"): a variable of one model has missing values; drop those rows from the data first (lme4's anova refuses this too)`,
    );
  }
  const npar = (f: GlmmFit) => f.beta.length + f.theta.length;
  const rows = lrtTable(
    [m0, fit].map((f) => ({ formula: f.formula, npar: npar(f), logLik: f.logLik, nobs: f.nobs })),
  );
  return {
    refitML: false,
    rows: rows.map((r, i) => ({
      model: smaller === fit.formula ? (i === 0 ? "m0" : "m1") : r.formula === fit.formula ? "m1" : "m0",
      ...r,
    })),
  };
}
