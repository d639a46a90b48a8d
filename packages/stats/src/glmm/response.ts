import { InputError } from "../errors.ts";
import type { FamilyName } from "./family.ts";

/** A GLMM response as glmer's family `initialize` leaves it. */
export interface GlmmResponse {
  /** 0/1, proportion of successes (binomial) or count (Poisson). */
  readonly y: Float64Array;
  /** Total prior weight of each row: prior weight × number of trials for a cbind response. */
  readonly wt: Float64Array;
  /** R's `m` in binomial()$aic: the cbind totals when any exceeds 1, else the weights. */
  readonly trials: Float64Array;
}

/**
 * Checks a response for a family and turns it into glmer's (y, prior weights), as R's binomial()
 * and poisson() `initialize`: binary 0/1 (or a proportion when prior weights give the trials); for
 * `cbind(s, f)` whole non-negative counts, y = s/(s+f) with weight (s+f)·prior; Poisson whole counts
 * ≥ 0 with the prior weights. Errors name the input row (1-based, as a spreadsheet shows it).
 *
 * @example
 * binomialOrCounts("binomial", Float64Array.of(3), Float64Array.of(2), Int32Array.of(0), "cbind(s, f)");
 * // { y: [0.6], wt: [5], trials: [5] }
 */
export function binomialOrCounts(
  family: FamilyName,
  response: Float64Array,
  failures: Float64Array | null,
  rows: Int32Array,
  label: string,
  prior: Float64Array | null = null,
): GlmmResponse {
  const n = response.length;
  const y = new Float64Array(n);
  const wt = prior ? Float64Array.from(prior) : new Float64Array(n).fill(1);
  const row = (i: number) => (rows[i] as number) + 1;
  let anyTotalAboveOne = false;
  const totals = failures ? new Float64Array(n) : null;
  for (let i = 0; i < n; i++) {
    const v = response[i] as number;
    if (family === "poisson") {
      if (v < 0 || !Number.isInteger(v)) {
        throw new InputError(
          `response "${label}" must be a count (a whole number ≥ 0) for the poisson family, but row ${row(i)} has ${v}`,
          { row: row(i), column: label },
        );
      }
      y[i] = v;
    } else if (failures && totals) {
      const f = failures[i] as number;
      if (v < 0 || !Number.isInteger(v)) {
        throw new InputError(
          `${label}: the successes must be whole numbers ≥ 0, but row ${row(i)} has ${v}`,
          {
            row: row(i),
          },
        );
      }
      if (f < 0 || !Number.isInteger(f)) {
        throw new InputError(`${label}: the failures must be whole numbers ≥ 0, but row ${row(i)} has ${f}`, {
          row: row(i),
        });
      }
      const total = v + f;
      if (total > 1) anyTotalAboveOne = true;
      totals[i] = total;
      y[i] = total === 0 ? 0 : v / total;
      wt[i] = (wt[i] as number) * total;
    } else if (prior) {
      // With prior weights R reads a proportion of `weight` trials (e.g. incidence/size, weights = size).
      if (!(v >= 0 && v <= 1)) {
        throw new InputError(
          `response "${label}" must lie between 0 and 1 for the binomial family with weights, but row ${row(i)} has ${v}`,
          { row: row(i), column: label },
        );
      }
      y[i] = v;
    } else {
      if (v !== 0 && v !== 1) {
        throw new InputError(
          `response "${label}" must be 0 or 1 for the binomial family (or use cbind(successes, failures), or a proportion with --weights), but row ${row(i)} has ${v}`,
          { row: row(i), column: label },
        );
      }
      y[i] = v;
    }
  }
  const trials = totals && anyTotalAboveOne ? totals : Float64Array.from(wt);
  return { y, wt, trials };
}
