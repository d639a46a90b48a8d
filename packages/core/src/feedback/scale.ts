// Putting scores on the common 0–100 metric, and reading a scale's direction and reliable change.
import { percentOfMaxFor, scaleRange } from "../instruments/scoring.ts";
import type { Instrument } from "../instruments/types.ts";
import type { FeedbackScale } from "./types.ts";

/**
 * The feedback scale of an instrument's total: its range, direction and reliable-change threshold on
 * the 0–100 metric. A threshold published in raw points is converted; `threshold` (0–100 points)
 * replaces the instrument's (required in effect for alliance forms, none of which has one established).
 *
 * @example
 * feedbackScale(getInstrument("who-5")); // { id: "who-5", min: 0, max: 25, higherIsBetter: true, reliableChange: 10, ... }
 */
export function feedbackScale(instrument: Instrument, options: { threshold?: number } = {}): FeedbackScale {
  const total = instrument.scoring.total;
  if (!total) throw new Error(`${instrument.id} has no total score to give feedback on`);
  const range = scaleRange(instrument, total);
  const rule = instrument.scoring.reliableChange;
  let reliableChange: number | null = null;
  let source = instrument.scoring.reliableChangeNote ?? "no reliable-change threshold established";
  if (options.threshold !== undefined) {
    reliableChange = options.threshold;
    source = "threshold given by the network (0–100 points)";
  } else if (rule && rule.scale === total.id) {
    reliableChange =
      rule.metric === "percentOfMax" ? rule.threshold : (rule.threshold * 100) / (range.max - range.min);
    source = rule.source;
  }
  return {
    id: instrument.id,
    min: range.min,
    max: range.max,
    higherIsBetter: instrument.scoring.higherIsBetter,
    reliableChange,
    reliableChangeSource: source,
  };
}

/**
 * A stored score put on the 0–100 metric with the scale it was recorded on (its form's definition, or
 * the scale declared at import), to one decimal as the dashboard's series keep it. A value beyond its
 * scale (an imported score on another metric than the assumed 1–5) is clamped onto 0–100 rather than
 * failing the dashboard; the import warns about such values and asks for the scale.
 *
 * @example
 * seriesPercent({ min: 1, max: 5 }, 4.25); // 81.3
 */
export function seriesPercent(scale: { readonly min: number; readonly max: number }, score: number): number {
  return Math.min(100, Math.max(0, Math.round(((score - scale.min) / (scale.max - scale.min)) * 1000) / 10));
}

/**
 * The feedback scale of series already on the 0–100 metric (seriesPercent), in a form's direction and
 * with a reliable-change threshold in 0–100 points (null: none established). A network's dyads mix forms
 * (library, demo, imported), so its rules compare them on this common metric.
 *
 * @example
 * commonMetricScale("phq-9", null, false); // { id: "phq-9", min: 0, max: 100, higherIsBetter: false, ... }
 */
export function commonMetricScale(
  id: string,
  reliableChange: number | null,
  higherIsBetter = true,
  source = "network calibration on simulated data (docs/feedback.md)",
): FeedbackScale {
  return {
    id,
    min: 0,
    max: 100,
    higherIsBetter,
    reliableChange,
    reliableChangeSource: reliableChange === null ? "none" : source,
  };
}

/**
 * A raw score on the 0–100 metric (percent of the scale's maximum); null stays null.
 *
 * @example
 * toPercent({ min: 1, max: 5 } as FeedbackScale, 4); // 75
 */
export function toPercent(scale: Pick<FeedbackScale, "min" | "max">, score: number | null): number | null {
  if (score === null || Number.isNaN(score)) return null;
  if (score < scale.min - 1e-9 || score > scale.max + 1e-9) {
    throw new RangeError(`score ${score} is outside the scale range ${scale.min}–${scale.max}`);
  }
  return percentOfMaxFor(scale, score);
}

/**
 * A score on the 0–100 metric turned so that higher is better (100 − percent for symptom scales).
 *
 * @example
 * toBetterPercent({ min: 0, max: 27, higherIsBetter: false } as FeedbackScale, 27); // 0
 */
export function toBetterPercent(scale: FeedbackScale, score: number | null): number | null {
  const p = toPercent(scale, score);
  return p === null || scale.higherIsBetter ? p : 100 - p;
}
