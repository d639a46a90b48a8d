import { pTwoSidedZ } from "../distributions/index.ts";
import { InputError } from "../errors.ts";
import { addScaled } from "../linalg/columns.ts";
import { parseFormula } from "../formula/parse.ts";
import { expandFormula, type ExpandedFormula } from "../formula/terms.ts";
import type { DataFrame } from "../frame/dataFrame.ts";
import { dropAliased, modelColumns, randomTerms, type RandomTermDesign } from "../model/design.ts";
import { modelFrame, type ModelFrame } from "../model/frame.ts";
import { optimizeTheta } from "./optimize.ts";
import { logWeightSum, priorWeights, weightedSystem } from "./weights.ts";
import { PlsModel } from "./pls.ts";
import { predictLmm, type Prediction, type PredictOptions } from "./predict.ts";
import { conditionalModes } from "./conditionalModes.ts";
import {
  contrastTest,
  satterthwaiteBasis,
  type ContrastTest,
  type SatterthwaiteBasis,
} from "./satterthwaite.ts";
export type { Prediction, PredictOptions } from "./predict.ts";
import type { FitSummary, FixedEffect, RandomEffects, VarCorrEntry } from "./types.ts";

/** Options of {@link fitLmm}. */
export interface FitOptions {
  /** REML (default true, as lme4) or maximum likelihood (false). */
  readonly reml?: boolean;
  /** Compute Satterthwaite df and p for the fixed effects (default true). */
  readonly satterthwaite?: boolean;
  /** Called after every deviance evaluation of the optimizer: count so far, lowest criterion so far. */
  readonly onEvaluation?: (evaluations: number, criterion: number) => void;
  /**
   * Prior weights as lmer's `weights =`: a numeric column's name or one positive number per row
   * (residual variance σ²/wᵢ). Rows with a missing weight are dropped.
   */
  readonly weights?: string | ArrayLike<number>;
}

/**
 * Fits a linear mixed model as lme4's `lmer` does (profiled REML/ML deviance, PLS, bounded optimizer),
 * with lmerTest's Satterthwaite df.
 *
 * @example
 * const fit = fitLmm("Reaction ~ Days + (Days | Subject)", sleepstudy);
 * fit.summary().deviance; // 1743.628 (REML criterion)
 */
export function fitLmm(formula: string, data: DataFrame, options: FitOptions = {}): LmmFit {
  const reml = options.reml ?? true;
  const expanded = expandFormula(parseFormula(formula));
  if (expanded.random.length === 0) {
    throw new InputError(`formula "${formula}" has no random-effects terms; add one such as (1 | group)`);
  }
  const w = priorWeights(options.weights, data);
  const frame = modelFrame(expanded, data, w);
  const all = modelColumns(expanded.fixed, frame);
  const { kept, dropped } = dropAliased(all);
  const warnings: string[] = [];
  if (dropped.length > 0) {
    warnings.push(
      `fixed-effect model matrix is rank deficient so dropping ${dropped.length} column${dropped.length > 1 ? "s" : ""} / coefficient${dropped.length > 1 ? "s" : ""}: ${dropped.join(", ")}`,
    );
  }
  const terms = randomTerms(expanded, frame);
  const pls = weightedSystem(kept.columns, frame, terms);
  const model = new PlsModel(pls.x, pls.y, pls.terms);
  const opt = optimizeTheta(model, reml, options.onEvaluation);
  warnings.push(...opt.warnings);
  return new LmmFit(
    data,
    formula,
    expanded,
    frame,
    kept.names,
    kept.columns,
    terms,
    model,
    opt.theta,
    reml,
    warnings,
    options.satterthwaite ?? true,
    options,
  );
}

/** A fitted linear mixed model. */
export class LmmFit {
  readonly method: "REML" | "ML";
  readonly nobs: number;
  readonly fixefNames: readonly string[];
  readonly beta: Float64Array;
  /** Var(β̂), p×p row-major. */
  readonly vcov: Float64Array;
  readonly sigma: number;
  readonly theta: Float64Array;
  /** Lower bound of each θ (0 for a diagonal element of Λ, the standard deviations' place; else −∞). */
  readonly thetaLower: Float64Array;
  readonly deviance: number;
  readonly logLik: number;
  readonly singular: boolean;
  readonly fixef: readonly FixedEffect[];
  readonly fitted: Float64Array;
  /** Random effects on the original scale (b = Λũ), node-major. */
  private readonly b: Float64Array;
  private ranefCache: readonly RandomEffects[] | null = null;
  readonly residuals: Float64Array;
  private readonly basis: SatterthwaiteBasis | null;

  constructor(
    /** The data the model was fitted to (kept for refits and prediction on the same rows). */
    readonly data: DataFrame,
    readonly formula: string,
    readonly expanded: ExpandedFormula,
    readonly frame: ModelFrame,
    fixefNames: string[],
    readonly x: readonly Float64Array[],
    readonly terms: readonly RandomTermDesign[],
    readonly model: PlsModel,
    theta: Float64Array,
    readonly reml: boolean,
    readonly warnings: string[],
    satterthwaite: boolean,
    /** The options of the fit (kept for refits). */
    readonly options: FitOptions = {},
  ) {
    this.method = reml ? "REML" : "ML";
    this.nobs = model.n;
    this.fixefNames = fixefNames;
    this.theta = theta;
    this.thetaLower = model.lower;
    // With prior weights the residual covariance is σ² W⁻¹: its log-determinant adds −Σ log wᵢ (lme4's ldW).
    this.deviance = model.deviance(theta, reml) - logWeightSum(frame.weights);
    this.logLik = -this.deviance / 2;
    const nu = reml ? model.n - model.p : model.n;
    this.sigma = Math.sqrt(model.pwrss / nu);
    this.beta = model.beta();
    const rxi = model.rxInverse();
    this.vcov = rxi.map((v) => v * this.sigma * this.sigma);
    this.singular = Array.from(theta).some((v, i) => model.lower[i] === 0 && Math.abs(v) < 1e-4);
    if (this.singular) warnings.push("boundary (singular) fit: see help('isSingular')");
    const u = model.uTilde(this.beta);
    const b = model.lambdaTimes(u);
    this.b = b;
    this.fitted = this.computeFitted(b);
    this.residuals = this.frame.y.map((v, i) => v - (this.fitted[i] as number));
    this.basis = satterthwaite ? satterthwaiteBasis(model, theta, this.sigma, reml) : null;
    if (this.basis) warnings.push(...this.basis.warnings);
    const p = this.beta.length;
    this.fixef = fixefNames.map((term, i) => {
      const L = new Float64Array(p);
      L[i] = 1;
      const c = this.contrast(L);
      return { term, estimate: c.estimate, se: c.se, df: c.df, t: c.t, p: c.p };
    });
  }

  /**
   * Conditional modes and conditional covariances of every random-effects term, computed on first
   * use: the conditional variances need the diagonal of (Λ'Z'ZΛ + I)⁻¹, which on a crossed model
   * costs more than a deviance evaluation, and `attune fit` never prints them.
   *
   * @example
   * fit.ranef[0]?.modes; // BLUPs of the first term, level-major
   */
  get ranef(): readonly RandomEffects[] {
    this.ranefCache ??= conditionalModes(this.model, this.terms, this.theta, this.sigma, this.b);
    return this.ranefCache;
  }

  /**
   * Satterthwaite t test of a linear combination L'β of the fixed effects (lmerTest `contest1D`).
   * Without Satterthwaite (option off) df is Infinity and p is normal.
   *
   * @example
   * fit.contrast([0, 1]); // { estimate, se, df, t, p } of the second coefficient
   */
  contrast(L: ArrayLike<number>): ContrastTest {
    const p = this.beta.length;
    if (this.basis) return contrastTest(this.basis, this.beta, this.vcov, L);
    let est = 0;
    let v = 0;
    for (let i = 0; i < p; i++) {
      est += (L[i] as number) * (this.beta[i] as number);
      for (let j = 0; j < p; j++) v += (L[i] as number) * (this.vcov[i * p + j] as number) * (L[j] as number);
    }
    const se = Math.sqrt(v);
    return { estimate: est, se, df: Infinity, t: est / se, p: pTwoSidedZ(est / se) };
  }

  /**
   * Predictions for new data (default: the data fitted), at group or population level, with the
   * prediction SD and a normal prediction interval when asked for (see {@link predictLmm}).
   *
   * @example
   * fit.predict(newdata, { level: "population", interval: 0.9 }); // { fit, sd, lower, upper }
   */
  predict(newdata: DataFrame = this.data, options: PredictOptions = {}): Prediction {
    return predictLmm(this, newdata, options);
  }

  /**
   * The same model fitted again with other options (e.g. by maximum likelihood for a likelihood-ratio test).
   *
   * @example
   * const ml = fit.refit({ reml: false });
   */
  refit(options: FitOptions): LmmFit {
    // A refit keeps the data options (weights) but reports progress only when asked again.
    const { onEvaluation: _progress, ...kept } = this.options;
    return fitLmm(this.formula, this.data, { ...kept, ...options });
  }

  /** Covariance of one term's random effects, σ² T T' (k×k row-major). */
  termCovariance(j: number): Float64Array {
    const k = this.model.k[j] as number;
    const t = this.model.t[j] as Float64Array;
    this.model.setTheta(this.theta);
    const out = new Float64Array(k * k);
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) {
        let v = 0;
        for (let m = 0; m < k; m++) v += (t[r * k + m] as number) * (t[c * k + m] as number);
        out[r * k + c] = v * this.sigma * this.sigma;
      }
    }
    return out;
  }

  /** The JSON contract: the fields of shared/golden/reference.json. */
  summary(): FitSummary {
    const npar = this.beta.length + this.theta.length + 1;
    const groups: Record<string, number> = {};
    for (const t of this.terms) groups[t.group] = t.levels.length;
    return {
      formula: this.formula,
      method: this.method,
      nobs: this.nobs,
      groups,
      fixef: this.fixef,
      varcorr: this.varcorr(),
      sigma: this.sigma,
      logLik: this.logLik,
      deviance: this.deviance,
      AIC: this.deviance + 2 * npar,
      BIC: this.deviance + npar * Math.log(this.nobs),
      theta: Array.from(this.theta),
      nDropped: this.frame.nDropped,
      singular: this.singular,
      warnings: this.warnings,
    };
  }

  /** Random-effect SDs and correlations in lme4's order (as.data.frame(VarCorr)), then the residual. */
  varcorr(): VarCorrEntry[] {
    const out: VarCorrEntry[] = [];
    const seen = new Map<string, number>();
    this.terms.forEach((term, j) => {
      const count = seen.get(term.group) ?? 0;
      seen.set(term.group, count + 1);
      const group = count === 0 ? term.group : `${term.group}.${count}`;
      const cov = this.termCovariance(j);
      const k = term.names.length;
      for (let r = 0; r < k; r++)
        out.push({ group, term: term.names[r] as string, sd: Math.sqrt(cov[r * k + r] as number) });
      for (let c = 0; c < k; c++) {
        for (let r = c + 1; r < k; r++) {
          const den = Math.sqrt((cov[r * k + r] as number) * (cov[c * k + c] as number));
          out.push({
            group,
            terms: [term.names[c] as string, term.names[r] as string],
            cor: den > 0 ? (cov[r * k + c] as number) / den : Number.NaN,
          });
        }
      }
    });
    out.push({ group: "Residual", term: null, sd: this.sigma });
    return out;
  }

  private computeFitted(b: Float64Array): Float64Array {
    const n = this.nobs;
    const fitted = this.frame.offset ? Float64Array.from(this.frame.offset) : new Float64Array(n);
    this.x.forEach((col, r) => addScaled(fitted, this.beta[r] as number, col, n));
    const s = this.model.s;
    this.terms.forEach((term, j) => {
      const k = term.names.length;
      for (let i = 0; i < n; i++) {
        const o = s.nodeIndex[(s.termStart[j] as number) + (term.codes[i] as number)] as number;
        let v = 0;
        for (let e = 0; e < k; e++)
          v += ((term.columns[e] as Float64Array)[i] as number) * (b[o + e] as number);
        fitted[i] = (fitted[i] as number) + v;
      }
    });
    return fitted;
  }
}
