import { pTwoSidedT } from "../distributions/index.ts";
import { symmetricEigen } from "../linalg/dense.ts";
import type { PlsModel } from "./pls.ts";
import { genD } from "./richardson.ts";

/** What Satterthwaite's approximation needs, computed once per fit (lmerTest's `as_lmerModLT`). */
export interface SatterthwaiteBasis {
  /** Asymptotic covariance of the variance parameters φ = (θ, σ): 2 H⁺ (m×m). */
  readonly vcovVarpar: Float64Array;
  /** ∂Var(β̂)/∂φ_m, one p×p matrix per variance parameter. */
  readonly jac: readonly Float64Array[];
  readonly m: number;
  /** Eigenvalues of the deviance Hessian that were negative or near zero (non-convergence hints). */
  readonly warnings: readonly string[];
}

/** Result of a single-df test of a linear combination of fixed effects. */
export interface ContrastTest {
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly t: number;
  readonly p: number;
}

/**
 * Derivatives of the unprofiled deviance D(θ, σ) (Hessian) and of Var(β̂)(θ, σ) (Jacobian) at the
 * estimates, as lmerTest needs them (docs/engine.md, "Satterthwaite degrees of freedom"). D = ld(θ) + pwrss(θ)/σ² + ν log(2πσ²) with
 * ld = ldL2 (+ ldRX2 for REML) and ν = n (ML) or n − p (REML), so every σ derivative is analytic and
 * only θ is differenced: one Richardson scheme (numDeriv::genD, d = 0.1) on the vector
 * (ld, pwrss, (R_X'R_X)⁻¹) gives the θ Hessian and the Jacobian at once. Leaves the model factored at θ̂.
 *
 * @example
 * const basis = satterthwaiteBasis(model, theta, sigma, true);
 */
export function satterthwaiteBasis(
  model: PlsModel,
  theta: Float64Array,
  sigma: number,
  reml: boolean,
): SatterthwaiteBasis {
  const k = theta.length;
  const m = k + 1;
  const p = model.p;
  const nu = reml ? model.n - p : model.n;
  const pieces = (th: Float64Array): Float64Array => {
    const out = new Float64Array(2 + p * p).fill(Number.NaN);
    if (!model.factor(th)) return out;
    out[0] = model.ldL2 + (reml ? model.ldRX2 : 0);
    out[1] = model.pwrss;
    out.set(model.rxInverse(), 2);
    return out;
  };
  // Two Richardson levels (numDeriv uses four): on every golden case df agree with lmerTest to 9e-4
  // relative either way, the difference being the optimizer's, and it halves the cost.
  const d = genD(pieces, Float64Array.from(theta), 0.1, 1e-4, 2);
  model.factor(theta);
  const s2 = sigma * sigma;
  const pwrss = d.f0[1] as number;
  const H = new Float64Array(m * m);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const hij = d.hessian[i * k + j] as Float64Array;
      H[i * m + j] = (hij[0] as number) + (hij[1] as number) / s2;
    }
    const gPw = (d.gradient[i] as Float64Array)[1] as number;
    H[i * m + k] = (-2 * gPw) / (s2 * sigma);
    H[k * m + i] = H[i * m + k] as number;
  }
  H[k * m + k] = (6 * pwrss) / (s2 * s2) - (2 * nu) / s2;
  const jac: Float64Array[] = [];
  for (let i = 0; i < k; i++)
    jac.push(Float64Array.from((d.gradient[i] as Float64Array).subarray(2), (v) => v * s2));
  jac.push(Float64Array.from(d.f0.subarray(2), (v) => 2 * sigma * v));

  // lmerTest: A = 2 H⁺ over eigenvalues > 1e-8, with warnings for negative or near-zero ones.
  const { values, vectors } = symmetricEigen(H, m);
  const tol = 1e-8;
  const warnings: string[] = [];
  if (values.some((v) => v < -tol)) {
    warnings.push(
      "Satterthwaite: the deviance Hessian has negative eigenvalues (the fit may not have converged)",
    );
  }
  if (values.some((v) => Math.abs(v) <= tol)) {
    warnings.push("Satterthwaite: the deviance Hessian is singular; df use its generalized inverse");
  }
  const A = new Float64Array(m * m);
  for (let e = 0; e < m; e++) {
    const ev = values[e] as number;
    if (!(ev > tol)) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        A[i * m + j] =
          (A[i * m + j] as number) +
          (2 * (vectors[i * m + e] as number) * (vectors[j * m + e] as number)) / ev;
      }
    }
  }
  return { vcovVarpar: A, jac, m, warnings };
}

/**
 * Satterthwaite t test of L'β (lmerTest `contest1D`): df = 2 (L'CL)² / (g'Ag), g_m = L'(∂C/∂φ_m)L.
 *
 * @example
 * contrastTest(basis, beta, vcov, Float64Array.of(0, 1)); // the slope's t test
 */
export function contrastTest(
  basis: SatterthwaiteBasis,
  beta: Float64Array,
  vcov: Float64Array,
  L: ArrayLike<number>,
): ContrastTest {
  const p = beta.length;
  if (L.length !== p)
    throw new RangeError(`contrast has ${L.length} coefficients, the model has ${p} fixed effects`);
  const quad = (c: Float64Array) => {
    let s = 0;
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) s += (L[i] as number) * (c[i * p + j] as number) * (L[j] as number);
    return s;
  };
  let estimate = 0;
  for (let i = 0; i < p; i++) estimate += (L[i] as number) * (beta[i] as number);
  const v = quad(vcov);
  const g = basis.jac.map(quad);
  let gAg = 0;
  for (let i = 0; i < basis.m; i++)
    for (let j = 0; j < basis.m; j++)
      gAg += (g[i] as number) * (basis.vcovVarpar[i * basis.m + j] as number) * (g[j] as number);
  const df = (2 * v * v) / gAg;
  const se = Math.sqrt(v);
  const t = estimate / se;
  return { estimate, se, df, t, p: pTwoSidedT(t, df) };
}
