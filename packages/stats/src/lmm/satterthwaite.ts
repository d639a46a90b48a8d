import { pTwoSidedT } from "../dist/index.ts";
import { symmetricEigen } from "../linalg/dense.ts";
import type { PlsModel } from "./pls.ts";
import { hessian, jacobian } from "./richardson.ts";

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
 * estimates, by Richardson-extrapolated differences as lmerTest does (STATS.md §1.7). Leaves the model
 * factored at θ̂ again.
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
  const varpar = new Float64Array(m);
  varpar.set(theta);
  varpar[k] = sigma;
  const n = model.n;
  const p = model.p;
  const devVp = (vp: Float64Array): number => {
    const s2 = (vp[k] as number) ** 2;
    if (!model.factor(vp.subarray(0, k))) return Infinity;
    const dev = model.ldL2 + model.pwrss / s2 + n * Math.log(2 * Math.PI * s2);
    return reml ? dev + model.ldRX2 - p * Math.log(2 * Math.PI * s2) : dev;
  };
  const covBeta = (vp: Float64Array): Float64Array => {
    const s2 = (vp[k] as number) ** 2;
    if (!model.factor(vp.subarray(0, k))) return new Float64Array(p * p).fill(Number.NaN);
    const c = model.rxInverse();
    for (let i = 0; i < c.length; i++) c[i] = (c[i] as number) * s2;
    return c;
  };
  const H = hessian(devVp, varpar);
  const jac = jacobian(covBeta, varpar);
  model.factor(theta);

  const { values, vectors } = symmetricEigen(H, m);
  const tol = 1e-8;
  const warnings: string[] = [];
  if (values.some((v) => v < -tol))
    warnings.push(
      "Satterthwaite: the deviance Hessian has negative eigenvalues (the fit may not have converged)",
    );
  if (values.some((v) => Math.abs(v) <= tol))
    warnings.push("Satterthwaite: the deviance Hessian is singular; df use its generalized inverse");
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
