import type { RandomTermDesign } from "../model/design.ts";
import type { Family } from "./family.ts";
import { gaussHermite, type GaussHermiteRule } from "./gaussHermite.ts";
import { WeightedPls } from "./weightedPls.ts";

/** PIRLS stops when no conditional mode or coefficient moves by more than this (far below lme4's 1e-7 on the deviance, so the deviance is smooth enough for finite-difference Hessians). */
const STEP_TOL = 1e-10;
const MAX_ITER = 100;
const MAX_HALVINGS = 20;

/**
 * The GLMM deviance of lme4's `glmer` as a function of the parameters, by penalized iteratively
 * reweighted least squares (PIRLS, lme4's `pwrssUpdate`) for the conditional modes:
 *
 * - {@link stage1}(θ): β and u jointly by PIRLS, deviance `ldL2 + ‖u‖² − 2 log p(y | μ)` (lme4's nAGQ = 0
 *   devfun, first optimisation stage);
 * - {@link stage2}(θ, β): u by PIRLS with Xβ as offset, the Laplace deviance as above or, with a
 *   Gauss–Hermite rule (one scalar random-effects term), lme4's `glmerAGQ` deviance
 *   `Σ_g (u_g² + Σ devres) + ldL2 − 2 Σ_g log Σ_k w_k exp(z_k²/2 − Δdev_gk/2)` — which, as in lme4,
 *   counts deviance residuals instead of −2 log p(y), so it drops the saturated log-likelihood.
 *
 * Each evaluation starts PIRLS from the modes of the previous one (lme4 restarts from a fixed η);
 * the optimum is the same and far fewer iterations are needed.
 */
export class GlmmDeviance {
  readonly n: number;
  readonly p: number;
  readonly q: number;
  readonly joint: WeightedPls;
  readonly uOnly: WeightedPls;
  readonly thetaLength: number;
  readonly lower: Float64Array;
  /** Σ of the data-only part of log p(y) (binomial coefficients, log y!). */
  readonly logLikConstant: number;
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  readonly u: Float64Array;
  readonly beta: Float64Array;
  private readonly w: Float64Array;
  private readonly z: Float64Array;
  private readonly uNew: Float64Array;
  private readonly uOld: Float64Array;
  private readonly b: Float64Array;
  private readonly eta0: Float64Array;
  private readonly rule: GaussHermiteRule | null;
  /** Number of PIRLS iterations run so far (for diagnostics). */
  iterations = 0;

  constructor(
    readonly family: Family,
    /** Response: 0/1, proportions of successes (binomial), or counts (Poisson). */
    readonly y: Float64Array,
    /** Prior weights: numbers of trials for a binomial cbind response, 1 otherwise. */
    readonly wt: Float64Array,
    readonly x: readonly Float64Array[],
    readonly terms: readonly RandomTermDesign[],
    nAGQ: number,
    /** The formula's offset() on the rows used (a known part of η), or null. */
    readonly offset: Float64Array | null = null,
    /** R's `m` of binomial()$aic (see GlmmResponse in response.ts); defaults to the weights. */
    readonly trials: Float64Array = wt,
  ) {
    const n = y.length;
    this.n = n;
    this.p = x.length;
    this.joint = new WeightedPls(x, terms, n);
    this.uOnly = new WeightedPls([], terms, n);
    this.q = this.joint.s.q;
    this.thetaLength = this.joint.thetaLength;
    this.lower = this.joint.lower;
    this.logLikConstant = family.logLikConstant(y, wt, trials);
    this.eta = new Float64Array(n);
    this.mu = new Float64Array(n);
    this.w = new Float64Array(n);
    this.z = new Float64Array(n);
    this.u = new Float64Array(this.q);
    this.uNew = new Float64Array(this.q);
    this.uOld = new Float64Array(this.q);
    this.b = new Float64Array(this.q);
    this.beta = new Float64Array(this.p);
    this.rule = nAGQ > 1 ? gaussHermite(nAGQ) : null;
    // R's mustart, as glmer initialises: the first PIRLS iteration starts from η = g(mustart).
    const link = family.link;
    for (let i = 0; i < n; i++) this.eta[i] = link.linkfun(family.muStart(y[i] as number, wt[i] as number));
    this.eta0 = Float64Array.from(this.eta);
  }

  /** First-stage deviance at θ (β and u by PIRLS). Infinity when PIRLS fails. */
  stage1(theta: ArrayLike<number>): number {
    if (!this.pirls(theta, true)) return Infinity;
    return this.laplace(this.joint);
  }

  /** Second-stage deviance at (θ, β) (u by PIRLS): Laplace, or AGQ when built with nAGQ > 1. */
  stage2(theta: ArrayLike<number>, beta: ArrayLike<number>): number {
    for (let r = 0; r < this.p; r++) this.beta[r] = beta[r] as number;
    if (!this.pirls(theta, false)) return Infinity;
    return this.rule ? this.agq(theta, this.rule) : this.laplace(this.uOnly);
  }

  /** −2 log p(y | μ) at the current μ. */
  minus2LogLik(): number {
    const { family, y, wt, mu, trials } = this;
    let s = 0;
    for (let i = 0; i < this.n; i++)
      s += family.logLikKernel(y[i] as number, mu[i] as number, wt[i] as number, trials[i] as number);
    return -2 * (s + this.logLikConstant);
  }

  private laplace(sys: WeightedPls): number {
    return sys.ldL2 + sumSq(this.u) + this.minus2LogLik();
  }

  /** Σ devres + ‖u‖² (lme4's penalized deviance that PIRLS minimises). */
  private penalizedDeviance(u: Float64Array): number {
    const { family, y, wt, mu } = this;
    let s = 0;
    for (let i = 0; i < this.n; i++) s += family.devResid(y[i] as number, mu[i] as number, wt[i] as number);
    return s + sumSq(u);
  }

  /** η = Xβ + ZΛu and μ = g⁻¹(η) for the given modes (Λ at the θ last given to the system). */
  private updateEta(sys: WeightedPls, u: Float64Array): void {
    const { n, eta, mu, x, b } = this;
    if (this.offset) eta.set(this.offset);
    else eta.fill(0);
    for (let r = 0; r < this.p; r++) {
      const br = this.beta[r] as number;
      const col = x[r] as Float64Array;
      for (let i = 0; i < n; i++) eta[i] = (eta[i] as number) + br * (col[i] as number);
    }
    sys.lambdaTimes(u, b);
    sys.addZb(b, eta);
    const link = this.family.link;
    for (let i = 0; i < n; i++) mu[i] = link.linkinv(eta[i] as number);
  }

  /** Working weights and working response (without the fixed part when β is an offset). */
  private working(withX: boolean): void {
    const { family, n, eta, mu, w, z, y, wt, x } = this;
    const link = family.link;
    for (let i = 0; i < n; i++) {
      const me = link.muEta(eta[i] as number);
      const m = mu[i] as number;
      w[i] = ((wt[i] as number) * me * me) / family.variance(m);
      z[i] = (eta[i] as number) + ((y[i] as number) - m) / me;
    }
    // PLS fits Xβ + Zb to the working response: the offset is not part of it (lme4's wrkResp).
    const off = this.offset;
    if (off) for (let i = 0; i < n; i++) z[i] = (z[i] as number) - (off[i] as number);
    if (!withX) {
      for (let r = 0; r < this.p; r++) {
        const br = this.beta[r] as number;
        const col = x[r] as Float64Array;
        for (let i = 0; i < n; i++) z[i] = (z[i] as number) - br * (col[i] as number);
      }
    }
  }

  /**
   * PIRLS at θ from the current modes: joint (u, β) or u only. Ends with the system factored at
   * the weights of the converged μ. Returns false if it fails (non-positive pivot, no convergence).
   */
  private pirls(theta: ArrayLike<number>, withBeta: boolean): boolean {
    const sys = withBeta ? this.joint : this.uOnly;
    sys.setTheta(theta);
    this.updateEta(sys, this.u);
    let pdev = this.penalizedDeviance(this.u);
    if (!Number.isFinite(pdev)) {
      // A warm start that went astray: restart from glmer's initial η.
      this.eta.set(this.eta0);
      const link = this.family.link;
      for (let i = 0; i < this.n; i++) this.mu[i] = link.linkinv(this.eta[i] as number);
      pdev = Infinity;
    }
    const betaOld = new Float64Array(this.p);
    for (let it = 0; it < MAX_ITER; it++) {
      this.iterations++;
      this.working(withBeta);
      sys.accumulate(this.w, this.z);
      if (!sys.factor(theta)) return false;
      this.uOld.set(this.u);
      betaOld.set(this.beta);
      if (withBeta) this.beta.set(sys.beta());
      sys.solveU(this.beta, this.uNew);
      this.updateEta(sys, this.uNew);
      let next = this.penalizedDeviance(this.uNew);
      // Near convergence the deviance changes only by rounding: halve only on a real increase, or the
      // halvings would freeze the modes short of the optimum.
      for (let h = 0; h < MAX_HALVINGS && !(next <= pdev + 1e-11 * Math.abs(pdev)); h++) {
        // Step halving towards the previous modes, as lme4's pwrssUpdate.
        for (let m = 0; m < this.q; m++)
          this.uNew[m] = 0.5 * ((this.uNew[m] as number) + (this.uOld[m] as number));
        if (withBeta)
          for (let r = 0; r < this.p; r++)
            this.beta[r] = 0.5 * ((this.beta[r] as number) + (betaOld[r] as number));
        this.updateEta(sys, this.uNew);
        next = this.penalizedDeviance(this.uNew);
      }
      if (!Number.isFinite(next)) return false;
      let step = 0;
      for (let m = 0; m < this.q; m++)
        step = Math.max(step, Math.abs((this.uNew[m] as number) - (this.uOld[m] as number)));
      for (let r = 0; r < this.p; r++)
        step = Math.max(
          step,
          Math.abs((this.beta[r] as number) - (betaOld[r] as number)) /
            (1 + Math.abs(this.beta[r] as number)),
        );
      // Rounding can stall the last digits of a step; an unchanged deviance then also ends it.
      const stalled = next === pdev && step < 1e-7;
      this.u.set(this.uNew);
      pdev = next;
      if (step < STEP_TOL || stalled) {
        // Factor once more at the converged weights, so ldL2 belongs to the final μ.
        this.working(withBeta);
        sys.accumulate(this.w, this.z);
        return sys.factor(theta);
      }
    }
    return false;
  }

  /** lme4's glmerAGQ deviance for one scalar random-effects term (after u-only PIRLS). */
  private agq(theta: ArrayLike<number>, rule: GaussHermiteRule): number {
    const { n, family, y, wt, eta, u, uOnly: sys } = this;
    const term = this.terms[0] as RandomTermDesign;
    const zc = term.columns[0] as Float64Array;
    const codes = term.codes;
    const th = theta[0] as number;
    const nl = term.levels.length;
    const devc0 = new Float64Array(nl);
    for (let g = 0; g < nl; g++) devc0[g] = (u[g] as number) ** 2;
    for (let i = 0; i < n; i++) {
      const g = codes[i] as number;
      devc0[g] =
        (devc0[g] as number) + family.devResid(y[i] as number, this.mu[i] as number, wt[i] as number);
    }
    const sd = new Float64Array(nl);
    for (let g = 0; g < nl; g++) sd[g] = 1 / sys.diagonal(g);
    const mult = new Float64Array(nl);
    const devc = new Float64Array(nl);
    const link = family.link;
    for (let k = 0; k < rule.z.length; k++) {
      const zk = rule.z[k] as number;
      const wk = rule.w[k] as number;
      if (zk === 0) {
        for (let g = 0; g < nl; g++) mult[g] = (mult[g] as number) + wk;
        continue;
      }
      for (let g = 0; g < nl; g++) devc[g] = ((u[g] as number) + zk * (sd[g] as number)) ** 2;
      for (let i = 0; i < n; i++) {
        const g = codes[i] as number;
        const m = link.linkinv((eta[i] as number) + (zc[i] as number) * th * zk * (sd[g] as number));
        devc[g] = (devc[g] as number) + family.devResid(y[i] as number, m, wt[i] as number);
      }
      for (let g = 0; g < nl; g++)
        mult[g] =
          (mult[g] as number) +
          wk * Math.exp(0.5 * zk * zk - 0.5 * ((devc[g] as number) - (devc0[g] as number)));
    }
    let dev = sys.ldL2;
    for (let g = 0; g < nl; g++) dev += (devc0[g] as number) - 2 * Math.log(mult[g] as number);
    return dev;
  }

  /** The linear predictor's random part b = Λu at the current modes (node-major, length q). */
  ranef(theta: ArrayLike<number>): Float64Array {
    const b = new Float64Array(this.q);
    this.uOnly.setTheta(theta);
    this.uOnly.lambdaTimes(this.u, b);
    return b;
  }

  /**
   * (R_X'R_X)⁻¹ at the current μ (lme4's `unsc()`; for σ = 1 this is the RX-based Var(β̂)).
   */
  rxInverse(theta: ArrayLike<number>): Float64Array {
    this.working(true);
    this.joint.accumulate(this.w, this.z);
    this.joint.factor(theta);
    return this.joint.rxInverse();
  }
}

function sumSq(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) ** 2;
  return s;
}
