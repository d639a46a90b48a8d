import { bobyqaCore } from "./bobyqaCore.ts";
import { GuardedObjective } from "./guardedObjective.ts";

/** Options of {@link bobyqa}. */
export interface BobyqaOptions {
  /** Initial trust-region radius. Default: 0.2 * max(1, max|x0|) capped so that 2*rhobeg <= min(upper-lower). */
  readonly rhobeg?: number;
  /** Final trust-region radius. Default 1e-6 * rhobeg. */
  readonly rhoend?: number;
  /** Number of interpolation points, n+2 <= npt <= (n+1)(n+2)/2. Default 2n+1. */
  readonly npt?: number;
  /** Maximum function evaluations. Default 100000. */
  readonly maxeval?: number;
  /** Stop when an iteration improves f by less than this (absolute), as NLopt ftol_abs. Default 0 (off). */
  readonly ftolAbs?: number;
  /** Stop when a step changes every x by less than this (absolute), as NLopt xtol_abs. Default 0 (off). */
  readonly xtolAbs?: number;
}

/** Result of an optimiser run. */
export interface OptimResult {
  readonly x: Float64Array;
  readonly fval: number;
  readonly evaluations: number;
  /**
   * Why it stopped: "rhoend", "ftol", "xtol", "maxeval" — or "roundoff" when rounding errors
   * stopped the iteration early (Powell's "much cancellation in a denominator" / "a trust region
   * step has failed to reduce Q"; NLopt's ROUNDOFF_LIMITED). x is still the best point found.
   */
  readonly reason: string;
}

/**
 * Minimises f(x) subject to lower ≤ x ≤ upper without derivatives, by Powell's BOBYQA (M. J. D.
 * Powell, "The BOBYQA algorithm for bound constrained optimization without derivatives",
 * DAMTP 2009/NA06): a trust-region method on quadratic models that interpolate f at npt points,
 * the freedom left by the interpolation conditions taken up by least Frobenius norm updates.
 * This is lme4's default optimiser (via NLopt's NLOPT_LN_BOBYQA).
 *
 * - Bounds may be ±Infinity (they then never bind; IEEE arithmetic handles them exactly as in
 *   NLopt's bobyqa, which also passes infinite bounds straight through). Variables with
 *   lower === upper are held fixed and removed from the problem. x0 is clamped into the box;
 *   like Powell's code, a start within rhobeg of a bound is moved onto the bound or to distance
 *   rhobeg from it before the first evaluation.
 * - n = 1 (a single variance parameter) runs the same algorithm with npt = 3: Powell's Fortran
 *   asks for n ≥ 2, but every step is well defined for n = 1 (the model is then the full
 *   quadratic interpolant through 3 points and the two-dimensional "alternative iterations" of
 *   TRSBOX are skipped). NLopt's bobyqa accepts n = 1 the same way (its npt range is [3, 3]);
 *   no separate 1-D method is used, so 1-D and n-D fits follow the same algorithm.
 * - f may return NaN or ±Infinity: such a value is treated as worse than everything seen so far
 *   (it is replaced by fmax + max(1, |fmax|) inside the model) and never returned as fval unless
 *   no finite value was ever seen. Exceptions thrown by f propagate.
 * - Stopping follows NLopt: xtolAbs raises the final radius (rhoend ← max(rhoend, xtolAbs)) and
 *   the run then reports "xtol"; ftolAbs stops when a new best point improves f by less than
 *   ftolAbs. The result is always the best point evaluated.
 *
 * @throws RangeError for inconsistent sizes, bounds or options.
 *
 * @example
 * const rosen = (x: Float64Array) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
 * const r = bobyqa(rosen, Float64Array.of(-1.2, 1), Float64Array.of(-Infinity, -Infinity),
 *   Float64Array.of(Infinity, Infinity), { rhobeg: 0.5, rhoend: 1e-8 });
 * r.x; // ≈ Float64Array [1, 1]
 * r.reason; // "rhoend"
 */
export function bobyqa(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  options: BobyqaOptions = {},
): OptimResult {
  const nAll = x0.length;
  if (lower.length !== nAll || upper.length !== nAll) {
    throw new RangeError(`bobyqa: x0, lower and upper must have the same length (${nAll})`);
  }
  if (nAll === 0) throw new RangeError("bobyqa: no variables");
  const free: number[] = [];
  const start = new Float64Array(nAll);
  for (let j = 0; j < nAll; j++) {
    const lo = lower[j]!;
    const hi = upper[j]!;
    const x = x0[j]!;
    if (Number.isNaN(lo) || Number.isNaN(hi) || !(lo <= hi)) {
      throw new RangeError(`bobyqa: invalid bounds [${lo}, ${hi}] for x[${j}]`);
    }
    if (!Number.isFinite(x)) throw new RangeError(`bobyqa: x0[${j}] = ${x} is not finite`);
    start[j] = Math.min(Math.max(x, lo), hi);
    if (lo < hi) free.push(j);
  }

  const maxeval = options.maxeval ?? 100000;
  if (!(Number.isInteger(maxeval) && maxeval >= 1)) {
    throw new RangeError(`bobyqa: maxeval must be a positive integer, got ${maxeval}`);
  }
  const ftolAbs = options.ftolAbs ?? 0;
  const xtolAbs = options.xtolAbs ?? 0;
  if (!(ftolAbs >= 0) || !(xtolAbs >= 0)) throw new RangeError("bobyqa: ftolAbs and xtolAbs must be >= 0");

  const n = free.length;
  const expand = (xf: Float64Array): Float64Array => {
    const full = Float64Array.from(start);
    for (let i = 0; i < n; i++) full[free[i]!] = xf[i]!;
    return full;
  };
  const guard = new GuardedObjective(f, expand, maxeval, nAll);

  if (n === 0) {
    // Every variable is fixed: nothing to optimise.
    guard.evaluate(new Float64Array(0));
    return finish(guard, "rhoend");
  }

  const xl = Float64Array.from(free, (j) => lower[j]!);
  const xu = Float64Array.from(free, (j) => upper[j]!);
  const xs = Float64Array.from(free, (j) => start[j]!);

  const npt = options.npt ?? 2 * n + 1;
  const nptMax = ((n + 1) * (n + 2)) / 2;
  if (!(Number.isInteger(npt) && npt >= n + 2 && npt <= nptMax)) {
    throw new RangeError(`bobyqa: npt must be an integer in [${n + 2}, ${nptMax}] for ${n} free variables`);
  }

  let minWidth = Number.POSITIVE_INFINITY;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    minWidth = Math.min(minWidth, xu[i]! - xl[i]!);
    maxAbs = Math.max(maxAbs, Math.abs(xs[i]!));
  }
  let rhobeg: number;
  if (options.rhobeg === undefined) {
    rhobeg = Math.min(0.2 * Math.max(1, maxAbs), 0.5 * minWidth);
  } else {
    rhobeg = options.rhobeg;
    if (!(rhobeg > 0 && Number.isFinite(rhobeg))) throw new RangeError(`bobyqa: rhobeg must be > 0`);
    if (2 * rhobeg > minWidth) {
      throw new RangeError(`bobyqa: rhobeg = ${rhobeg} exceeds half the narrowest box width ${minWidth}`);
    }
  }
  const rhoend = options.rhoend ?? 1e-6 * rhobeg;
  if (!(rhoend > 0 && rhoend <= rhobeg)) {
    throw new RangeError(`bobyqa: rhoend must be in (0, rhobeg = ${rhobeg}], got ${rhoend}`);
  }
  const xtolBinds = xtolAbs > rhoend;
  const effectiveRhoend = Math.min(rhobeg, Math.max(rhoend, xtolAbs));

  const stop = bobyqaCore(guard, xs, xl, xu, { npt, rhobeg, rhoend: effectiveRhoend, ftolAbs });
  return finish(guard, stop === "rhoend" && xtolBinds ? "xtol" : stop);
}

function finish(guard: GuardedObjective, reason: string): OptimResult {
  const fval = Number.isFinite(guard.bestF) ? guard.bestF : guard.firstF;
  return { x: Float64Array.from(guard.bestX), fval, evaluations: guard.evaluations, reason };
}
