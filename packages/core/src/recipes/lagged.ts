import { deriveOutcomeNext, deriveTime } from "./derive.ts";
import { contrastEstimate } from "./estimate.ts";
import { buildFrame } from "./frame.ts";
import { lagRowsOrThrow } from "./lagRows.ts";
import type { RecipeOptions } from "./options.ts";
import { requireRole, type PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { Estimate, ModelRun } from "./types.ts";
import { withinBetween } from "./withinBetween.ts";

/** Output of the lagged within/between recipe. */
export interface LaggedResult {
  readonly recipe: "lagged";
  readonly models: readonly ModelRun[];
  readonly rater: "patient" | "therapist";
  readonly detrend: boolean;
  /** Effect of a session's alliance above the patient's own mean on next-session outcome. */
  readonly within: Estimate;
  /** Effect of the patient's mean alliance. */
  readonly between: Estimate;
  /** Between − within (the contextual effect). */
  readonly contextual: Estimate;
  readonly notes: readonly string[];
}

/** Lagged data shared by `lagged` and `therapist-slopes`. */
export function laggedFrame(data: PrnData, options: RecipeOptions) {
  const outcomeNext = deriveOutcomeNext(data);
  const rows = lagRowsOrThrow(data, outcomeNext, "lagged models");
  const rater = options.rater ?? "patient";
  if (rater === "therapist") requireRole(data, "alliance_therapist", "--rater therapist");
  const alliance = rater === "patient" ? data.alliance_patient : data.alliance_therapist;
  const wb = withinBetween(data, alliance, rows, options.detrend ?? false);
  const frame = buildFrame(data, rows, {
    time: deriveTime(data),
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
  return { rows, rater, frame, notes };
}

/**
 * Within/between lagged effects of alliance on next-session outcome:
 * `outcome_next ~ alliance_wp + alliance_pm + outcome + time + (1 | therapist) + (1 + alliance_wp |
 * therapist:patient)`, with alliance_pm the patient's mean (patient-rated, or therapist-rated with
 * `rater: "therapist"`) over the rows used and alliance_wp the deviation from it (detrended on request).
 *
 * @example
 * lagged(data, { fit: fitLmm }).within.estimate;
 */
export function lagged(data: PrnData, options: RecipeOptions): LaggedResult {
  const { rater, frame, notes } = laggedFrame(data, options);
  const formula =
    "outcome_next ~ alliance_wp + alliance_pm + outcome + time + (1 | therapist) + (1 + alliance_wp | therapist:patient)";
  const model = runModel("lagged", formula, frame, options.fit, data.nrow);
  const names = model.fit.fixefNames;
  const unit = (term: string) => Float64Array.from(names, (n) => (n === term ? 1 : 0));
  const wp = unit("alliance_wp");
  const pm = unit("alliance_pm");
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
    notes,
  };
}
