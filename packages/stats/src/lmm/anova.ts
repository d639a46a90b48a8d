import { pUpperChisq } from "../distributions/index.ts";
import type { LmmFit } from "./fit.ts";

/** One row of a likelihood-ratio comparison (lme4's `anova(m1, m2)`). */
export interface LrtRow {
  readonly formula: string;
  readonly npar: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly logLik: number;
  readonly deviance: number;
  /** χ² against the previous (smaller) model; null on the first row. */
  readonly chisq: number | null;
  readonly df: number | null;
  readonly p: number | null;
}

/**
 * Likelihood-ratio test between nested models as lme4's `anova()` does: REML fits are refitted by
 * maximum likelihood, models are ordered by number of parameters, χ² = 2·max(0, ΔlogLik) with
 * df = Δnpar. (For a variance tested at its boundary the χ² reference is conservative.)
 *
 * @example
 * likelihoodRatioTest(fitLmm("y ~ x + (1 | g)", d), fitLmm("y ~ x + (x | g)", d));
 */
export function likelihoodRatioTest(...fits: LmmFit[]): LrtRow[] {
  if (fits.length < 2) throw new RangeError("a likelihood-ratio test needs at least two models");
  const n = fits[0]?.nobs;
  const ml = fits.map((f) => (f.reml ? f.refit({ reml: false, satterthwaite: false }) : f));
  for (const f of ml) {
    if (f.nobs !== n) {
      throw new RangeError(
        `models were fitted to different numbers of rows (${n} and ${f.nobs}); compare them on the same rows`,
      );
    }
  }
  return lrtTable(
    ml.map((f) => ({
      formula: f.formula,
      npar: f.beta.length + f.theta.length + 1,
      logLik: f.logLik,
      nobs: f.nobs,
    })),
  );
}

/** What {@link lrtTable} needs of a fitted model (linear or generalized). */
export interface LrtModel {
  readonly formula: string;
  /** Number of estimated parameters (β, θ and σ for a linear model). */
  readonly npar: number;
  readonly logLik: number;
  readonly nobs: number;
}

/**
 * lme4's anova() table for maximum-likelihood fits of the same rows: ordered by npar, χ² =
 * 2·max(0, ΔlogLik) on Δnpar df against the previous row.
 *
 * @example
 * lrtTable([{ formula: "y ~ 1 + (1|g)", npar: 2, logLik: -100, nobs: 50 }, { formula: "y ~ x + (1|g)", npar: 3, logLik: -97, nobs: 50 }])[1].chisq; // 6
 */
export function lrtTable(models: readonly LrtModel[]): LrtRow[] {
  const rows = [...models].sort((a, b) => a.npar - b.npar);
  return rows.map((f, i) => {
    const deviance = -2 * f.logLik;
    const base = {
      formula: f.formula,
      npar: f.npar,
      AIC: deviance + 2 * f.npar,
      BIC: deviance + f.npar * Math.log(f.nobs),
      logLik: f.logLik,
      deviance,
    };
    if (i === 0) return { ...base, chisq: null, df: null, p: null };
    const prev = rows[i - 1] as LrtModel;
    const chisq = 2 * Math.max(0, f.logLik - prev.logLik);
    const df = f.npar - prev.npar;
    return { ...base, chisq, df, p: df > 0 ? pUpperChisq(chisq, df) : null };
  });
}
