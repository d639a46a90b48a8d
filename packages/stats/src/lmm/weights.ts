import { InputError } from "../errors.ts";
import type { DataFrame } from "../frame/dataFrame.ts";
import type { RandomTermDesign } from "../model/design.ts";
import type { FrameOptions, ModelFrame } from "../model/frame.ts";

/**
 * Resolves lmer-style prior weights (a column name or one number per row) into frame options.
 *
 * @example
 * priorWeights("n", data); // { weights: Float64Array [...], weightsLabel: "n" }
 */
export function priorWeights(weights: string | ArrayLike<number> | undefined, data: DataFrame): FrameOptions {
  if (weights === undefined) return {};
  if (typeof weights === "string") {
    const col = data.columns.get(weights);
    if (!col) {
      throw new InputError(
        `unknown weights column "${weights}" (columns: ${data.names.join(", ") || "none"})`,
        {
          column: weights,
        },
      );
    }
    if (col.type !== "numeric") {
      const bad = col.values.findIndex((v) => v !== null);
      throw new InputError(
        `weights column "${weights}" must be numeric (row ${bad + 1}: "${col.values[bad]}")`,
        { column: weights, row: bad + 1 },
      );
    }
    return { weights: col.values, weightsLabel: `weights column "${weights}"` };
  }
  if (weights.length !== data.nrow) {
    throw new InputError(`weights: ${weights.length} values for ${data.nrow} rows`);
  }
  return { weights: Float64Array.from(weights), weightsLabel: "weights" };
}

/**
 * The penalized least-squares system of a weighted model with an offset, as lme4 builds it: every
 * row of X, Z and y − offset multiplied by √wᵢ (so PLS sees homoscedastic rows).
 *
 * @example
 * const { x, y, terms } = weightedSystem(X, frame, randomTerms);
 */
export function weightedSystem(
  x: readonly Float64Array[],
  frame: ModelFrame,
  terms: readonly RandomTermDesign[],
): { x: readonly Float64Array[]; y: Float64Array; terms: readonly RandomTermDesign[] } {
  const { offset, weights } = frame;
  const y = offset ? frame.y.map((v, i) => v - (offset[i] as number)) : frame.y;
  if (!weights) return { x, y, terms };
  const sw = weights.map(Math.sqrt);
  const scale = (v: Float64Array) => v.map((u, i) => u * (sw[i] as number));
  return {
    x: x.map(scale),
    y: scale(y),
    terms: terms.map((t) => ({ ...t, columns: t.columns.map(scale) })),
  };
}

/** Σ log wᵢ over the rows used (0 without weights). */
export function logWeightSum(weights: Float64Array | null): number {
  if (!weights) return 0;
  let s = 0;
  for (const w of weights) s += Math.log(w);
  return s;
}
