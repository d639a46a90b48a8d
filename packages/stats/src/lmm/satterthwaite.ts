import { pTwoSidedT } from "../distributions/index.ts";
import { symmetricEigen } from "../linalg/dense.ts";
import { gradientPays } from "./optimize.ts";
import type { PlsModel } from "./pls.ts";
import { DevianceGradient } from "./plsGradient.ts";
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
 * only θ is differenced: numDeriv::genD's Richardson scheme (d = 0.1) on the vector (ld, pwrss,
 * (R_X'R_X)⁻¹), or — where the optimizer uses the analytic gradient (large nested models) — central
 * differences of that gradient, which cost 2k + 1 gradients instead of 1 + 2k² factorizations. Both give
 * the θ Hessian and the Jacobian at once. Leaves the model factored at θ̂ (the gradient path
 * evaluates there last; the differences path refactors).
 *
 * @example
 * const basis = satterthwaiteBasis(model, theta, sigma, true);
 */
export function satterthwaiteBasis(
  model: PlsModel,
  theta: Float64Array,
  sigma: number,
  reml: boolean,
  /**
   * "gradient": difference the analytic gradient; "differences": numDeriv's scheme on the deviance;
   * "auto": the gradient where the optimizer uses it and no variance parameter is near its bound.
   */
  method: "auto" | "gradient" | "differences" = "auto",
): SatterthwaiteBasis {
  const k = theta.length;
  const m = k + 1;
  const p = model.p;
  const nu = reml ? model.n - p : model.n;
  // Near a bound the deviance is not smooth on numDeriv's scale, and lmerTest's df are those of its
  // steps (sleepstudy3: 3% apart): such fits keep the differences.
  const interior = Array.from(theta).every((v, i) => model.lower[i] !== 0 || Math.abs(v) >= 1e-2);
  const useGradient = method === "gradient" || (method === "auto" && interior && gradientPays(model));
  // The gradient path evaluates at θ̂ last and so leaves the model factored there already.
  const d = useGradient
    ? gradientDerivatives(model, theta, reml)
    : differencedDerivatives(model, theta, reml);
  if (!useGradient) model.factor(theta);
  const s2 = sigma * sigma;
  const H = new Float64Array(m * m);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++)
      H[i * m + j] = (d.hessLogDet[i * k + j] as number) + (d.hessPwrss[i * k + j] as number) / s2;
    H[i * m + k] = (-2 * (d.gradPwrss[i] as number)) / (s2 * sigma);
    H[k * m + i] = H[i * m + k] as number;
  }
  H[k * m + k] = (6 * d.pwrss) / (s2 * s2) - (2 * nu) / s2;
  const jac: Float64Array[] = [];
  for (let i = 0; i < k; i++) jac.push(Float64Array.from(d.jacRx[i] as Float64Array, (v) => v * s2));
  jac.push(Float64Array.from(d.rxInverse, (v) => 2 * sigma * v));

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

/** θ-derivatives at θ̂ of the pieces of the unprofiled deviance and of (R_X'R_X)⁻¹. */
interface PieceDerivatives {
  readonly pwrss: number;
  readonly rxInverse: Float64Array;
  /** ∂pwrss/∂θ_i. */
  readonly gradPwrss: Float64Array;
  /** ∂²(ldL2 [+ ldRX2])/∂θ_i∂θ_j and ∂²pwrss/∂θ_i∂θ_j (k×k). */
  readonly hessLogDet: Float64Array;
  readonly hessPwrss: Float64Array;
  /** ∂(R_X'R_X)⁻¹/∂θ_i (p×p each). */
  readonly jacRx: readonly Float64Array[];
}

/**
 * lmerTest's scheme: numDeriv's genD (two Richardson levels, d = 0.1) on (log-determinant, pwrss,
 * (R_X'R_X)⁻¹) — 1 + 4k + 2k(k − 1) factorizations (85 for k = 6).
 */
function differencedDerivatives(model: PlsModel, theta: Float64Array, reml: boolean): PieceDerivatives {
  const k = theta.length;
  const p = model.p;
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
  const hessLogDet = new Float64Array(k * k);
  const hessPwrss = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) {
    hessLogDet[i] = (d.hessian[i] as Float64Array)[0] as number;
    hessPwrss[i] = (d.hessian[i] as Float64Array)[1] as number;
  }
  return {
    pwrss: d.f0[1] as number,
    rxInverse: d.f0.slice(2),
    gradPwrss: Float64Array.from(d.gradient, (g) => g[1] as number),
    hessLogDet,
    hessPwrss,
    jacRx: d.gradient.map((g) => g.slice(2)),
  };
}

/**
 * The same derivatives from the analytic gradient (lmm/plsGradient.ts): central differences of
 * ∂ log|Ω|/∂θ, ∂pwrss/∂θ and (R_X'R_X)⁻¹ at θ̂ ± h_i e_i, h_i = 1e-3 |θ_i| (1e-5 near 0) — 2k + 1
 * gradient evaluations (13 for k = 6, each about 2–3 factorizations) instead of 85 factorizations.
 * A first derivative of an exact gradient needs no Richardson extrapolation at such steps: the
 * truncation error is ~h² relative (1e-6), far below the 2% within which lmerTest's df are matched.
 */
function gradientDerivatives(model: PlsModel, theta: Float64Array, reml: boolean): PieceDerivatives {
  const k = theta.length;
  const gradient = DevianceGradient.of(model);
  const hessLogDet = new Float64Array(k * k);
  const hessPwrss = new Float64Array(k * k);
  const jacRx: Float64Array[] = [];
  const plusLd = new Float64Array(k);
  const plusPw = new Float64Array(k);
  const minusLd = new Float64Array(k);
  const minusPw = new Float64Array(k);
  const x = Float64Array.from(theta);
  for (let j = 0; j < k; j++) {
    const t = theta[j] as number;
    const h = Math.abs(t) > 1e-2 ? 1e-3 * Math.abs(t) : 1e-5;
    x[j] = t + h;
    gradient.parts(x, reml, plusLd, plusPw);
    const rxPlus = model.rxInverse();
    x[j] = t - h;
    gradient.parts(x, reml, minusLd, minusPw);
    const rxMinus = model.rxInverse();
    x[j] = t;
    for (let i = 0; i < k; i++) {
      hessLogDet[i * k + j] = ((plusLd[i] as number) - (minusLd[i] as number)) / (2 * h);
      hessPwrss[i * k + j] = ((plusPw[i] as number) - (minusPw[i] as number)) / (2 * h);
    }
    jacRx.push(rxPlus.map((v, e) => (v - (rxMinus[e] as number)) / (2 * h)));
  }
  // θ̂ itself last: the fit reads the factorization at θ̂ after this (no refactorization needed).
  const gLd = new Float64Array(k);
  const gradPwrss = new Float64Array(k);
  gradient.parts(theta, reml, gLd, gradPwrss);
  const pwrss = model.pwrss;
  const rxInverse = model.rxInverse();
  // Symmetric by construction in exact arithmetic; average the two differenced halves.
  for (const hm of [hessLogDet, hessPwrss])
    for (let i = 0; i < k; i++)
      for (let j = 0; j < i; j++) {
        const v = ((hm[i * k + j] as number) + (hm[j * k + i] as number)) / 2;
        hm[i * k + j] = v;
        hm[j * k + i] = v;
      }
  return { pwrss, rxInverse, gradPwrss, hessLogDet, hessPwrss, jacRx };
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
