import type { DataFrame, FitLike, FitSummary } from "./engine.ts";

/** One fitted model of a recipe, with the exact data it was fitted on. */
export interface ModelRun {
  /** Contract name: `congruence`, `rsa`, `growth_patient`, `growth_therapist`, `lagged`, `therapist_slopes` (`rsa_<arm>` with `by`). */
  readonly name: string;
  readonly formula: string;
  /** Model frame (canonical column names; derived columns computed by the recipe). */
  readonly frame: DataFrame;
  readonly fit: FitLike;
  readonly summary: FitSummary;
  /** Rows of the input left out (missing values, no next session, ...). */
  readonly rowsDropped: number;
}

/** An estimate with a test and a 95% interval. `df` is Satterthwaite (t test) or Infinity (z test). */
export interface Estimate {
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
}

/** One arm of the condition: its label and how it enters the design (numeric value or level). */
export interface Arm {
  readonly label: string;
  /** Numeric code of a numeric condition; NaN for a categorical one. */
  readonly value: number;
}

/** A per-unit (therapist) quantity: fixed part + conditional mode, with conditional SD and 95% interval. */
export interface UnitEstimate {
  readonly unit: string;
  readonly arm: string | null;
  readonly estimate: number;
  readonly condSd: number;
  readonly lower: number;
  readonly upper: number;
}
