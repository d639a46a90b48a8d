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
 * Sessions coded with a rupture type whose intensity column is empty, for the intensity columns read: the
 * presence code (`rupture_withdrawal` beside `rupture_withdrawal_intensity`) says a type was coded, the
 * intensity is missing — codings of both types made before per-type intensities (observer form 0.1.0),
 * or a coding whose intensity was left unanswered. The models leave these sessions out.
 *
 * @example
 * codedWithoutIntensity(data, ["rupture_withdrawal_intensity", "rupture_confrontation_intensity"]);
 * // { sessions: 3, both: 3 }
 */
export function codedWithoutIntensity(
  data: PrnData,
  cols: readonly string[],
): { sessions: number; both: number } {
  const pairs = cols.flatMap((c) => {
    if (!c.toLowerCase().endsWith(INTENSITY_SUFFIX)) return [];
    const presence = data.source.columns.get(c.slice(0, -INTENSITY_SUFFIX.length));
    const intensity = data.source.columns.get(c);
    return presence?.type === "numeric" && intensity?.type === "numeric"
      ? [{ presence: presence.values, intensity: intensity.values }]
      : [];
  });
  let sessions = 0;
  let both = 0;
  for (let i = 0; i < data.nrow; i++) {
    let lacking = false;
    let coded = 0;
    for (const p of pairs) {
      const v = p.presence[i] as number;
      if (v === 1) coded++;
      if (Number.isFinite(v) && v > 0 && !Number.isFinite(p.intensity[i] as number)) lacking = true;
    }
    if (!lacking) continue;
    sessions++;
    if (pairs.length > 1 && coded === pairs.length) both++;
  }
  return { sessions, both };
}

/**
 * The warning for sessions left out because a coded type has no intensity (null when there are none).
 *
 * @example
 * missingIntensityWarning({ sessions: 3, both: 3 });
 */
export function missingIntensityWarning(n: { sessions: number; both: number }): string | null {
  if (n.sessions === 0) return null;
  const which =
    n.both === n.sessions
      ? `coded "both" before per-type intensities, observer form 0.1.0`
      : `${n.both} coded "both" before per-type intensities, observer form 0.1.0; ${n.sessions - n.both} with an intensity unanswered`;
  return `ruptures: ${n.sessions} coded session${n.sessions === 1 ? "" : "s"} left out for lack of an intensity by type (${which}); re-code ${n.sessions === 1 ? "it" : "them"} with the current observer form, which asks each type's intensity, to include ${n.sessions === 1 ? "it" : "them"}`;
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
  // Old "both" codings lack per-type intensities: every model says how many sessions it left out and why.
  const warning = missingIntensityWarning(codedWithoutIntensity(data, cols));
  const warned = warning
    ? models.map((m) => ({ ...m, summary: { ...m.summary, warnings: [...m.summary.warnings, warning] } }))
    : models;
  return {
    recipe: "ruptures",
    models: warned,
    effects,
    notes: [
      "Within: a session with more rupture than the patient's own average; between: patients with more ruptures overall.",
      ...(warning ? [warning] : []),
    ],
  };
}
