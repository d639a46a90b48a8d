// Two processes lagged both ways (e.g. confidence in the therapist and symptoms): each next-session value
// on both processes' within-patient deviations from the patient's own linear trend, beside the patient
// means. An approximation of a latent curve model with structured residuals (LCM-SR) in lme4's terms:
// the trends are removed per patient before fitting (not estimated jointly), and the two equations are
// separate models with uncorrelated residuals.
import { InputError } from "@attune/stats";
import { completeRows, deriveOutcomeNext, deriveTime, nextOf } from "./derive.ts";
import { termEstimate, type EffectsResult } from "./effects.ts";
import { numericColumn, safeName, splitByUnit } from "./extraColumns.ts";
import { buildFrame } from "./frame.ts";
import type { RecipeOptions } from "./options.ts";
import { requireRole, type PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { Estimate } from "./types.ts";

export type CrossLaggedResult = EffectsResult<"cross-lagged">;

/**
 * Models `cross_lagged_outcome` and `cross_lagged_<x>` for the outcome y and the second process x:
 * `y_next ~ y_w + x_w + y_pm + x_pm + time + (1 | therapist) + (1 | therapist:patient)` and
 * `x_next ~ x_w + y_w + x_pm + y_pm + time + (1 | therapist) + (1 | therapist:patient)`, where _pm is the
 * patient's mean over the rows used and _w the deviation from the patient's own OLS line on session
 * (person-specific trend; mean-centred with fewer than 3 rows). Rows: both processes present at sessions
 * s and s + 1 of the same patient.
 *
 * @example
 * crossLagged(data, { process2: "confidence" }).effects["confidence → outcome (within)"];
 */
export function crossLagged(data: PrnData, options: RecipeOptions): CrossLaggedResult {
  requireRole(data, "outcome", "cross-lagged");
  if (!options.process2) throw new InputError("cross-lagged needs the second process: --process2 <column>");
  const xName = safeName(options.process2);
  if (xName === "outcome") throw new InputError(`cross-lagged: --process2 must differ from the outcome`);
  const x = numericColumn(data, options.process2, "cross-lagged --process2");
  const y = data.outcome;
  const xNext = nextOf(data, x);
  const yNext = deriveOutcomeNext(data);
  const rows = completeRows(data.nrow, [x, y, xNext, yNext]);
  if (rows.length === 0) {
    throw new InputError(
      `cross-lagged: no row has "${options.process2}" and the outcome at sessions s and s + 1 of the same patient`,
    );
  }
  const xs = splitByUnit(data, x, rows, "patient", true);
  const ys = splitByUnit(data, y, rows, "patient", true);
  const frame = buildFrame(data, rows, {
    time: deriveTime(data),
    outcome_next: yNext,
    outcome_w: ys.within,
    outcome_pm: ys.mean,
    [`${xName}_next`]: xNext,
    [`${xName}_w`]: xs.within,
    [`${xName}_pm`]: xs.mean,
  });
  const re = "time + (1 | therapist) + (1 | therapist:patient)";
  const my = runModel(
    "cross_lagged_outcome",
    `outcome_next ~ outcome_w + ${xName}_w + outcome_pm + ${xName}_pm + ${re}`,
    frame,
    options.fit,
    data.nrow,
  );
  const mx = runModel(
    `cross_lagged_${xName}`,
    `${xName}_next ~ ${xName}_w + outcome_w + ${xName}_pm + outcome_pm + ${re}`,
    frame,
    options.fit,
    data.nrow,
  );
  const effects: Record<string, Estimate> = {
    [`${options.process2} → outcome (within)`]: termEstimate(my.fit, { [`${xName}_w`]: 1 }),
    [`outcome → ${options.process2} (within)`]: termEstimate(mx.fit, { outcome_w: 1 }),
    "outcome autoregression (within)": termEstimate(my.fit, { outcome_w: 1 }),
    [`${options.process2} autoregression (within)`]: termEstimate(mx.fit, { [`${xName}_w`]: 1 }),
    [`${options.process2} → outcome (between patients)`]: termEstimate(my.fit, { [`${xName}_pm`]: 1 }),
  };
  return {
    recipe: "cross-lagged",
    models: [my, mx],
    effects,
    notes: [
      "Approximates a latent curve model with structured residuals: each patient's linear trend is removed before fitting, the two equations are separate lme4 models, and the within-patient lagged effects are read as conditional associations (short series: the autoregressions are biased towards zero).",
    ],
  };
}
