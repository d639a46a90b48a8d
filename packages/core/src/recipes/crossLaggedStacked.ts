// The cross-lagged recipe's default model: both next-session values stacked in one lme4 model, each
// process with its own fixed effects and random intercepts, the two processes' intercepts correlated per
// therapist and per patient. Why not the two separate equations: the outcome equation then needs the
// patient mean of the second process to stand for its stable level, and that mean includes later values
// that respond to the outcomes being predicted (in simulation confidence → outcome came out 0.094 of
// 0.15); the correlated intercepts carry the stable levels' association instead (docs/recipes.md,
// "Cross-lagged"). The correlations often sit at ±1 (a boundary fit), which the optimizer handles since
// the mirror restarts (@attune/stats, boundaryReflection.ts).
import type { Column, DataFrame } from "./engine.ts";
import { buildFrame } from "./frame.ts";
import type { PrnData } from "./prepare.ts";

/** The stacked model's frame and formula, for `runModel`. */
export interface StackedCrossLagged {
  readonly frame: DataFrame;
  readonly formula: string;
  /** The fixed-effect name of predictor `p` in the equation of process `proc` ("outcome" or x's name). */
  readonly term: (proc: string, p: string) => string;
}

/**
 * Stacks the rows used twice — first for the outcome, then for x — with `process` (the equation:
 * "outcome" or xName), `next_value` (that process at session s + 1), indicators `is_outcome` and
 * `is_<x>`, and the predictors shared by both equations (`numeric`, e.g. outcome_c, x_c, the first
 * values, time). Formula: `next_value ~ 0 + process + process:(<predictors>) +
 * (0 + is_outcome + is_<x> | therapist) + (0 + is_outcome + is_<x> | therapist:patient)`.
 *
 * @example
 * const s = stackedCrossLagged(data, rows, "confidence", yNext, xNext, { time, outcome_c, confidence_c });
 * s.term("outcome", "confidence_c"); // "processoutcome:confidence_c", the cross-lag confidence → outcome
 */
export function stackedCrossLagged(
  data: PrnData,
  rows: readonly number[],
  xName: string,
  yNext: Float64Array,
  xNext: Float64Array,
  numeric: Readonly<Record<string, Float64Array>>,
): StackedCrossLagged {
  const n = rows.length;
  const frame = buildFrame(data, [...rows, ...rows], numeric);
  const columns = new Map<string, Column>(frame.columns);
  const first = (i: number) => i < n;
  columns.set("process", {
    type: "categorical",
    values: Array.from({ length: 2 * n }, (_, i) => (first(i) ? "outcome" : xName)),
  });
  columns.set("next_value", {
    type: "numeric",
    values: Float64Array.from({ length: 2 * n }, (_, i) =>
      first(i) ? (yNext[rows[i] as number] as number) : (xNext[rows[i - n] as number] as number),
    ),
  });
  const isX = `is_${xName}`;
  columns.set("is_outcome", {
    type: "numeric",
    values: Float64Array.from({ length: 2 * n }, (_, i) => (first(i) ? 1 : 0)),
  });
  columns.set(isX, {
    type: "numeric",
    values: Float64Array.from({ length: 2 * n }, (_, i) => (first(i) ? 0 : 1)),
  });
  const predictors = Object.keys(numeric).join(" + ");
  const re = `(0 + is_outcome + ${isX} | therapist) + (0 + is_outcome + ${isX} | therapist:patient)`;
  return {
    frame: { nrow: 2 * n, names: [...columns.keys()], columns },
    formula: `next_value ~ 0 + process + process:(${predictors}) + ${re}`,
    term: (proc, p) => `process${proc}:${p}`,
  };
}
