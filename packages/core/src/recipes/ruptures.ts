// Observer-coded (or patient-reported) rupture intensity by type: at session t on the patient's alliance
// at t, and on the outcome at t + 1, each split into the patient's mean (between) and the session's
// deviation from it (within).
import { InputError } from "@attune/stats";
import { completeRows, deriveOutcomeNext, deriveTime } from "./derive.ts";
import { termEstimate, type EffectsResult } from "./effects.ts";
import { numericColumn, safeName, splitByUnit } from "./extraColumns.ts";
import { buildFrame } from "./frame.ts";
import type { RecipeOptions } from "./options.ts";
import { requireRole, type PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { Estimate } from "./types.ts";

export type RupturesResult = EffectsResult<"ruptures">;

/** The long table's per-type intensity columns end so (rupture_withdrawal_intensity, …). */
const INTENSITY_SUFFIX = "_intensity";

/**
 * The rupture columns the recipe reads when none are named: the columns named `rupture*` that have values;
 * of those, each type's intensity when the data have any (the long table carries both, and presence is
 * implied by intensity > 0), else the presence codes (codings made before per-type intensities).
 *
 * @example
 * defaultRuptureColumns(data); // ["rupture_withdrawal_intensity", "rupture_confrontation_intensity"]
 */
export function defaultRuptureColumns(data: PrnData): string[] {
  const named = data.source.names.filter((n) => n.toLowerCase().startsWith("rupture"));
  const filled = named.filter((n) => {
    const col = data.source.columns.get(n);
    return col?.type !== "numeric" || col.values.some((v) => Number.isFinite(v));
  });
  const intensity = filled.filter((n) => n.toLowerCase().endsWith(INTENSITY_SUFFIX));
  if (intensity.length > 0) return intensity;
  const presence = filled.filter((n) => !n.toLowerCase().endsWith(INTENSITY_SUFFIX));
  return presence.length > 0 ? presence : named;
}

/**
 * Models `ruptures_alliance`: `alliance_patient ~ r_wp + r_pm (each type) + time + (1 | therapist) +
 * (1 | therapist:patient)` and `ruptures_outcome`: `outcome_next ~ r_wp + r_pm (each type) + outcome +
 * time + (1 | therapist) + (1 | therapist:patient)`, r_pm = the patient's mean intensity over that
 * model's rows, r_wp = the session's deviation. The outcome model is fitted when the data have an outcome.
 *
 * @example
 * ruptures(data, { ruptureColumns: ["rupture_confrontation"] }).effects;
 */
export function ruptures(data: PrnData, options: RecipeOptions): RupturesResult {
  const cols = options.ruptureColumns ?? defaultRuptureColumns(data);
  if (cols.length === 0) {
    throw new InputError(
      `ruptures: no rupture columns; name them with --ruptures a,b (the data have columns: ${data.source.names.join(", ")})`,
    );
  }
  const values = cols.map((c) => numericColumn(data, c, "ruptures"));
  const names = cols.map(safeName);
  const time = deriveTime(data);
  const models = [];
  const effects: Record<string, Estimate> = {};
  const fitOne = (
    name: string,
    response: string,
    rows: number[],
    extra: Record<string, Float64Array>,
    controls: string,
  ) => {
    const parts: Record<string, Float64Array> = { time, ...extra };
    const terms: string[] = [];
    values.forEach((v, k) => {
      const s = splitByUnit(data, v, rows, "patient", false);
      parts[`${names[k]}_wp`] = s.within;
      parts[`${names[k]}_pm`] = s.mean;
      terms.push(`${names[k]}_wp`, `${names[k]}_pm`);
    });
    const formula = `${response} ~ ${terms.join(" + ")} + ${controls}time + (1 | therapist) + (1 | therapist:patient)`;
    const m = runModel(name, formula, buildFrame(data, rows, parts), options.fit, data.nrow);
    cols.forEach((c, k) => {
      effects[`${name}: ${c} within`] = termEstimate(m.fit, { [`${names[k]}_wp`]: 1 });
      effects[`${name}: ${c} between`] = termEstimate(m.fit, { [`${names[k]}_pm`]: 1 });
    });
    return m;
  };
  const aRows = completeRows(data.nrow, [data.alliance_patient, ...values]);
  models.push(
    fitOne("ruptures_alliance", "alliance_patient", aRows, { alliance_patient: data.alliance_patient }, ""),
  );
  if (!data.absent.has("outcome")) {
    requireRole(data, "outcome", "ruptures");
    const next = deriveOutcomeNext(data);
    const oRows = completeRows(data.nrow, [data.outcome, next, ...values]);
    if (oRows.length > 0) {
      models.push(
        fitOne(
          "ruptures_outcome",
          "outcome_next",
          oRows,
          { outcome: data.outcome, outcome_next: next },
          "outcome + ",
        ),
      );
    }
  }
  return {
    recipe: "ruptures",
    models,
    effects,
    notes: [
      "Within: a session with more rupture than the patient's own average; between: patients with more ruptures overall.",
    ],
  };
}
