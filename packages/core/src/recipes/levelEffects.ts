import { termEstimate } from "./effects.ts";
import { interactionName, type LevelTerms } from "./levels.ts";
import type { Estimate, ModelRun } from "./types.ts";

/**
 * The named effects of a model's predictor parts and cross-level interactions: `<model>: <x> within
 * patient`, `… between patients`, `… between therapists`, `<model>: <m> (therapist attribute)` and
 * `<model>: <focal> × <m>` for each moderator m of the focal slope.
 *
 * @example
 * levelEffects(model, splitLevels(data, rows, preds, mods), "time")["growth_patient: time × years"];
 */
export function levelEffects(model: ModelRun, lt: LevelTerms, focal: string): Record<string, Estimate> {
  const out: Record<string, Estimate> = {};
  const fit = model.fit;
  for (const p of lt.predictors) {
    if (p.withinPatient)
      out[`${model.name}: ${p.label} within patient`] = termEstimate(fit, { [p.withinPatient]: 1 });
    if (p.betweenPatients)
      out[`${model.name}: ${p.label} between patients`] = termEstimate(fit, { [p.betweenPatients]: 1 });
    out[`${model.name}: ${p.label} between therapists`] = termEstimate(fit, { [p.betweenTherapists]: 1 });
  }
  for (const m of lt.moderators) {
    out[`${model.name}: ${m.label} (therapist attribute)`] = termEstimate(fit, { [m.column]: 1 });
    out[`${model.name}: ${focal} × ${m.label}`] = termEstimate(fit, {
      [interactionName(fit.fixefNames, focal, m.column)]: 1,
    });
  }
  return out;
}
