import { deparse } from "../formula/deparse.ts";
import { expandFormula } from "../formula/terms.ts";
import { parseFormula } from "../formula/parse.ts";
import { splitCbindResponse } from "../formula/cbind.ts";
import {
  effectSizesFrom,
  fixedAndRandomVariances,
  zeroVarianceReason,
  type IccResult,
  type R2Result,
} from "../lmm/effectSizes.ts";
import { fitGlmm, type GlmmFit } from "./fit.ts";

/** The variance components of a GLMM on the latent (link) scale, as insight 0.19's `get_variance`. */
export interface GlmmVarianceComponents {
  /** Variance of Xβ̂ over the rows used (denominator n − 1). */
  readonly fixed: number;
  /** Σ over grouping terms that are not observation-level of the mean z'Σz. */
  readonly random: number;
  /** distribution + dispersion. */
  readonly residual: number;
  /**
   * The distribution-specific variance: π²/3 (logit), 1 (probit), π²/6 (cloglog); Poisson (log):
   * log(1 + 1/μ) with μ = exp(intercept of the null model `y ~ 1 + random terms`).
   */
  readonly distribution: number;
  /** Variance of observation-level random effects (a grouping with one level per row), else 0. */
  readonly dispersion: number;
  /** Each non-observation-level grouping term's share of `random`, in lme4's term order. */
  readonly byTerm: readonly { readonly group: string; readonly variance: number }[];
  /** Every grouping term's variance, observation-level ones too (for the ICC per level, as performance lists them). */
  readonly allTerms: readonly { readonly group: string; readonly variance: number }[];
}

/**
 * Latent-scale variance components of a fitted GLMM, as `insight::get_variance` (0.19) computes them
 * for `performance::icc` and `performance::r2_nakagawa`: binomial logit/probit/cloglog use the
 * distribution variance of the link's latent residual; Poisson uses the lognormal approximation
 * log(1 + 1/μ), refitting the null model (the random terms only) for μ. Observation-level random
 * effects count as dispersion (residual), not as random variance.
 *
 * @example
 * glmmVarianceComponents(fitGlmm("y ~ arm + (1 | therapist)", d, { family: "binomial" })).distribution; // π²/3
 */
export function glmmVarianceComponents(fit: GlmmFit): GlmmVarianceComponents {
  const { fixed, byTerm: all } = fixedAndRandomVariances(fit.x, fit.beta, fit.terms, (j) =>
    fit.termCovariance(j),
  );
  const obsLevel = fit.terms.map((t) => t.levels.length === fit.nobs);
  const byTerm = all.filter((_, j) => !obsLevel[j]);
  const random = byTerm.reduce((s, t) => s + t.variance, 0);
  const dispersion = all.filter((_, j) => obsLevel[j]).reduce((s, t) => s + t.variance, 0);
  const distribution = distributionVariance(fit);
  return {
    fixed,
    random,
    residual: distribution + dispersion,
    distribution,
    dispersion,
    byTerm,
    allTerms: all,
  };
}

/**
 * ICC of a GLMM on the latent scale (adjusted, unadjusted, per grouping level for random-intercept
 * models), as `performance::icc`; null with the reason in `unavailable` on a singular fit (performance: NA).
 *
 * @example
 * glmmIcc(fitGlmm("dropout ~ arm + (1 | therapist)", patients, { family: "binomial" })).adjusted;
 */
export function glmmIcc(fit: GlmmFit): IccResult {
  return glmmEffectSizes(fit).icc;
}

/**
 * Marginal and conditional R² of a GLMM (Nakagawa, Johnson & Schielzeth 2017), as
 * `performance::r2_nakagawa`: fixed / total and (fixed + random) / total on the latent scale; on a
 * singular fit no conditional R² (null) and the marginal one without the random variance.
 *
 * @example
 * glmmR2(fit); // { marginal, conditional, components: { fixed, random, residual }, glmm, unavailable }
 */
export function glmmR2(fit: GlmmFit): R2Result & { readonly glmm: GlmmVarianceComponents } {
  const { r2 } = glmmEffectSizes(fit);
  return { ...r2, glmm: r2.components };
}

function glmmEffectSizes(fit: GlmmFit) {
  const c = glmmVarianceComponents(fit);
  const randomSlopes = fit.terms.some((t) => t.names.some((name) => name !== "(Intercept)"));
  return effectSizesFrom(c, randomSlopes, c.allTerms, zeroVarianceReason(fit.theta, fit.thetaLower));
}

function distributionVariance(fit: GlmmFit): number {
  switch (fit.family.link.name) {
    case "logit":
      return Math.PI ** 2 / 3;
    case "probit":
      return 1;
    case "cloglog":
      return Math.PI ** 2 / 6;
    case "log": {
      const mu = Math.exp(nullModelIntercept(fit));
      return Math.log1p(1 / mu);
    }
  }
}

/** The intercept of `response ~ 1 + <the random terms> [+ offsets]` fitted as the model was (insight's null model). */
function nullModelIntercept(fit: GlmmFit): number {
  const tilde = fit.formula.indexOf("~");
  const lhs = fit.formula.slice(0, tilde).trim();
  const expanded = expandFormula(parseFormula(splitCbindResponse(fit.formula).formula));
  const bars = expanded.random.map((r) => {
    const parts = [r.lhs.intercept ? "1" : "0", ...r.lhs.terms.map((t) => t.join(":"))];
    return `(${parts.join(" + ")} | ${r.group.label})`;
  });
  const offsets = expanded.offsets.map((e) => `offset(${deparse(e)})`);
  const formula = `${lhs} ~ ${["1", ...offsets, ...bars].join(" + ")}`;
  const m0 = fitGlmm(formula, fit.data, fit.options);
  return m0.beta[0] as number;
}
