// Session modality (in person / video / phone): its effect on the alliance and the outcome within
// therapist — each modality indicator split into the therapist's share of sessions in it (between) and
// the session's deviation from that share (within), so therapists who mostly work online do not
// masquerade as an effect of the medium.
import { InputError } from "@attune/stats";
import { completeRows, deriveTime } from "./derive.ts";
import { termEstimate, type EffectsResult } from "./effects.ts";
import { labelColumn, safeName, splitByUnit } from "./extraColumns.ts";
import { buildFrame } from "./frame.ts";
import type { RecipeOptions } from "./options.ts";
import type { PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { Estimate } from "./types.ts";

export type ModalityResult = EffectsResult<"modality">;

const REFERENCE = ["in person", "in-person", "in_person", "inperson", "office", "face to face"];

/**
 * Models `modality_alliance` (`alliance_patient ~ m_<level>_wt + m_<level>_tm (each non-reference level)
 * + time + (1 | therapist) + (1 | therapist:patient)`) and, with an outcome, `modality_outcome` (same
 * right-hand side, outcome at the same session). The reference level is "in person" when present, else
 * the first in sorted order; m_<level>_tm = the therapist's share of sessions in that modality (over the
 * model's rows), m_<level>_wt = indicator − share.
 *
 * @example
 * modality(data, {}).effects["modality_alliance: video vs in person (within therapist)"];
 */
export function modality(data: PrnData, options: RecipeOptions): ModalityResult {
  const column = options.modality ?? "modality";
  const labels = labelColumn(data, column, "modality");
  const levels = [...new Set(labels.filter((l): l is string => l !== null))].sort();
  if (levels.length === 0) {
    throw new InputError(
      `modality: no session in the chosen data has a modality (column "${column}" is empty); record each session's modality (in person, video, phone) first`,
    );
  }
  if (levels.length < 2) {
    throw new InputError(
      `modality: column "${column}" needs at least two modalities, found ${levels.length} (${levels.join(", ")})`,
    );
  }
  const reference = levels.find((l) => REFERENCE.includes(l.toLowerCase())) ?? (levels[0] as string);
  const others = levels.filter((l) => l !== reference);
  const dummies = others.map((l) =>
    Float64Array.from(labels, (v) => (v === null ? Number.NaN : v === l ? 1 : 0)),
  );
  const names = others.map((l) => `m_${safeName(l)}`);
  const time = deriveTime(data);
  const models = [];
  const effects: Record<string, Estimate> = {};
  for (const [name, y] of [
    ["modality_alliance", data.alliance_patient],
    ...(data.absent.has("outcome") ? [] : [["modality_outcome", data.outcome] as const]),
  ] as const) {
    const rows = completeRows(data.nrow, [y, ...dummies]);
    const parts: Record<string, Float64Array> = { time, y };
    const terms: string[] = [];
    dummies.forEach((d, k) => {
      const s = splitByUnit(data, d, rows, "therapist", false);
      parts[`${names[k]}_wt`] = s.within;
      parts[`${names[k]}_tm`] = s.mean;
      terms.push(`${names[k]}_wt`, `${names[k]}_tm`);
    });
    const formula = `y ~ ${terms.join(" + ")} + time + (1 | therapist) + (1 | therapist:patient)`;
    const m = runModel(name, formula, buildFrame(data, rows, parts), options.fit, data.nrow);
    models.push(m);
    others.forEach((l, k) => {
      effects[`${name}: ${l} vs ${reference} (within therapist)`] = termEstimate(m.fit, {
        [`${names[k]}_wt`]: 1,
      });
      effects[`${name}: ${l} share (between therapists)`] = termEstimate(m.fit, { [`${names[k]}_tm`]: 1 });
    });
  }
  return {
    recipe: "modality",
    models,
    effects,
    notes: [
      `Response y = the patient's alliance (modality_alliance) or the outcome at the same session (modality_outcome); reference modality: ${reference}.`,
    ],
  };
}
