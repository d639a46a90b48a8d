import { armsOf } from "./arms.ts";
import { completeRows, conditionPresent } from "./derive.ts";
import { designRow, quadraticForm, slopeRow } from "./design.ts";
import { contrastEstimate } from "./estimate.ts";
import { buildFrame } from "./frame.ts";
import { qNormal } from "@attune/stats";
import type { RecipeOptions } from "./options.ts";
import type { PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { Arm, Estimate, ModelRun } from "./types.ts";
import { levelEffects } from "./levelEffects.ts";
import { predictorColumns, splitLevels } from "./levels.ts";
import { timeOf } from "./timeColumn.ts";

/** A point of a fitted population trajectory with its 95% confidence band. */
export interface TrajectoryPoint {
  readonly arm: string;
  readonly time: number;
  readonly session: number;
  readonly fit: number;
  readonly lower: number;
  readonly upper: number;
}

/** Growth of one rater's alliance. */
export interface RaterGrowth {
  readonly rater: "patient" | "therapist";
  readonly model: string;
  readonly slopes: ReadonlyArray<{ readonly arm: string; readonly slope: Estimate }>;
  /** Slope difference of each arm against the reference arm. */
  readonly differences: ReadonlyArray<{
    readonly arm: string;
    readonly reference: string;
    readonly difference: Estimate;
  }>;
  readonly trajectory: readonly TrajectoryPoint[];
}

/** Output of the growth recipe. */
export interface GrowthResult {
  readonly recipe: "growth";
  readonly models: readonly ModelRun[];
  readonly raters: readonly RaterGrowth[];
  /**
   * With predictors or moderators: each predictor part and each cross-level interaction (time ×
   * moderator) per model, keyed `<model>: <what>`.
   */
  readonly effects?: Readonly<Record<string, Estimate>>;
}

const Z = qNormal(0.975);

/**
 * Alliance growth per rater: `alliance ~ time * condition + (1 + time | therapist) + (1 + time |
 * therapist:patient)` (models `growth_patient`, `growth_therapist`); slopes per arm, the arm difference,
 * and population trajectories with 95% confidence bands (fixed-effect uncertainty). With one arm,
 * condition is left out; without therapist ratings, only `growth_patient` is fitted. `predictors` add
 * their within-patient, between-patient and between-therapist parts; `moderators` (therapist attributes,
 * centred over therapists as `<m>_tm`) add `<m>_tm + time:<m>_tm`; `time` replaces session − 1. Slopes
 * and trajectories are at the average of every predictor part and moderator.
 *
 * @example
 * growth(data, { fit: fitLmm }).raters[1].differences[0].difference.estimate; // trained − control slope
 */
export function growth(data: PrnData, options: RecipeOptions): GrowthResult {
  const time = timeOf(data, options.time);
  const preds = predictorColumns(data, options.predictors ?? [], "growth --predictors");
  const mods = predictorColumns(data, options.moderators ?? [], "growth --moderator");
  const effects: Record<string, Estimate> = {};
  const models: ModelRun[] = [];
  const raters: RaterGrowth[] = [];
  const raters_ = data.absent.has("alliance_therapist")
    ? (["patient"] as const)
    : (["patient", "therapist"] as const);
  for (const rater of raters_) {
    const alliance = rater === "patient" ? data.alliance_patient : data.alliance_therapist;
    const rows = completeRows(
      data.nrow,
      [alliance, time, ...preds.map((p) => p.values), ...mods.map((m) => m.values)],
      (i) => conditionPresent(data, i),
    );
    const sub = { ...data, condition: pick(data, rows) };
    const arms: (Arm | null)[] = armsOf(sub).length > 1 ? armsOf(sub) : [null];
    const lt = splitLevels(data, rows, preds, mods);
    const fixed = [
      arms[0] ? "time * condition" : "time",
      ...lt.terms,
      ...lt.moderators.map((m) => `time:${m.column}`),
    ].join(" + ");
    const formula = `alliance ~ ${fixed} + (1 + time | therapist) + (1 + time | therapist:patient)`;
    const model = runModel(
      `growth_${rater}`,
      formula,
      buildFrame(data, rows, { time, alliance, ...lt.columns }),
      options.fit,
      data.nrow,
    );
    Object.assign(effects, levelEffects(model, lt, "time"));
    models.push(model);
    const fit = model.fit;
    const names = fit.fixefNames;
    const beta = fit.fixef.map((f) => f.estimate);
    const slopes = arms.map((arm) => ({
      arm: arm?.label ?? "all",
      slope: contrastEstimate(fit, slopeRow(names, "time", lt.zeros, arm)),
    }));
    const ref = slopeRow(names, "time", lt.zeros, arms[0] ?? null);
    const differences = arms.slice(1).map((arm) => ({
      arm: (arm as Arm).label,
      reference: (arms[0] as Arm).label,
      difference: contrastEstimate(
        fit,
        slopeRow(names, "time", lt.zeros, arm).map((v, i) => v - (ref[i] as number)),
      ),
    }));
    let maxTime = 0;
    for (const i of rows) maxTime = Math.max(maxTime, Math.ceil(time[i] as number));
    const trajectory: TrajectoryPoint[] = [];
    for (const arm of arms) {
      for (let t = 0; t <= maxTime; t++) {
        const L = designRow(names, { ...lt.zeros, time: t }, arm);
        const m = L.reduce((s, v, j) => s + v * (beta[j] as number), 0);
        const se = Math.sqrt(quadraticForm(L, fit.vcov));
        trajectory.push({
          arm: arm?.label ?? "all",
          time: t,
          session: t + 1,
          fit: m,
          lower: m - Z * se,
          upper: m + Z * se,
        });
      }
    }
    raters.push({ rater, model: model.name, slopes, differences, trajectory });
  }
  const extra = preds.length + mods.length > 0;
  return { recipe: "growth", models, raters, ...(extra && { effects }) };
}

function pick(data: PrnData, rows: readonly number[]): PrnData["condition"] {
  const c = data.condition;
  return c instanceof Float64Array
    ? Float64Array.from(rows, (i) => c[i] as number)
    : rows.map((i) => c[i] ?? null);
}
