import { InputError } from "../errors.ts";
import type { FamilyName } from "./family.ts";

/**
 * Checks a response for a family and turns it into glmer's (y, prior weights): binary 0/1; for
 * `cbind(s, f)` whole non-negative counts, y = s/(s+f) with weight s+f; Poisson whole counts ≥ 0.
 * Errors name the input row (1-based, as a spreadsheet shows it).
 *
 * @example
 * binomialOrCounts("binomial", Float64Array.of(3), Float64Array.of(2), Int32Array.of(0), "cbind(s, f)");
 * // { y: [0.6], wt: [5] }
 */
export function binomialOrCounts(
  family: FamilyName,
  response: Float64Array,
  failures: Float64Array | null,
  rows: Int32Array,
  label: string,
): { y: Float64Array; wt: Float64Array } {
  const n = response.length;
  const y = new Float64Array(n);
  const wt = new Float64Array(n).fill(1);
  const row = (i: number) => (rows[i] as number) + 1;
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
    } else if (failures) {
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
      y[i] = total === 0 ? 0 : v / total;
      wt[i] = total;
    } else {
      if (v !== 0 && v !== 1) {
        throw new InputError(
          `response "${label}" must be 0 or 1 for the binomial family (or use cbind(successes, failures)), but row ${row(i)} has ${v}`,
          { row: row(i), column: label },
        );
      }
      y[i] = v;
    }
  }
  return { y, wt };
}
