import { addScaled, dot, meanAndSquares } from "../linalg/columns.ts";
import type { RandomTermDesign } from "../model/design.ts";
import type { LmmFit } from "./fit.ts";

/** The variance components behind the ICC and R² (insight::get_variance for a linear mixed model). */
export interface VarianceComponents {
  /** Variance of the fixed-effect predictions Xβ̂ over the rows used (denominator n − 1). */
  readonly fixed: number;
  /** Σ over random-effects terms of the mean over rows of z'Σz (Johnson 2014); σ²_g for an intercept. */
  readonly random: number;
  /** σ². */
  readonly residual: number;
  /** Each grouping term's share of `random`, in lme4's term order. */
  readonly byTerm: readonly { readonly group: string; readonly variance: number }[];
}

/** Intraclass correlations as `performance::icc` reports them. */
export interface IccResult {
  /** random / (random + residual); null when a variance component is zero (see `unavailable`). */
  readonly adjusted: number | null;
  /** random / (fixed + random + residual); null with `adjusted`. */
  readonly unadjusted: number | null;
  /**
   * Per grouping level, σ²_g / (random + residual), for random-intercept models only (as
   * `icc(by_group = TRUE)`); null when a term has random slopes, where no per-level ICC is defined.
   */
  readonly byGroup: readonly { readonly group: string; readonly icc: number }[] | null;
  /** True when some random-effects term has a slope (then `adjusted` uses Johnson's mean variance). */
  readonly randomSlopes: boolean;
  /** Why there is no ICC (a singular fit, as performance::icc returns NA), else null. */
  readonly unavailable: string | null;
}

/** Marginal and conditional R² of Nakagawa & Schielzeth (2013), as `performance::r2_nakagawa`. */
export interface R2Result {
  /**
   * fixed / (fixed + random + residual): variance explained by the fixed effects; on a singular fit
   * fixed / (fixed + residual), as performance::r2_nakagawa ("does not account for random effects").
   */
  readonly marginal: number;
  /** (fixed + random) / (fixed + random + residual); null on a singular fit (see `unavailable`). */
  readonly conditional: number | null;
  readonly components: VarianceComponents;
  /** Why the random variance is left out (a singular fit), else null. */
  readonly unavailable: string | null;
}

/** insight's tolerance for a variance parameter at zero (`.is_singular`, performance::icc's default). */
const ZERO_VARIANCE_TOLERANCE = 1e-5;

/**
 * Why performance::icc / r2_nakagawa give no random-effect variance for a fit, or null: as insight's
 * `.is_singular` for lme4 fits, some θ whose lower bound is 0 (a relative standard deviation) is
 * below 1e-5 in absolute value. This is stricter than lme4's singular warning (1e-4), so a fit can be
 * "singular" to lme4 and still have an ICC, exactly as in R.
 *
 * @example
 * zeroVarianceReason(fit.theta, fit.thetaLower); // "a variance component is zero (singular fit: …)"
 */
export function zeroVarianceReason(theta: ArrayLike<number>, lower: ArrayLike<number>): string | null {
  for (let i = 0; i < theta.length; i++) {
    if (lower[i] === 0 && Math.abs(theta[i] as number) < ZERO_VARIANCE_TOLERANCE)
      return "a variance component is zero (singular fit), so the random-effect variance is not defined; as performance::icc, no ICC and no conditional R² (respecify the random part)";
  }
  return null;
}

/**
 * The ICC and R² of performance from variance components: NA (null) ICC and conditional R² and the
 * marginal R² without the random variance when `unavailable` says why.
 *
 * @example
 * effectSizesFrom(c, randomSlopes, byTerm, null).icc.adjusted;
 */
export function effectSizesFrom<C extends VarianceComponents>(
  c: C,
  randomSlopes: boolean,
  levels: readonly { readonly group: string; readonly variance: number }[],
  unavailable: string | null,
): { icc: IccResult; r2: R2Result & { components: C } } {
  if (unavailable !== null) {
    return {
      icc: { adjusted: null, unadjusted: null, byGroup: null, randomSlopes, unavailable },
      r2: { marginal: c.fixed / (c.fixed + c.residual), conditional: null, components: c, unavailable },
    };
  }
  const denom = c.random + c.residual;
  const total = c.fixed + denom;
  return {
    icc: {
      adjusted: c.random / denom,
      unadjusted: c.random / total,
      byGroup: randomSlopes ? null : levels.map((t) => ({ group: t.group, icc: t.variance / denom })),
      randomSlopes,
      unavailable: null,
    },
    r2: { marginal: c.fixed / total, conditional: (c.fixed + c.random) / total, components: c, unavailable },
  };
}

/**
 * Variance components of a fitted LMM: fixed-part variance, mean random-effect variance per row
 * (Johnson's extension to random slopes: mean over rows of z'Σz, which is σ²_g for an intercept)
 * and the residual variance.
 *
 * @example
 * varianceComponents(fitLmm("Reaction ~ Days + (Days | Subject)", sleepstudy)).random; // 1698.08
 */
export function varianceComponents(fit: LmmFit): VarianceComponents {
  // icc() and r2Nakagawa() both ask for the components of the same fit: one pass over the rows.
  const cached = componentsCache.get(fit);
  if (cached) return cached;
  const { fixed, byTerm } = fixedAndRandomVariances(fit.x, fit.beta, fit.terms, (j) => fit.termCovariance(j));
  const random = byTerm.reduce((s, t) => s + t.variance, 0);
  const c = { fixed, random, residual: fit.sigma * fit.sigma, byTerm };
  componentsCache.set(fit, c);
  return c;
}

const componentsCache = new WeakMap<LmmFit, VarianceComponents>();

/**
 * The variance of the fixed-effect predictions Xβ̂ (denominator n − 1) and, per random-effects
 * term, the mean over rows of z'Σz (insight's `get_variance` for any mixed model).
 *
 * @example
 * fixedAndRandomVariances(fit.x, fit.beta, fit.terms, (j) => fit.termCovariance(j)).byTerm[0].variance;
 */
export function fixedAndRandomVariances(
  x: readonly Float64Array[],
  beta: Float64Array,
  terms: readonly RandomTermDesign[],
  covariance: (term: number) => Float64Array,
): { fixed: number; byTerm: { group: string; variance: number }[] } {
  const n = x[0]?.length ?? terms[0]?.codes.length ?? 0;
  const eta = new Float64Array(n);
  x.forEach((col, r) => addScaled(eta, beta[r] as number, col, n));
  const fixed = n > 1 ? meanAndSquares(eta, n).squares / (n - 1) : 0;
  const byTerm = terms.map((term, j) => {
    const cov = covariance(j);
    const k = term.names.length;
    // mean z'Σz = Σ_ac Σ_ac · mean(z_a z_c): the k(k+1)/2 cross-moments first, one column pair at a time.
    let sum = 0;
    for (let a = 0; a < k; a++) {
      const za = term.columns[a] as Float64Array;
      for (let c = 0; c <= a; c++) {
        const m = dot(za, term.columns[c] as Float64Array, n);
        sum += (a === c ? 1 : 2) * (cov[a * k + c] as number) * m;
      }
    }
    return { group: term.group, variance: sum / n };
  });
  return { fixed, byTerm };
}

/**
 * Adjusted and unadjusted ICC, and the ICC of each grouping level for random-intercept models, as
 * `performance::icc`. With random slopes the adjusted ICC uses the mean random-effect variance over
 * the rows used (so it depends on where the slope variables are centred) and no per-level ICC is given.
 *
 * @example
 * icc(fitLmm("strength ~ 1 + (1 | batch/cask)", pastes)).byGroup; // [{ group: "cask:batch", icc: 0.783 }, { group: "batch", icc: 0.154 }]
 */
export function icc(fit: LmmFit): IccResult {
  return lmmEffectSizes(fit).icc;
}

/**
 * Marginal and conditional R² (Nakagawa & Schielzeth 2013; Johnson 2014 for random slopes), as
 * `performance::r2_nakagawa` for a linear mixed model.
 *
 * @example
 * r2Nakagawa(fitLmm("Reaction ~ Days + (Days | Subject)", sleepstudy)); // { marginal: 0.279, conditional: 0.799, ... }
 */
export function r2Nakagawa(fit: LmmFit): R2Result {
  return lmmEffectSizes(fit).r2;
}

function lmmEffectSizes(fit: LmmFit) {
  const c = varianceComponents(fit);
  const randomSlopes = fit.terms.some((t) => t.names.some((name) => name !== "(Intercept)"));
  return effectSizesFrom(c, randomSlopes, c.byTerm, zeroVarianceReason(fit.theta, fit.thetaLower));
}
