import { InputError } from "@attune/stats";
import type { DataFrame } from "./engine.ts";
import { contrastEstimate } from "./estimate.ts";
import { laggedFrame } from "./lagged.ts";
import { rowRef } from "./prepare.ts";
import { qNormal } from "@attune/stats";
import type { RecipeOptions } from "./options.ts";
import type { PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { Estimate, ModelRun, UnitEstimate } from "./types.ts";

/** Output of the therapist-slopes recipe. */
export interface TherapistSlopesResult {
  readonly recipe: "therapist-slopes";
  readonly models: readonly ModelRun[];
  readonly rater: "patient" | "therapist";
  /** Average within-patient slope (at the mean moderator). */
  readonly slope: Estimate;
  /** SD of the slopes across therapists (random-effect SD). */
  readonly slopeSd: number;
  /** Each therapist's slope: fixed part (at their moderator value) + conditional mode, 95% interval. */
  readonly therapists: readonly UnitEstimate[];
  /** Moderation of the slope by a therapist-level variable (centred over therapists). */
  readonly moderator: {
    readonly column: string;
    readonly center: number;
    readonly interaction: Estimate;
  } | null;
  readonly notes: readonly string[];
}

const Z = qNormal(0.975);

/**
 * Therapists who differ in how much their alliances drive improvement:
 * `outcome_next ~ alliance_wp + alliance_pm + outcome + time + (1 + alliance_wp | therapist) +
 * (1 | therapist:patient)` (model `therapist_slopes`). With `moderator`, a numeric therapist-level
 * column (centred over therapists, as `<column>_c`) and its interaction with alliance_wp are added.
 *
 * @example
 * therapistSlopes(data, { fit: fitLmm }).slopeSd;
 */
export function therapistSlopes(data: PrnData, options: RecipeOptions): TherapistSlopesResult {
  const { rows, rater, frame: base, notes } = laggedFrame(data, options);
  let frame = base;
  let fixed = "alliance_wp + alliance_pm + outcome + time";
  let mod: { column: string; center: number; name: string; byTherapist: Map<string, number> } | null = null;
  if (options.moderator) {
    mod = moderatorColumn(data, rows, options.moderator);
    frame = withColumn(
      base,
      mod.name,
      Float64Array.from(
        rows,
        (i) =>
          (mod as { byTherapist: Map<string, number> }).byTherapist.get(
            data.therapist[i] as string,
          ) as number,
      ),
    );
    fixed = `alliance_wp * ${mod.name} + alliance_pm + outcome + time`;
  }
  const formula = `outcome_next ~ ${fixed} + (1 + alliance_wp | therapist) + (1 | therapist:patient)`;
  const model = runModel("therapist_slopes", formula, frame, options.fit, data.nrow);
  const names = model.fit.fixefNames;
  const beta = model.fit.fixef.map((f) => f.estimate);
  const coef = (t: string) => beta[names.indexOf(t)] ?? 0;
  const unit = (term: string) => Float64Array.from(names, (n) => (n === term ? 1 : 0));
  const sdEntry = model.summary.varcorr.find(
    (v) => v.group === "therapist" && "sd" in v && "term" in v && v.term === "alliance_wp",
  );
  const re = model.fit.ranef.find((r) => r.group === "therapist");
  if (!re) throw new InputError(`therapist_slopes: the fit has no random effects for "therapist"`);
  const k = re.terms.length;
  const e = re.terms.indexOf("alliance_wp");
  const interactionName = mod
    ? names.find((n) => n.split(":").sort().join(":") === ["alliance_wp", mod.name].sort().join(":"))
    : undefined;
  const therapists = re.levels.map((unitName, l): UnitEstimate => {
    const w = mod ? (mod.byTherapist.get(unitName) ?? 0) : 0;
    const est =
      coef("alliance_wp") +
      (interactionName ? coef(interactionName) * w : 0) +
      (re.modes[l * k + e] as number);
    const sd = re.condSd[l * k + e] as number;
    return { unit: unitName, arm: null, estimate: est, condSd: sd, lower: est - Z * sd, upper: est + Z * sd };
  });
  return {
    recipe: "therapist-slopes",
    models: [model],
    rater,
    slope: contrastEstimate(model.fit, unit("alliance_wp")),
    slopeSd: sdEntry && "sd" in sdEntry ? sdEntry.sd : 0,
    therapists,
    moderator:
      mod && interactionName
        ? {
            column: mod.column,
            center: mod.center,
            interaction: contrastEstimate(model.fit, unit(interactionName)),
          }
        : null,
    notes,
  };
}

function moderatorColumn(data: PrnData, rows: readonly number[], column: string) {
  const col = data.source.columns.get(column);
  if (!col)
    throw new InputError(
      `moderator column "${column}" not found; the data has columns: ${data.source.names.join(", ")}`,
    );
  if (col.type !== "numeric") {
    const i = col.values.findIndex((v) => v !== null);
    throw new InputError(
      `moderator column "${column}" must be numeric, but ${rowRef(i)} has "${col.values[i] ?? ""}"`,
    );
  }
  const byTherapist = new Map<string, number>();
  for (const i of rows) {
    const t = data.therapist[i] as string;
    const v = col.values[i] as number;
    if (Number.isNaN(v))
      throw new InputError(`moderator column "${column}" is missing at ${rowRef(i)} (therapist "${t}")`);
    const prev = byTherapist.get(t);
    if (prev !== undefined && prev !== v) {
      throw new InputError(
        `moderator column "${column}" must be constant within a therapist, but therapist "${t}" has ${prev} and ${v} (${rowRef(i)})`,
      );
    }
    byTherapist.set(t, v);
  }
  const center = [...byTherapist.values()].reduce((s, v) => s + v, 0) / byTherapist.size;
  for (const [t, v] of byTherapist) byTherapist.set(t, v - center);
  return { column, center, name: `${column}_c`, byTherapist };
}

function withColumn(frame: DataFrame, name: string, values: Float64Array): DataFrame {
  const columns = new Map(frame.columns);
  columns.set(name, { type: "numeric", values });
  return { nrow: frame.nrow, names: [...frame.names.filter((n) => n !== name), name], columns };
}
