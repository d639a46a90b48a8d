// Two processes lagged both ways (e.g. confidence in the therapist and symptoms): a dynamic random-effects
// model with initial conditions (Wooldridge 2005) in lme4's terms. Each next-session value is modelled on
// both processes' current values (not their deviations from the patient's mean or trend: with 5–10
// sessions those carry the patient's own future and bias the lagged effects towards zero and below, the
// Nickell bias that made the earlier within-centred version recover autoregressions of 0 for 0.30), with
// patient and therapist random intercepts; the patient's first values of both processes (and, for the
// outcome, the patient mean of the second process) stand for the part of the stable level that the random
// intercept cannot be assumed independent of. An approximation of a latent curve model with structured
// residuals (LCM-SR): stable levels are random intercepts, trends are common (time), the two equations
// are separate models with uncorrelated residuals.
import { InputError } from "@attune/stats";
import { completeRows, deriveOutcomeNext, deriveTime, nextOf } from "./derive.ts";
import { termEstimate, type EffectsResult } from "./effects.ts";
import { numericColumn, safeName } from "./extraColumns.ts";
import { buildFrame } from "./frame.ts";
import type { RecipeOptions } from "./options.ts";
import { requireRole, type PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { Estimate } from "./types.ts";

export type CrossLaggedResult = EffectsResult<"cross-lagged">;

/**
 * Models `cross_lagged_outcome` and `cross_lagged_<x>` for the outcome y and the second process x:
 * `y_next ~ y_c + x_c + y_first + x_first + x_pm + time + (1 | therapist) + (1 | therapist:patient)` and
 * `x_next ~ x_c + y_c + x_first + y_first + time + (1 | therapist) + (1 | therapist:patient)`, where _c
 * is the value at session s centred on its mean over the rows used, _first the patient's value at their
 * first row used (centred likewise) and x_pm the patient's mean of x (centred). The y_c and x_c slopes
 * are the lagged effects (autoregressions and cross-lags). Rows: both processes present at sessions s
 * and s + 1 of the same patient.
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
  const xFirst = firstOfPatient(data, x, rows);
  const yFirst = firstOfPatient(data, y, rows);
  const xc = centred(x, rows);
  const yc = centred(y, rows);
  const frame = buildFrame(data, rows, {
    time: deriveTime(data),
    outcome_next: yNext,
    outcome_c: yc,
    outcome_first: centred(yFirst, rows),
    [`${xName}_next`]: xNext,
    [`${xName}_c`]: xc,
    [`${xName}_first`]: centred(xFirst, rows),
    [`${xName}_pm`]: centred(patientMean(data, x, rows), rows),
  });
  const re = "time + (1 | therapist) + (1 | therapist:patient)";
  const my = runModel(
    "cross_lagged_outcome",
    `outcome_next ~ outcome_c + ${xName}_c + outcome_first + ${xName}_first + ${xName}_pm + ${re}`,
    frame,
    options.fit,
    data.nrow,
  );
  const mx = runModel(
    `cross_lagged_${xName}`,
    `${xName}_next ~ ${xName}_c + outcome_c + ${xName}_first + outcome_first + ${re}`,
    frame,
    options.fit,
    data.nrow,
  );
  const effects: Record<string, Estimate> = {
    [`${options.process2} → outcome (within)`]: termEstimate(my.fit, { [`${xName}_c`]: 1 }),
    [`outcome → ${options.process2} (within)`]: termEstimate(mx.fit, { outcome_c: 1 }),
    "outcome autoregression (within)": termEstimate(my.fit, { outcome_c: 1 }),
    [`${options.process2} autoregression (within)`]: termEstimate(mx.fit, { [`${xName}_c`]: 1 }),
  };
  return {
    recipe: "cross-lagged",
    models: [my, mx],
    effects,
    notes: [
      "Approximates a latent curve model with structured residuals by a dynamic random-effects model: next-session values on current values, patient and therapist random intercepts, and the patients' first values (initial conditions, Wooldridge 2005) for the stable levels; common trends only, two separate lme4 models with uncorrelated residuals. On simulated 10-session data the lagged effects come out slightly low (docs/recipes.md, cross-lagged recovery); read them as conditional associations.",
    ],
  };
}

/** Each row's value of `values` at its patient's first row among `rows` (the initial condition). */
function firstOfPatient(data: PrnData, values: Float64Array, rows: readonly number[]): Float64Array {
  const first = new Map<string, number>();
  for (const i of rows) {
    const p = data.patient[i] as string;
    const j = first.get(p);
    if (j === undefined || (data.session[i] as number) < (data.session[j] as number)) first.set(p, i);
  }
  return Float64Array.from({ length: data.nrow }, (_, i) => {
    const j = first.get(data.patient[i] as string);
    return j === undefined ? Number.NaN : (values[j] as number);
  });
}

/** values minus their mean over `rows` (grand-mean centring: the coefficients are unchanged, the intercept readable). */
function centred(values: Float64Array, rows: readonly number[]): Float64Array {
  let m = 0;
  for (const i of rows) m += values[i] as number;
  m /= rows.length;
  return Float64Array.from(values, (v) => v - m);
}

/** Each row's patient mean of `values` over `rows`. */
function patientMean(data: PrnData, values: Float64Array, rows: readonly number[]): Float64Array {
  const sum = new Map<string, [number, number]>();
  for (const i of rows) {
    const s = sum.get(data.patient[i] as string) ?? [0, 0];
    s[0] += values[i] as number;
    s[1]++;
    sum.set(data.patient[i] as string, s);
  }
  return Float64Array.from({ length: data.nrow }, (_, i) => {
    const s = sum.get(data.patient[i] as string);
    return s ? s[0] / s[1] : Number.NaN;
  });
}
