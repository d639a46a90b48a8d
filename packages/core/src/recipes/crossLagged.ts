// Two processes lagged both ways (e.g. confidence in the therapist and symptoms): a dynamic random-effects
// model with initial conditions (Wooldridge 2005) in lme4's terms. Each next-session value is modelled on
// both processes' current values (not their deviations from the patient's mean or trend: with 5–10
// sessions those carry the patient's own future and bias the lagged effects towards zero and below, the
// Nickell bias that made the earlier within-centred version recover autoregressions of 0 for 0.30), with
// patient and therapist random intercepts; the patient's first values of both processes stand for the
// part of the stable level that the random intercept cannot be assumed independent of. By default both
// equations are one stacked model whose random intercepts of the two processes are correlated
// (crossLaggedStacked.ts); the earlier two separate equations (the outcome's with the patient mean of
// the second process) remain as `crossLaggedModel: "separate"`. An approximation of a latent curve model
// with structured residuals (LCM-SR): stable levels are random intercepts, trends are common (time).
import { InputError } from "@attune/stats";
import { stackedCrossLagged } from "./crossLaggedStacked.ts";
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
 * Models the outcome y and the second process x lagged both ways. Default ("stacked"), model
 * `cross_lagged`: both next-session values in one model,
 * `next_value ~ 0 + process + process:(outcome_c + x_c + outcome_first + x_first + time) +
 * (0 + is_outcome + is_x | therapist) + (0 + is_outcome + is_x | therapist:patient)` (one residual
 * variance for both processes, as lme4 allows). `crossLaggedModel: "separate"`: models
 * `cross_lagged_outcome`, `y_next ~ y_c + x_c + y_first + x_first + x_pm + time + (1 | therapist) +
 * (1 | therapist:patient)`, and `cross_lagged_<x>`, `x_next ~ x_c + y_c + x_first + y_first + time + …`.
 * _c is the value at session s centred on its mean over the rows used, _first the patient's value at
 * their first row used (centred likewise), x_pm the patient's mean of x (centred). The _c slopes are the
 * lagged effects (autoregressions and cross-lags). Rows: both processes present at sessions s and s + 1
 * of the same patient.
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
  const shared = {
    outcome_c: centred(y, rows),
    [`${xName}_c`]: centred(x, rows),
    outcome_first: centred(firstOfPatient(data, y, rows), rows),
    [`${xName}_first`]: centred(firstOfPatient(data, x, rows), rows),
    time: deriveTime(data),
  };
  const p2 = options.process2;
  const label = {
    xy: `${p2} → outcome (within)`,
    yx: `outcome → ${p2} (within)`,
    yy: "outcome autoregression (within)",
    xx: `${p2} autoregression (within)`,
  };
  if ((options.crossLaggedModel ?? "stacked") === "stacked") {
    const s = stackedCrossLagged(data, rows, xName, yNext, xNext, shared);
    const m = runModel("cross_lagged", s.formula, s.frame, options.fit, 2 * data.nrow);
    const est = (proc: string, p: string) => termEstimate(m.fit, { [s.term(proc, p)]: 1 });
    return {
      recipe: "cross-lagged",
      models: [m],
      effects: {
        [label.xy]: est("outcome", `${xName}_c`),
        [label.yx]: est(xName, "outcome_c"),
        [label.yy]: est("outcome", "outcome_c"),
        [label.xx]: est(xName, `${xName}_c`),
      },
      notes: [
        "Approximates a latent curve model with structured residuals by a dynamic random-effects model: both processes' next-session values in one model on both current values, the patients' first values (initial conditions, Wooldridge 2005), common trends, and random intercepts per therapist and per patient that are correlated between the two processes; one residual variance for both (lme4 has no per-process residual variance). On simulated 10-session data the lagged effects come out somewhat low (docs/recipes.md, cross-lagged recovery); read them as conditional associations.",
      ],
    };
  }
  const frame = buildFrame(data, rows, {
    ...shared,
    outcome_next: yNext,
    [`${xName}_next`]: xNext,
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
    [label.xy]: termEstimate(my.fit, { [`${xName}_c`]: 1 }),
    [label.yx]: termEstimate(mx.fit, { outcome_c: 1 }),
    [label.yy]: termEstimate(my.fit, { outcome_c: 1 }),
    [label.xx]: termEstimate(mx.fit, { [`${xName}_c`]: 1 }),
  };
  return {
    recipe: "cross-lagged",
    models: [my, mx],
    effects,
    notes: [
      "The separate equations (crossLaggedModel separate): two lme4 models with uncorrelated residuals; the outcome's takes the patient mean of the second process for its stable level, which includes later values that respond to the outcome, so confidence → outcome comes out clearly low on simulated data (docs/recipes.md, cross-lagged recovery). The default stacked model is less biased.",
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
