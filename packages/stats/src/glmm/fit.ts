import { pTwoSidedZ } from "../distributions/index.ts";
import { InputError } from "../errors.ts";
import { parseFormula } from "../formula/parse.ts";
import { expandFormula } from "../formula/terms.ts";
import type { DataFrame } from "../frame/dataFrame.ts";
import { symmetricEigen } from "../linalg/dense.ts";
import { dropAliased, modelColumns, randomTerms, type RandomTermDesign } from "../model/design.ts";
import { modelFrame, type ModelFrame } from "../model/frame.ts";
import { convergenceWarnings, deriv12, inverse } from "./derivatives.ts";
import { GlmmDeviance } from "./deviance.ts";
import { family as makeFamily, type Family, type FamilyName, type LinkName } from "./family.ts";
import { optimizeGlmm } from "./optimize.ts";
import { splitCbindResponse } from "../formula/cbind.ts";
import { binomialOrCounts } from "./response.ts";
import { priorWeights } from "../lmm/weights.ts";
import type { GlmmFitSummary, GlmmFixedEffect, GlmmVarCorrEntry } from "./types.ts";

/** Options of {@link fitGlmm}. */
export interface GlmmOptions {
  readonly family: FamilyName;
  /** Default: logit for binomial, log for Poisson. */
  readonly link?: LinkName;
  /**
   * Quadrature points: 1 (default) = Laplace; more = adaptive Gauss–Hermite (one scalar random
   * effect); 0 = lme4's nAGQ = 0 (θ optimised alone, β from PIRLS: faster, slightly less exact).
   */
  readonly nAGQ?: number;
  /** Prior weights (glmer's `weights =`): a numeric column's name or one number per input row. */
  readonly weights?: string | ArrayLike<number>;
  /** Hears of every deviance evaluation (count, lowest deviance so far): a progress line for long fits. */
  readonly onEvaluation?: (evaluations: number, criterion: number) => void;
}

/** Label of the failures column of a cbind() response inside the model frame (not a data column name). */
const FAILURES = "\u0000cbind-failures";

/**
 * Fits a generalized linear mixed model as lme4's `glmer`: binomial (logit, probit, cloglog; 0/1 or
 * `cbind(successes, failures)`) or Poisson (log), Laplace approximation or adaptive Gauss–Hermite
 * quadrature (`nAGQ` > 1, one scalar random-effects term), PIRLS for the conditional modes and
 * lme4's two-stage optimisation; Wald z tests with lme4's standard errors.
 *
 * @example
 * const fit = fitGlmm("cbind(incidence, size - incidence) ~ period + (1 | herd)", cbpp, { family: "binomial" });
 * fit.summary().logLik; // -92.03 as glmer
 */
export function fitGlmm(formula: string, data: DataFrame, options: GlmmOptions): GlmmFit {
  let fam: Family;
  try {
    fam = makeFamily(options.family, options.link);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const nAGQ = options.nAGQ ?? 1;
  if (!Number.isInteger(nAGQ) || nAGQ < 0 || nAGQ > 100) {
    throw new InputError(
      `nAGQ must be a whole number from 0 (θ only, as lme4's nAGQ = 0), 1 (Laplace) to 100, got ${nAGQ}`,
    );
  }
  const split = splitCbindResponse(formula);
  if (split.failures && fam.name !== "binomial") {
    throw new InputError(`a cbind(successes, failures) response needs the binomial family, not ${fam.name}`);
  }
  const parsed = expandFormula(parseFormula(split.formula));
  if (parsed.random.length === 0) {
    throw new InputError(`formula "${formula}" has no random-effects terms; add one such as (1 | group)`);
  }
  const expanded = split.failures
    ? { ...parsed, text: formula, variables: new Map([...parsed.variables, [FAILURES, split.failures]]) }
    : parsed;
  const frame = modelFrame(expanded, data, priorWeights(options.weights, data));
  const label = split.label ?? parsed.response.label;
  let failures: Float64Array | null = null;
  if (split.failures) {
    const v = frame.variables.get(FAILURES);
    if (!v || v.type !== "numeric") throw new InputError(`${label}: the failures must be numeric counts`);
    failures = v.values;
  }
  const { y, wt, trials } = binomialOrCounts(fam.name, frame.y, failures, frame.rows, label, frame.weights);
  if (y.every((v) => v === y[0])) {
    throw new InputError(
      `response "${label}" is constant (${y[0]} in every row used); there is nothing to model`,
    );
  }
  const { kept, dropped } = dropAliased(modelColumns(expanded.fixed, frame));
  const warnings: string[] = [];
  if (dropped.length > 0) {
    warnings.push(
      `fixed-effect model matrix is rank deficient so dropping ${dropped.length} column${dropped.length > 1 ? "s" : ""} / coefficient${dropped.length > 1 ? "s" : ""}: ${dropped.join(", ")}`,
    );
  }
  const terms = randomTerms(expanded, frame, { allowOneLevelPerRow: true });
  if (nAGQ > 1 && (terms.length !== 1 || (terms[0] as RandomTermDesign).names.length !== 1)) {
    throw new InputError(
      "nAGQ > 1 is only available for models with a single, scalar random-effects term (as in lme4); use the Laplace approximation (nAGQ = 1)",
    );
  }
  const model = new GlmmDeviance(fam, y, wt, kept.columns, terms, nAGQ, frame.offset, trials);
  // The kept options serve refits (comparisons, null models), which report no progress of their own.
  const { onEvaluation, ...rest } = options;
  const opts = { ...rest, link: fam.link.name, nAGQ };
  return new GlmmFit(
    formula,
    label,
    fam,
    nAGQ,
    frame,
    kept.names,
    terms,
    model,
    warnings,
    data,
    opts,
    onEvaluation,
  );
}

/** A fitted generalized linear mixed model. */
export class GlmmFit {
  readonly method: "Laplace" | "AGQ";
  /** Fixed-effect columns on the rows used (after dropping aliased ones). */
  readonly x: readonly Float64Array[];
  readonly nobs: number;
  readonly theta: Float64Array;
  /** Lower bound of each θ (0 for a diagonal element of Λ, else −∞). */
  readonly thetaLower: Float64Array;
  readonly beta: Float64Array;
  /** Var(β̂), p×p row-major (lme4's vcov: finite-difference Hessian, else RX). */
  readonly vcov: Float64Array;
  readonly vcovSource: "hessian" | "RX";
  readonly deviance: number;
  readonly logLik: number;
  readonly singular: boolean;
  readonly fixef: readonly GlmmFixedEffect[];
  /** Conditional modes b = Λu (node-major: per term, level after level, k effects each). */
  readonly modes: Float64Array;
  /** Fitted means μ on the rows used. */
  readonly fitted: Float64Array;

  constructor(
    readonly formula: string,
    /** The response as R prints it, e.g. `cbind(incidence, size - incidence)`. */
    readonly response: string,
    readonly family: Family,
    readonly nAGQ: number,
    readonly frame: ModelFrame,
    readonly fixefNames: readonly string[],
    readonly terms: readonly RandomTermDesign[],
    model: GlmmDeviance,
    readonly warnings: string[],
    /** The data and options it was fitted with (for comparisons and null models on the same rows). */
    readonly data: DataFrame,
    readonly options: GlmmOptions,
    onEvaluation?: GlmmOptions["onEvaluation"],
  ) {
    this.x = model.x;
    this.method = nAGQ > 1 ? "AGQ" : "Laplace";
    this.nobs = model.n;
    const opt = optimizeGlmm(model, { thetaOnly: nAGQ === 0, ...(onEvaluation ? { onEvaluation } : {}) });
    warnings.push(...opt.warnings);
    const m = opt.theta.length;
    const p = opt.beta.length;
    const f = (v: Float64Array) => model.stage2(v.subarray(0, m), v.subarray(m));
    const par = new Float64Array(m + p);
    par.set(opt.theta);
    par.set(opt.beta, m);
    this.theta = opt.theta;
    this.thetaLower = model.lower;
    this.beta = opt.beta;
    this.singular = Array.from(opt.theta).some((v, i) => model.lower[i] === 0 && v < 1e-4);
    // nAGQ = 0: the first stage's deviance at β from PIRLS; lme4 computes no Hessian then (vcov from RX).
    this.deviance = nAGQ === 0 ? model.stage1(opt.theta) : f(par);
    // lme4 1.1-31 always computes the finite-difference Hessian of the stage-2 deviance; vcov uses it.
    const d = nAGQ === 0 ? null : deriv12(f, par, this.deviance);
    if (d) this.deviance = f(par);
    this.logLik = -this.deviance / 2;
    this.modes = model.ranef(opt.theta);
    this.fitted = Float64Array.from(model.mu);
    const rx = model.rxInverse(opt.theta);
    const hinv = d ? inverse(d.hessian, m + p) : null;
    let vh: Float64Array | null = null;
    if (hinv) {
      vh = new Float64Array(p * p);
      for (let r = 0; r < p; r++)
        for (let c = 0; c < p; c++)
          vh[r * p + c] =
            (hinv[(m + r) * (m + p) + m + c] as number) + (hinv[(m + c) * (m + p) + m + r] as number);
      if (p > 0 && !(Math.min(...symmetricEigen(vh, p).values) > 0)) vh = null;
    }
    if (vh) {
      this.vcov = vh;
      this.vcovSource = "hessian";
    } else if (!d) {
      this.vcov = rx;
      this.vcovSource = "RX";
    } else {
      this.vcov = rx;
      this.vcovSource = "RX";
      warnings.push(
        "variance-covariance matrix computed from finite-difference Hessian is not positive definite or contains NA values: falling back to var-cov estimated from RX",
      );
    }
    if (this.singular) warnings.push("boundary (singular) fit: see help('isSingular')");
    else if (d) for (const w of convergenceWarnings(d, m)) if (!warnings.includes(w)) warnings.push(w);
    this.fixef = fixefNames.map((term, i) => {
      const estimate = this.beta[i] as number;
      const se = Math.sqrt(this.vcov[i * p + i] as number);
      const z = estimate / se;
      return { term, estimate, se, z, p: pTwoSidedZ(z) };
    });
  }

  /** Covariance matrix Σ_j = Λ_jΛ_j' of random-effects term j (k×k row-major, no σ² in a GLMM). */
  termCovariance(j: number): Float64Array {
    let idx = 0;
    for (let t = 0; t < j; t++) {
      const k = (this.terms[t] as RandomTermDesign).names.length;
      idx += (k * (k + 1)) / 2;
    }
    const k = (this.terms[j] as RandomTermDesign).names.length;
    const t = new Float64Array(k * k);
    for (let c = 0; c < k; c++) for (let r = c; r < k; r++) t[r * k + c] = this.theta[idx++] as number;
    const cov = new Float64Array(k * k);
    for (let r = 0; r < k; r++)
      for (let c = 0; c < k; c++) {
        let v = 0;
        for (let s = 0; s < k; s++) v += (t[r * k + s] as number) * (t[c * k + s] as number);
        cov[r * k + c] = v;
      }
    return cov;
  }

  /** Random-effect SDs and correlations in lme4's order (as.data.frame(VarCorr)); no residual. */
  varcorr(): GlmmVarCorrEntry[] {
    const out: GlmmVarCorrEntry[] = [];
    const seen = new Map<string, number>();
    this.terms.forEach((term, j) => {
      const k = term.names.length;
      const cov = this.termCovariance(j);
      const count = seen.get(term.group) ?? 0;
      seen.set(term.group, count + 1);
      const group = count === 0 ? term.group : `${term.group}.${count}`;
      for (let r = 0; r < k; r++)
        out.push({ group, term: term.names[r] as string, sd: Math.sqrt(cov[r * k + r] as number) });
      for (let c = 0; c < k; c++)
        for (let r = c + 1; r < k; r++) {
          const den = Math.sqrt((cov[r * k + r] as number) * (cov[c * k + c] as number));
          out.push({
            group,
            terms: [term.names[c] as string, term.names[r] as string],
            cor: den > 0 ? (cov[r * k + c] as number) / den : Number.NaN,
          });
        }
    });
    return out;
  }

  /** The JSON contract of `attune fit --family ... --json`. */
  summary(): GlmmFitSummary {
    const npar = this.beta.length + this.theta.length;
    const groups: Record<string, number> = {};
    for (const t of this.terms) groups[t.group] = t.levels.length;
    return {
      formula: this.formula,
      method: this.method,
      nAGQ: this.nAGQ,
      family: this.family.name,
      link: this.family.link.name,
      nobs: this.nobs,
      groups,
      fixef: this.fixef,
      varcorr: this.varcorr(),
      logLik: this.logLik,
      deviance: this.deviance,
      AIC: this.deviance + 2 * npar,
      BIC: this.deviance + npar * Math.log(this.nobs),
      theta: Array.from(this.theta),
      vcovSource: this.vcovSource,
      nDropped: this.frame.nDropped,
      singular: this.singular,
      warnings: this.warnings,
    };
  }
}
