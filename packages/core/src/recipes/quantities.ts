import { contrastEstimate } from "./estimate.ts";
import type { FitLike } from "./engine.ts";
import type { Arm, Estimate } from "./types.ts";

/** An estimate as the JSON contract prints it (Satterthwaite df; Infinity is never produced here). */
export interface QuantityEstimate {
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly p: number;
}

/**
 * A headline quantity of a recipe: its value in each arm and, with exactly two arms, the difference
 * "<arm b> − <arm a>" (the second arm minus the reference arm), each a Satterthwaite contrast of one fit.
 */
export interface ArmQuantity {
  readonly byArm: Readonly<Record<string, QuantityEstimate>>;
  readonly difference?: QuantityEstimate & { readonly contrast: string };
  /** The same estimates with 95% intervals, for reports (not part of the JSON contract). */
  readonly intervals: Readonly<Record<string, Estimate>>;
  /** The contrast vector of each entry of `intervals` (for the R script). */
  readonly rows: Readonly<Record<string, Float64Array>>;
}

const pick = (e: Estimate): QuantityEstimate => ({ estimate: e.estimate, se: e.se, df: e.df, p: e.p });

/**
 * Evaluates the contrast `rowAt(arm)` in every arm, and the difference between two arms.
 * `arms` = [null] means one arm (label "all").
 *
 * @example
 * armQuantity(fit, arms, (arm) => slopeRow(fit.fixefNames, "truth_w", {}, arm));
 * // { byArm: { "0": {...}, "1": {...} }, difference: { contrast: "1 − 0", ... } }
 */
export function armQuantity(
  fit: FitLike,
  arms: readonly (Arm | null)[],
  rowAt: (arm: Arm | null) => Float64Array,
): ArmQuantity {
  const intervals: Record<string, Estimate> = {};
  const rows: Record<string, Float64Array> = {};
  const byArm: Record<string, QuantityEstimate> = {};
  for (const arm of arms) {
    rows[arm?.label ?? "all"] = rowAt(arm);
    const e = contrastEstimate(fit, rows[arm?.label ?? "all"] as Float64Array);
    intervals[arm?.label ?? "all"] = e;
    byArm[arm?.label ?? "all"] = pick(e);
  }
  const [a, b] = arms;
  if (arms.length !== 2 || !a || !b) return { byArm, intervals, rows };
  const la = rowAt(a);
  const contrast = `${b.label} − ${a.label}`;
  rows[contrast] = rowAt(b).map((v, i) => v - (la[i] as number));
  const d = contrastEstimate(fit, rows[contrast] as Float64Array);
  intervals[contrast] = d;
  return { byArm, difference: { contrast, ...pick(d) }, intervals, rows };
}

/**
 * The JSON form of a quantity (drops the report-only intervals).
 *
 * @example
 * JSON.stringify(quantityJson(q)); // {"byArm":{...},"difference":{...}}
 */
export function quantityJson(q: ArmQuantity): Record<string, unknown> {
  return q.difference ? { byArm: q.byArm, difference: q.difference } : { byArm: q.byArm };
}
