import { bobyqa } from "../optim/bobyqa.ts";
import type { OptimResult } from "../optim/bobyqa.ts";
import { nelderMead } from "../optim/nelderMead.ts";
import { boundedBfgs } from "../optim/quasiNewton.ts";
import type { PlsModel } from "./pls.ts";
import { DevianceGradient } from "./plsGradient.ts";
import { reflectedStarts } from "./boundaryReflection.ts";

/** Per-evaluation work (multiply-adds) above which the polish restarts are skipped. */
const POLISH_WORK = 3e5;

/** The optimum of the profiled deviance over θ, after lme4's boundary checks. */
export interface ThetaOptimum {
  readonly theta: Float64Array;
  readonly deviance: number;
  readonly evaluations: number;
  readonly warnings: string[];
}

/**
 * Minimises the profiled REML/ML deviance over θ with BOBYQA (lme4's default optimizer) from lme4's start (1 on diagonals, 0 elsewhere),
 * then applies lme4's `check.boundary`: any θ within 1e-5 of its bound is set to the bound if that
 * does not raise the deviance. `onEvaluation` hears of every evaluation (count, lowest criterion so far).
 *
 * @example
 * const opt = optimizeTheta(model, true);
 */
export function optimizeTheta(
  model: PlsModel,
  reml: boolean,
  onEvaluation?: (evaluations: number, best: number) => void,
): ThetaOptimum {
  const m = model.thetaLength;
  const x0 = Float64Array.from(model.lower, (lo) => (lo === 0 ? 1 : 0));
  const upper = new Float64Array(m).fill(Infinity);
  let count = 0;
  let lowest = Infinity;
  const f = (theta: Float64Array) => {
    const d = model.deviance(theta, reml);
    if (onEvaluation) {
      count++;
      if (d < lowest) lowest = d;
      onEvaluation(count, lowest);
    }
    return d;
  };
  const useGradient = gradientPays(model);
  const gradient = useGradient ? DevianceGradient.of(model) : null;
  const fg = (theta: Float64Array, grad: Float64Array) => {
    const d = (gradient as DevianceGradient).evaluate(theta, reml, grad);
    if (process.env.ATTUNE_DEBUG_OPT === "2")
      console.error(`  ${d} θ ${Array.from(theta, (v) => v.toFixed(5)).join(" ")}`);
    if (onEvaluation) {
      count++;
      if (d < lowest) lowest = d;
      onEvaluation(count, lowest);
    }
    return d;
  };
  // The quasi-Newton path (analytic gradient, docs/engine-factorization.md "The gradient") where a
  // gradient costs little more than a deviance; BOBYQA (lme4's optimizer) with NLopt's stopping rules as
  // lme4 sets them (ftol_abs = xtol_abs = 1e-8) and minqa's initial radius 0.2 for a start of ones.
  let lastH: Float64Array | undefined;
  const start = (x: Float64Array): OptimResult => {
    if (gradient) {
      // The first inverse Hessian scaled by 1/levels per term (a term's share of the deviance's
      // curvature grows with its number of levels); a second run (the retry from the interior
      // below) starts from the first run's curvature instead.
      const q = boundedBfgs(fg, x, model.lower, {
        gtol: 1e-6,
        ftolRel: 1e-12,
        maxEvaluations: 200 + 20 * m,
        diagonal: levelScale(model),
        ...(lastH ? { inverseHessian: lastH } : {}),
      });
      lastH = q.inverseHessian;
      if (process.env.ATTUNE_DEBUG_OPT)
        console.error(
          `optimizer: quasi-Newton ${q.evaluations} evaluations, ${q.reason}, ${q.fval}, |pg| ${q.projectedGradient}`,
        );
      // A run that did not end on a vanishing projected gradient hands over to BOBYQA from its point.
      if (q.reason === "gradient" || q.reason === "ftol")
        return { x: q.x, fval: q.fval, evaluations: q.evaluations, reason: `quasi-Newton ${q.reason}` };
      const b = bobyqa(f, q.x, model.lower, upper, { rhobeg: 2e-3, rhoend: 1e-8, ftolAbs: 1e-8 });
      return { ...b, evaluations: b.evaluations + q.evaluations };
    }
    return bobyqa(f, x, model.lower, upper, { rhobeg: 0.2, rhoend: 1e-8, ftolAbs: 1e-8 });
  };
  let r = start(x0);
  let evaluations = r.evaluations;
  if (process.env.ATTUNE_DEBUG_OPT)
    console.error(`optimizer: first run ${r.evaluations} evaluations, ${r.reason}, ${r.fval}`);
  // ftol_abs can stop a run on a flat stretch short of the optimum (lme4 shares that weakness):
  // restart from the best point with a small radius, again while that still gains clearly. A run
  // that shrank its trust region to rhoend has converged; restarting it only costs evaluations
  // (a third more on crossed models, where each is a dense factorization). On large models (per
  // evaluation work above POLISH_WORK) the restarts are skipped: they move the criterion by ~1e-10
  // relative at the price of dozens of expensive evaluations, and lme4 stops at ftol_abs as well.
  const polish = () => {
    if (r.reason === "rhoend" || model.work > POLISH_WORK) return;
    for (let restart = 0; restart < 3; restart++) {
      const again = bobyqa(f, r.x, model.lower, upper, { rhobeg: 1e-3, rhoend: 1e-9 });
      evaluations += again.evaluations;
      const gain = r.fval - again.fval;
      if (again.fval <= r.fval) r = again;
      if (!(gain > 1e-7 * Math.abs(r.fval))) break;
    }
  };
  polish();
  // A variance collapsed to its bound may be a local optimum of its own (a boundary basin): try once
  // more from the same point with those variances moved back into the interior, keep the better.
  const collapsed = Array.from(r.x, (v, i) => model.lower[i] === 0 && v < 1e-2);
  if (collapsed.some(Boolean)) {
    const moved = Float64Array.from(r.x, (v, i) => (collapsed[i] ? 0.5 : v));
    const alt = start(moved);
    evaluations += alt.evaluations;
    if (alt.fval < r.fval - 1e-9 * Math.abs(r.fval)) {
      r = alt;
      polish();
    }
  }
  // A factor column whose diagonal sits at 0 has a mirror image of equal deviance from which the
  // interior may be downhill (boundaryReflection.ts): restart from each, keep the better, again
  // from a better point (a few rounds at most: each round costs one optimizer run per column).
  for (let round = 0; round < 3; round++) {
    let moved = false;
    for (const mirror of reflectedStarts(model, r.x)) {
      const alt = start(mirror);
      evaluations += alt.evaluations;
      if (process.env.ATTUNE_DEBUG_OPT)
        console.error(`optimizer: mirror start ${alt.evaluations} evaluations, ${alt.fval} (was ${r.fval})`);
      if (alt.fval < r.fval - 1e-9 * Math.abs(r.fval)) {
        r = alt;
        polish();
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  if (r.reason !== "rhoend" && r.reason !== "xtol" && r.reason !== "ftol" && !r.reason.startsWith("quasi")) {
    const nm = nelderMead(f, r.x, model.lower, upper, { ftolAbs: 1e-12, xtolAbs: 1e-9, step: 0.01 });
    evaluations += nm.evaluations;
    if (nm.fval <= r.fval) r = nm;
  }
  if (process.env.ATTUNE_DEBUG_OPT) console.error(`optimizer: ${evaluations} evaluations, ${r.reason}`);
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
  return { theta, deviance: best, evaluations, warnings };
}

/** 1/(number of levels) for every θ component of a term: the shape of BFGS's first inverse Hessian. */
function levelScale(model: PlsModel): Float64Array {
  const { termStart } = model.s;
  const out = new Float64Array(model.thetaLength);
  for (let j = 0; j < model.k.length; j++) {
    const levels = (termStart[j + 1] as number) - (termStart[j] as number);
    out.fill(1 / Math.max(1, levels), model.thetaStart[j] as number, model.thetaStart[j + 1] as number);
  }
  return out;
}

/** The largest dense tail on the quasi-Newton path: its selected inverse keeps two more tailDim² arrays. */
const GRADIENT_TAIL_MAX = 4000;

/**
 * Whether the quasi-Newton path is used: on models large enough to skip the polish restarts
 * (work above POLISH_WORK), nested or crossed. The gradient adds a selected inverse to each
 * factorization: cheap on sparse block columns, and on the crossed factors' dense tail a dense
 * inversion from the factor in the SIMD tile kernel (linalg/denseInverse.ts, about two tail
 * Choleskys): one gradient costs ≈ 2.5 deviances on InstEval, and the path converges there in 14
 * gradients against BOBYQA's 96 deviances. Tails above GRADIENT_TAIL_MAX keep BOBYQA (the inverse's
 * two extra tailDim² arrays would pass 256 MB).
 * Small models keep BOBYQA, lme4's reference path: they are polished by BOBYQA restarts anyway, and
 * on the golden cases with a variance at its bound the quasi-Newton run plus polish took more
 * evaluations than BOBYQA alone (docs/engine-factorization.md, "The optimizer").
 * `ATTUNE_OPTIMIZER=bobyqa|quasi-newton` forces a path (for measurements and tests).
 *
 * @example
 * gradientPays(model); // true for the 100k-session nested growth model and for InstEval
 */
export function gradientPays(model: PlsModel): boolean {
  const forced = process.env.ATTUNE_OPTIMIZER;
  if (forced === "bobyqa") return false;
  if (forced === "quasi-newton") return true;
  return model.work > POLISH_WORK && model.s.tailDim <= GRADIENT_TAIL_MAX;
}
