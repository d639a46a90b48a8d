import { nelderMead } from "../optim/nelderMead.ts";
import type { PlsModel } from "./pls.ts";

/** The optimum of the profiled deviance over θ, after lme4's boundary checks. */
export interface ThetaOptimum {
  readonly theta: Float64Array;
  readonly deviance: number;
  readonly evaluations: number;
  readonly warnings: string[];
}

/**
 * Minimises the profiled REML/ML deviance over θ from lme4's start (1 on diagonals, 0 elsewhere),
 * then applies lme4's `check.boundary`: any θ within 1e-5 of its bound is set to the bound if that
 * does not raise the deviance.
 *
 * @example
 * const opt = optimizeTheta(model, true);
 */
export function optimizeTheta(model: PlsModel, reml: boolean): ThetaOptimum {
  const m = model.thetaLength;
  const x0 = Float64Array.from(model.lower, (lo) => (lo === 0 ? 1 : 0));
  const upper = new Float64Array(m).fill(Infinity);
  const f = (theta: Float64Array) => model.deviance(theta, reml);
  const r = nelderMead(f, x0, model.lower, upper, { ftolAbs: 1e-12, xtolAbs: 1e-9 });
  const theta = Float64Array.from(r.x);
  let best = r.fval;
  for (let i = 0; i < m; i++) {
    if (model.lower[i] === 0 && (theta[i] as number) !== 0 && (theta[i] as number) < 1e-5) {
      const old = theta[i] as number;
      theta[i] = 0;
      const d = f(theta);
      if (d <= best) best = d;
      else theta[i] = old;
    }
  }
  const warnings: string[] = [];
  if (r.reason === "maxeval")
    warnings.push(`optimizer stopped after ${r.evaluations} evaluations without converging`);
  return { theta, deviance: best, evaluations: r.evaluations, warnings };
}
