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
  /** random / (random + residual). */
  readonly adjusted: number;
  /** random / (fixed + random + residual). */
  readonly unadjusted: number;
  /**
   * Per grouping level, σ²_g / (random + residual), for random-intercept models only (as
   * `icc(by_group = TRUE)`); null when a term has random slopes, where no per-level ICC is defined.
   */
  readonly byGroup: readonly { readonly group: string; readonly icc: number }[] | null;
  /** True when some random-effects term has a slope (then `adjusted` uses Johnson's mean variance). */
  readonly randomSlopes: boolean;
}

/** Marginal and conditional R² of Nakagawa & Schielzeth (2013), as `performance::r2_nakagawa`. */
export interface R2Result {
  /** fixed / (fixed + random + residual): variance explained by the fixed effects. */
  readonly marginal: number;
  /** (fixed + random) / (fixed + random + residual): by fixed and random effects together. */
  readonly conditional: number;
  readonly components: VarianceComponents;
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
  x.forEach((col, r) => {
    const b = beta[r] as number;
    for (let i = 0; i < n; i++) eta[i] = (eta[i] as number) + b * (col[i] as number);
  });
  let mean = 0;
  for (const v of eta) mean += v / n;
  let ss = 0;
  for (const v of eta) ss += (v - mean) ** 2;
  const fixed = n > 1 ? ss / (n - 1) : 0;
  const byTerm = terms.map((term, j) => {
    const cov = covariance(j);
    const k = term.names.length;
    // mean z'Σz = Σ_ac Σ_ac · mean(z_a z_c): the k(k+1)/2 cross-moments first, one column pair at a time.
    let sum = 0;
    for (let a = 0; a < k; a++) {
      const za = term.columns[a] as Float64Array;
      for (let c = 0; c <= a; c++) {
        const zc = term.columns[c] as Float64Array;
        let m = 0;
        for (let i = 0; i < n; i++) m += (za[i] as number) * (zc[i] as number);
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
  const c = varianceComponents(fit);
  const randomSlopes = fit.terms.some((t) => t.names.some((name) => name !== "(Intercept)"));
  const denom = c.random + c.residual;
  return {
    adjusted: c.random / denom,
    unadjusted: c.random / (c.fixed + denom),
    byGroup: randomSlopes ? null : c.byTerm.map((t) => ({ group: t.group, icc: t.variance / denom })),
    randomSlopes,
  };
}

/**
 * Marginal and conditional R² (Nakagawa & Schielzeth 2013; Johnson 2014 for random slopes), as
 * `performance::r2_nakagawa` for a linear mixed model.
 *
 * @example
 * r2Nakagawa(fitLmm("Reaction ~ Days + (Days | Subject)", sleepstudy)); // { marginal: 0.279, conditional: 0.799, ... }
 */
export function r2Nakagawa(fit: LmmFit): R2Result {
  const c = varianceComponents(fit);
  const total = c.fixed + c.random + c.residual;
  return { marginal: c.fixed / total, conditional: (c.fixed + c.random) / total, components: c };
}
