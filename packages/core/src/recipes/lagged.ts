import { InputError } from "@attune/stats";
import { deriveOutcomeNext } from "./derive.ts";
import { contrastEstimate } from "./estimate.ts";
import type { DataFrame } from "./engine.ts";
import { buildFrame } from "./frame.ts";
import { lagRowsOrThrow } from "./lagRows.ts";
import type { RecipeOptions } from "./options.ts";
import { requireRole, type PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { Estimate, ModelRun } from "./types.ts";
import { withinBetween } from "./withinBetween.ts";
import { levelEffects } from "./levelEffects.ts";
import { predictorColumns, splitLevels, type PredictorColumn } from "./levels.ts";
import { timeOf } from "./timeColumn.ts";

/** Output of the lagged within/between recipe. */
export interface LaggedResult {
  readonly recipe: "lagged";
  readonly models: readonly ModelRun[];
  readonly rater: "patient" | "therapist";
  readonly detrend: boolean;
  /** Effect of a session's alliance above the patient's own mean on next-session outcome. */
  readonly within: Estimate;
  /** Effect of the patient's mean alliance (with `betweenTherapist`: of the patient's mean − therapist's mean). */
  readonly between: Estimate;
  /** With `betweenTherapist`: effect of the therapist's mean alliance (alliance_tm). */
  readonly betweenTherapists?: Estimate;
  /** With predictors or moderators: predictor parts and alliance_wp × moderator, keyed `lagged: <what>`. */
  readonly effects?: Readonly<Record<string, Estimate>>;
  /** Between − within (the contextual effect). */
  readonly contextual: Estimate;
  readonly notes: readonly string[];
}

/**
 * Lagged data shared by `lagged` and `therapist-slopes`; rows also need every `extra` column present.
 *
 * @example
 * laggedFrame(data, {}).frame.names; // [..., "alliance_wp", "alliance_pm"]
 */
export function laggedFrame(data: PrnData, options: RecipeOptions, extra: readonly Float64Array[] = []) {
  const outcomeNext = deriveOutcomeNext(data, options.nextObserved ?? false);
  const time = timeOf(data, options.time);
  const rows = lagRowsOrThrow(data, outcomeNext, "lagged models").filter(
    (i) => !Number.isNaN(time[i] as number) && extra.every((c) => !Number.isNaN(c[i] as number)),
  );
  const rater = options.rater ?? "patient";
  if (rater === "therapist") requireRole(data, "alliance_therapist", "--rater therapist");
  const alliance = rater === "patient" ? data.alliance_patient : data.alliance_therapist;
  const wb = withinBetween(data, alliance, rows, options.detrend ?? false);
  const frame = buildFrame(data, rows, {
    time,
    outcome: data.outcome,
    outcome_next: outcomeNext,
    alliance_wp: wb.alliance_wp,
    alliance_pm: wb.alliance_pm,
  });
  const notes = wb.notDetrended
    ? [
        `${wb.notDetrended} patient(s) with fewer than 3 sessions in the model were mean-centred, not detrended`,
      ]
    : [];
  return { rows, rater, frame, notes, alliance: wb };
}

/**
 * Within/between lagged effects of alliance on next-session outcome:
 * `outcome_next ~ alliance_wp + alliance_pm + outcome + time + (1 | therapist) + (1 + alliance_wp |
 * therapist:patient)`, with alliance_pm the patient's mean (patient-rated, or therapist-rated with
 * `rater: "therapist"`) over the rows used and alliance_wp the deviation from it (detrended on request).
 * `betweenTherapist` replaces alliance_pm by alliance_pb (patient mean − therapist mean) + alliance_tm
 * (therapist mean − mean of therapists' means); `predictors` add their parts (see `splitLevels`);
 * `moderators` add `<m>_tm + alliance_wp:<m>_tm` and a therapist random slope `(1 + alliance_wp |
 * therapist)`, so the cross-level interaction is tested against the slopes' variation across therapists.
 *
 * @example
 * lagged(data, { fit: fitLmm }).within.estimate;
 */
export function lagged(data: PrnData, options: RecipeOptions): LaggedResult {
  const preds = predictorColumns(data, options.predictors ?? [], "lagged --predictors");
  const mods = predictorColumns(data, options.moderators ?? [], "lagged --moderator");
  const cols: PredictorColumn[] = [...preds, ...mods];
  const {
    rows,
    rater,
    frame: base,
    notes,
    alliance,
  } = laggedFrame(
    data,
    options,
    cols.map((c) => c.values),
  );
  const lt = splitLevels(data, rows, preds, mods);
  const split = options.betweenTherapist ?? false;
  const added: Record<string, Float64Array> = { ...lt.columns };
  if (split) {
    const a = splitLevels(
      data,
      rows,
      [{ label: "alliance", stem: "alliance", values: alliance.alliance_pm }],
      [],
    );
    if (!a.predictors[0]?.betweenPatients) {
      throw new InputError(
        "lagged --between-therapist needs therapists with two or more patients in the model's rows (each therapist has one)",
      );
    }
    Object.assign(added, a.columns);
  }
  const frame = addColumns(base, rows, added);
  const allianceTerms = split ? "alliance_wp + alliance_pb + alliance_tm" : "alliance_wp + alliance_pm";
  const fixed = [
    allianceTerms,
    "outcome",
    "time",
    ...lt.terms,
    ...lt.moderators.map((m) => `alliance_wp:${m.column}`),
  ].join(" + ");
  const therapistRe = lt.moderators.length ? "(1 + alliance_wp | therapist)" : "(1 | therapist)";
  const formula = `outcome_next ~ ${fixed} + ${therapistRe} + (1 + alliance_wp | therapist:patient)`;
  const model = runModel("lagged", formula, frame, options.fit, data.nrow);
  const names = model.fit.fixefNames;
  const unit = (term: string) => Float64Array.from(names, (n) => (n === term ? 1 : 0));
  const wp = unit("alliance_wp");
  const pm = unit(split ? "alliance_pb" : "alliance_pm");
  const extra = preds.length + mods.length > 0;
  return {
    recipe: "lagged",
    models: [model],
    rater,
    detrend: options.detrend ?? false,
    within: contrastEstimate(model.fit, wp),
    between: contrastEstimate(model.fit, pm),
    contextual: contrastEstimate(
      model.fit,
      pm.map((v, i) => v - (wp[i] as number)),
    ),
    ...(split && { betweenTherapists: contrastEstimate(model.fit, unit("alliance_tm")) }),
    ...(extra && { effects: levelEffects(model, lt, "alliance_wp") }),
    notes,
  };
}

function addColumns(
  frame: DataFrame,
  rows: readonly number[],
  columns: Readonly<Record<string, Float64Array>>,
): DataFrame {
  const out = new Map(frame.columns);
  for (const [name, values] of Object.entries(columns)) {
    out.set(name, { type: "numeric", values: Float64Array.from(rows, (i) => values[i] as number) });
  }
  return { nrow: frame.nrow, names: [...out.keys()], columns: out };
}
