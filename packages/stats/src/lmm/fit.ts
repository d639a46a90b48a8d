import { pTwoSidedZ, qNormal } from "../distributions/index.ts";
import { InputError } from "../errors.ts";
import { parseFormula } from "../formula/parse.ts";
import { expandFormula, type ExpandedFormula } from "../formula/terms.ts";
import type { DataFrame } from "../frame/dataFrame.ts";
import { dropAliased, modelColumns, randomTerms, type RandomTermDesign } from "../model/design.ts";
import { modelFrame, type ModelFrame } from "../model/frame.ts";
import { newDataDesign } from "../model/newData.ts";
import { optimizeTheta } from "./optimize.ts";
import { logWeightSum, priorWeights, weightedSystem } from "./weights.ts";
import { PlsModel } from "./pls.ts";
import {
  contrastTest,
  satterthwaiteBasis,
  type ContrastTest,
  type SatterthwaiteBasis,
} from "./satterthwaite.ts";
import type { FitSummary, FixedEffect, RandomEffects, VarCorrEntry } from "./types.ts";

/** Options of {@link LmmFit.predict}. */
export interface PredictOptions {
  /** "group" (default): fixed effects plus conditional modes; "population": fixed effects only. */
  readonly level?: "group" | "population";
  /** Coverage of a normal prediction interval for a new observation, e.g. 0.95. Default: none. */
  readonly interval?: number;
}

/** Predictions: means, prediction SDs, and the interval bounds when asked for. */
export interface Prediction {
  readonly fit: Float64Array;
  readonly sd: Float64Array;
  readonly lower?: Float64Array;
  readonly upper?: Float64Array;
}

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
    this.ranefCache ??= this.buildRanef(this.b);
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
   * Predictions for new data (default: the data fitted), at group level (fixed effects plus the
   * conditional modes of known levels; a level not seen gets none) or population level (fixed effects
   * only). With `interval`, also the prediction SD and a normal prediction interval for a new
   * observation: Var = x'Var(β̂)x + Σ z'Cz + σ², C the level's conditional covariance (group level, known
   * level) or the term's covariance Σ_b (population level or a new level); Cov(β̂, b̃) is ignored.
   *
   * @example
   * fit.predict(newdata, { level: "population", interval: 0.9 }); // { fit, sd, lower, upper }
   */
  predict(newdata: DataFrame = this.data, options: PredictOptions = {}): Prediction {
    const level = options.level ?? "group";
    const d = newDataDesign(this.expanded, this.frame, this.fixefNames, this.terms, newdata);
    const p = this.beta.length;
    const fit = new Float64Array(d.n);
    const sd = new Float64Array(d.n);
    const covs = this.terms.map((_, j) => this.termCovariance(j));
    const s2 = this.sigma * this.sigma;
    const xr = new Float64Array(p);
    for (let i = 0; i < d.n; i++) {
      if (!d.complete[i]) {
        fit[i] = Number.NaN;
        sd[i] = Number.NaN;
        continue;
      }
      let mean = d.offset ? (d.offset[i] as number) : 0;
      for (let r = 0; r < p; r++) {
        xr[r] = (d.x[r] as Float64Array)[i] as number;
        mean += (xr[r] as number) * (this.beta[r] as number);
      }
      let v = s2;
      for (let r = 0; r < p; r++)
        for (let c = 0; c < p; c++)
          v += (xr[r] as number) * (this.vcov[r * p + c] as number) * (xr[c] as number);
      d.terms.forEach((t, j) => {
        const re = this.ranef[j] as RandomEffects;
        const k = re.terms.length;
        const code = t.codes[i] as number;
        const useMode = level === "group" && code >= 0;
        const cov = useMode
          ? re.condCov.subarray(code * k * k, (code + 1) * k * k)
          : (covs[j] as Float64Array);
        for (let e = 0; e < k; e++) {
          const ze = (t.columns[e] as Float64Array)[i] as number;
          if (useMode) mean += ze * (re.modes[code * k + e] as number);
          for (let f = 0; f < k; f++)
            v += ze * (cov[e * k + f] as number) * ((t.columns[f] as Float64Array)[i] as number);
        }
      });
      fit[i] = mean;
      sd[i] = Math.sqrt(v);
    }
    if (options.interval === undefined) return { fit, sd };
    if (!(options.interval > 0 && options.interval < 1)) {
      throw new InputError(`interval must be a probability between 0 and 1, got ${options.interval}`);
    }
    const z = qNormal(0.5 + options.interval / 2);
    return {
      fit,
      sd,
      lower: fit.map((m, i) => m - z * (sd[i] as number)),
      upper: fit.map((m, i) => m + z * (sd[i] as number)),
    };
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

  private buildRanef(b: Float64Array): RandomEffects[] {
    const { model } = this;
    model.factor(this.theta);
    const inv = model.inverseDiagonalBlocks();
    const s = model.s;
    const s2 = this.sigma * this.sigma;
    let invOff = 0;
    return this.terms.map((term, j) => {
      const k = term.names.length;
      const nl = term.levels.length;
      const modes = new Float64Array(nl * k);
      const condSd = new Float64Array(nl * k);
      const condCov = new Float64Array(nl * k * k);
      const t = model.t[j] as Float64Array;
      for (let l = 0; l < nl; l++) {
        const node = (s.termStart[j] as number) + l;
        const o = s.nodeIndex[node] as number;
        for (let e = 0; e < k; e++) modes[l * k + e] = b[o + e] as number;
        // lme4's condVar: σ² T [A⁻¹]_bb T' (conditional on β̂ and θ̂).
        for (let e = 0; e < k; e++) {
          for (let f = 0; f < k; f++) {
            let v = 0;
            for (let a = 0; a < k; a++) {
              for (let c = 0; c < k; c++) {
                v +=
                  (t[e * k + a] as number) * (inv[invOff + a * k + c] as number) * (t[f * k + c] as number);
              }
            }
            condCov[l * k * k + e * k + f] = v * s2;
          }
          condSd[l * k + e] = Math.sqrt(Math.max(condCov[l * k * k + e * k + e] as number, 0));
        }
        invOff += k * k;
      }
      return { group: term.group, terms: term.names, levels: term.levels, modes, condSd, condCov };
    });
  }

  private computeFitted(b: Float64Array): Float64Array {
    const n = this.nobs;
    const fitted = this.frame.offset ? Float64Array.from(this.frame.offset) : new Float64Array(n);
    this.x.forEach((col, r) => {
      const br = this.beta[r] as number;
      for (let i = 0; i < n; i++) fitted[i] = (fitted[i] as number) + br * (col[i] as number);
    });
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
