import { InputError } from "../errors.ts";
import { bobyqa } from "../optim/bobyqa.ts";
import type { OptimResult } from "../optim/bobyqa.ts";
import { reflectedStarts, type FactorLayout } from "../lmm/boundaryReflection.ts";
import type { RandomTermDesign } from "../model/design.ts";
import type { GlmmDeviance } from "./deviance.ts";

/** The optimum of glmer's two-stage optimisation. */
export interface GlmmOptimum {
  readonly theta: Float64Array;
  readonly beta: Float64Array;
  readonly deviance: number;
  readonly evaluations: number;
  readonly warnings: string[];
}

/**
 * lme4's two optimisation stages for `glmer`:
 * 1. θ alone, β and u from PIRLS (nAGQ = 0 deviance), BOBYQA from θ = 1 on the diagonals, 0 elsewhere
 *    with minqa's radius 0.2;
 * 2. θ and β together (u from PIRLS; Laplace or AGQ deviance) from the first stage's values. lme4 uses
 *    Nelder–Mead here; BOBYQA reaches the same optimum in far fewer evaluations. β is searched in
 *    units of its first-stage standard error, so one trust radius suits θ and β alike.
 * With `thetaOnly` (lme4's nAGQ = 0) the first stage is the fit: β comes from PIRLS.
 * A factor column whose diagonal ends at 0 with entries below it has a mirror image of equal
 * deviance from which the interior may be downhill (lmm/boundaryReflection.ts): each stage restarts
 * from those mirror images and keeps a clearly lower end, as the LMM optimizer does.
 * Then lme4's boundary check: a θ within 1e-5 of its bound goes to the bound if the deviance does
 * not rise.
 *
 * @example
 * const opt = optimizeGlmm(new GlmmDeviance(family("binomial"), y, wt, x, terms, 1));
 */
export function optimizeGlmm(
  model: GlmmDeviance,
  options: {
    readonly thetaOnly?: boolean;
    /** Hears of every evaluation of either stage (count, lowest deviance so far). */
    readonly onEvaluation?: (evaluations: number, criterion: number) => void;
  } = {},
): GlmmOptimum {
  const m = model.thetaLength;
  const p = model.p;
  const warnings: string[] = [];
  let evaluations = 0;
  let heard = 0;
  let lowest = Infinity;
  const hear = (d: number): number => {
    if (d < lowest) lowest = d;
    options.onEvaluation?.(++heard, lowest);
    return d;
  };
  const theta0 = Float64Array.from(model.lower, (lo) => (lo === 0 ? 1 : 0));
  const upperTheta = new Float64Array(m).fill(Infinity);
  const r1 = bobyqa((th) => hear(model.stage1(th)), theta0, model.lower, upperTheta, {
    rhobeg: 0.2,
    rhoend: 2e-7,
  });
  evaluations += r1.evaluations;
  if (process.env.ATTUNE_DEBUG_OPT) console.error(`stage 1: ${r1.evaluations} evaluations`);
  if (!Number.isFinite(r1.fval)) {
    throw new InputError(
      "the model could not be fitted: PIRLS did not converge for any variance tried (is a fixed effect perfectly separating the outcome?)",
    );
  }
  const layout = factorLayout(model.terms);
  const stage1 = (from: Float64Array): OptimResult => {
    const r = bobyqa((th) => hear(model.stage1(th)), from, model.lower, upperTheta, {
      rhobeg: 0.2,
      rhoend: 2e-7,
    });
    evaluations += r.evaluations;
    return r;
  };
  const s1 = mirrorRestarts(layout, m, r1, stage1);
  if (options.thetaOnly) return thetaOnlyOptimum(model, s1.x, s1.fval, evaluations, warnings);
  model.stage1(s1.x);
  const beta1 = Float64Array.from(model.beta);
  const rxi = model.rxInverse(r1.x);
  const scale = Float64Array.from({ length: p }, (_, r) => {
    const v = Math.sqrt(rxi[r * p + r] as number);
    return Number.isFinite(v) && v > 0 ? v : 1;
  });

  const unpack = (v: Float64Array): { theta: Float64Array; beta: Float64Array } => {
    const theta = v.subarray(0, m);
    const beta = new Float64Array(p);
    for (let r = 0; r < p; r++) beta[r] = (beta1[r] as number) + (scale[r] as number) * (v[m + r] as number);
    return { theta, beta };
  };
  const f2 = (v: Float64Array): number => {
    const { theta, beta } = unpack(v);
    return hear(model.stage2(theta, beta));
  };
  const lower = new Float64Array(m + p).fill(-Infinity);
  lower.set(model.lower);
  const upper = new Float64Array(m + p).fill(Infinity);
  const start = new Float64Array(m + p);
  start.set(s1.x);
  const run = (from: Float64Array): OptimResult => {
    let best = bobyqa(f2, from, lower, upper, { rhobeg: 0.05, rhoend: 1e-7 });
    evaluations += best.evaluations;
    if (process.env.ATTUNE_DEBUG_OPT)
      console.error(`stage 2: ${best.evaluations} evaluations, ${best.reason}`);
    // A flat stretch can stop BOBYQA short: restart once from the best point with a small radius.
    const again = bobyqa(f2, best.x, lower, upper, { rhobeg: 1e-4, rhoend: 1e-8 });
    evaluations += again.evaluations;
    if (process.env.ATTUNE_DEBUG_OPT)
      console.error(`polish: ${again.evaluations} evaluations, gain ${best.fval - again.fval}`);
    if (again.fval <= best.fval) best = again;
    return best;
  };
  let r = run(start);
  // A variance collapsed to its bound can be a local optimum of its own (with a covariance term
  // the boundary is a ridge): try once more with those variances moved back into the interior.
  const collapsed = Array.from(r.x.subarray(0, m), (v, i) => model.lower[i] === 0 && v < 1e-2);
  if (collapsed.some(Boolean)) {
    const from = Float64Array.from(r.x, (v, i) => (i < m && collapsed[i] ? 0.5 : v));
    const alt = run(from);
    if (alt.fval < r.fval - 1e-9 * Math.abs(r.fval)) r = alt;
  }
  r = mirrorRestarts(layout, m, r, run);
  if (r.reason === "maxeval")
    warnings.push(`optimizer stopped after ${r.evaluations} evaluations without converging`);
  const v = Float64Array.from(r.x);
  let best = r.fval;
  for (let i = 0; i < m; i++) {
    if (model.lower[i] === 0 && (v[i] as number) !== 0 && (v[i] as number) < 1e-5) {
      const old = v[i] as number;
      v[i] = 0;
      const d = f2(v);
      evaluations++;
      if (d <= best) best = d;
      else v[i] = old;
    }
  }
  const { theta, beta } = unpack(v);
  if (process.env.ATTUNE_DEBUG_OPT)
    console.error(`glmm optimizer: ${evaluations} evaluations, ${model.iterations} PIRLS iterations`);
  return { theta: Float64Array.from(theta), beta, deviance: best, evaluations, warnings };
}

/** Each term's factor dimension and where its θ begins, for {@link reflectedStarts}. */
function factorLayout(terms: readonly RandomTermDesign[]): FactorLayout {
  const k = Int32Array.from(terms, (t) => t.columns.length);
  const thetaStart = new Int32Array(terms.length + 1);
  for (let j = 0; j < terms.length; j++)
    thetaStart[j + 1] = (thetaStart[j] as number) + ((k[j] as number) * ((k[j] as number) + 1)) / 2;
  return { k, thetaStart };
}

/**
 * Restarts `run` from the mirror images of the end's θ (its first m entries; the rest, β, kept) and
 * keeps a clearly lower end (1e-9 relative), again from a better end, for at most three rounds (the
 * LMM optimizer's rule, lmm/optimize.ts).
 */
function mirrorRestarts(
  layout: FactorLayout,
  m: number,
  end: OptimResult,
  run: (from: Float64Array) => OptimResult,
): OptimResult {
  let r = end;
  for (let round = 0; round < 3; round++) {
    let moved = false;
    for (const mirror of reflectedStarts(layout, r.x.subarray(0, m))) {
      const from = Float64Array.from(r.x);
      from.set(mirror);
      const alt = run(from);
      if (process.env.ATTUNE_DEBUG_OPT)
        console.error(`glmm mirror start: ${alt.evaluations} evaluations, ${alt.fval} (was ${r.fval})`);
      if (alt.fval < r.fval - 1e-9 * Math.abs(r.fval)) {
        r = alt;
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  return r;
}

/** nAGQ = 0: the first stage's θ (after lme4's boundary check), β from PIRLS at that θ. */
function thetaOnlyOptimum(
  model: GlmmDeviance,
  x: Float64Array,
  fval: number,
  evaluations: number,
  warnings: string[],
): GlmmOptimum {
  const theta = Float64Array.from(x);
  let best = fval;
  for (let i = 0; i < theta.length; i++) {
    if (model.lower[i] === 0 && (theta[i] as number) !== 0 && (theta[i] as number) < 1e-5) {
      const old = theta[i] as number;
      theta[i] = 0;
      const d = model.stage1(theta);
      evaluations++;
      if (d <= best) best = d;
      else theta[i] = old;
    }
  }
  best = model.stage1(theta);
  return {
    theta,
    beta: Float64Array.from(model.beta),
    deviance: best,
    evaluations: evaluations + 1,
    warnings,
  };
}
