// Both raters' alliance in one stacked model: does growth (and its arm effect) differ between the
// patient's and the therapist's view? One row per rating; rater-specific intercepts, growth and random
// effects, as lme4 expresses a bivariate growth model (one residual variance for both raters: lme4 has
// no per-rater residual variance).
import { InputError } from "@attune/stats";
import { armsAmong } from "./arms.ts";
import type { Column, DataFrame } from "./engine.ts";
import { termEstimate, type EffectsResult } from "./effects.ts";
import type { RecipeOptions } from "./options.ts";
import { requireRole, type PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { Estimate } from "./types.ts";

export type RatersResult = EffectsResult<"raters">;

/**
 * Model `raters` on the stacked ratings (rater = "patient" | "therapist", reference patient):
 * `alliance ~ rater * time * condition + (0 + is_patient + is_therapist | therapist) +
 * (0 + is_patient + is_therapist + time_patient + time_therapist | therapist:patient)`,
 * time = session − 1, is_<r> = 1 for rater r's rows, time_<r> = time · is_<r>. Effects: growth per rater
 * (per arm), the rater difference in growth, and (two arms) the arm effect on growth per rater and its
 * difference between raters (the three-way interaction). Without arms, condition is left out.
 *
 * @example
 * raters(data, {}).effects["growth: therapist − patient"];
 */
export function raters(data: PrnData, options: RecipeOptions): RatersResult {
  requireRole(data, "alliance_therapist", "raters (both raters' alliance)");
  const rows: { i: number; rater: "patient" | "therapist"; y: number }[] = [];
  for (let i = 0; i < data.nrow; i++) {
    const c = data.condition[i];
    if (c === null || (typeof c === "number" && Number.isNaN(c))) continue;
    for (const rater of ["patient", "therapist"] as const) {
      const y = (rater === "patient" ? data.alliance_patient : data.alliance_therapist)[i] as number;
      if (!Number.isNaN(y)) rows.push({ i, rater, y });
    }
  }
  if (rows.length === 0) throw new InputError("raters: no alliance ratings with a condition to fit");
  const arms = armsAmong(
    data,
    rows.map((r) => r.i),
  );
  const cond = data.condition;
  const columns = new Map<string, Column>([
    ["therapist", { type: "categorical", values: rows.map((r) => data.therapist[r.i] as string) }],
    ["patient", { type: "categorical", values: rows.map((r) => data.patient[r.i] as string) }],
    [
      "condition",
      cond instanceof Float64Array
        ? { type: "numeric", values: Float64Array.from(rows, (r) => cond[r.i] as number) }
        : { type: "categorical", values: rows.map((r) => cond[r.i] ?? null) },
    ],
    ["session", { type: "numeric", values: Float64Array.from(rows, (r) => data.session[r.i] as number) }],
    ["rater", { type: "categorical", values: rows.map((r) => r.rater) }],
    ["alliance", { type: "numeric", values: Float64Array.from(rows, (r) => r.y) }],
    ["time", { type: "numeric", values: Float64Array.from(rows, (r) => (data.session[r.i] as number) - 1) }],
    [
      "is_patient",
      { type: "numeric", values: Float64Array.from(rows, (r) => (r.rater === "patient" ? 1 : 0)) },
    ],
    [
      "is_therapist",
      { type: "numeric", values: Float64Array.from(rows, (r) => (r.rater === "therapist" ? 1 : 0)) },
    ],
    [
      "time_patient",
      {
        type: "numeric",
        values: Float64Array.from(rows, (r) =>
          r.rater === "patient" ? (data.session[r.i] as number) - 1 : 0,
        ),
      },
    ],
    [
      "time_therapist",
      {
        type: "numeric",
        values: Float64Array.from(rows, (r) =>
          r.rater === "therapist" ? (data.session[r.i] as number) - 1 : 0,
        ),
      },
    ],
  ]);
  const frame: DataFrame = { nrow: rows.length, names: [...columns.keys()], columns };
  const twoArms = arms.length === 2 && arms[0] !== null && !Number.isNaN(arms[1]!.value);
  const fixed = arms[0] ? "rater * time * condition" : "rater * time";
  const formula =
    `alliance ~ ${fixed} + (0 + is_patient + is_therapist | therapist) + ` +
    "(0 + is_patient + is_therapist + time_patient + time_therapist | therapist:patient)";
  const model = runModel("raters", formula, frame, options.fit, 2 * data.nrow);
  const fit = model.fit;
  const effects: Record<string, Estimate> = {};
  const notes: string[] = [
    "One residual variance for both raters (lme4 cannot give each rater its own); the rater-specific random effects carry their different spreads.",
  ];
  if (!arms[0] || twoArms) {
    // numeric 0/1 arm (or none): growth at condition = 0, and the arm's effect on it
    const ref = arms[0] ? `condition ${arms[0].label}` : "all";
    effects[`growth, patient, ${ref}`] = termEstimate(fit, { time: 1 });
    effects[`growth, therapist, ${ref}`] = termEstimate(fit, { time: 1, "ratertherapist:time": 1 });
    effects[`growth: therapist − patient, ${ref}`] = termEstimate(fit, { "ratertherapist:time": 1 });
    if (twoArms) {
      const d = arms[1]!.value - arms[0]!.value;
      effects[`arm effect on growth, patient (${arms[1]!.label} − ${arms[0]!.label})`] = termEstimate(fit, {
        "time:condition": d,
      });
      effects[`arm effect on growth, therapist (${arms[1]!.label} − ${arms[0]!.label})`] = termEstimate(fit, {
        "time:condition": d,
        "ratertherapist:time:condition": d,
      });
      effects["arm effect on growth: therapist − patient"] = termEstimate(fit, {
        "ratertherapist:time:condition": d,
      });
    }
  } else {
    notes.push("Categorical arms: read the arm terms of the fixed-effect table.");
  }
  return { recipe: "raters", models: [model], effects, notes };
}
