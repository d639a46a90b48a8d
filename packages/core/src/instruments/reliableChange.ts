// Reliable and clinically significant change (Jacobson & Truax 1991).
import { meetsCutoff, percentOfMaxFor, scaleRange } from "./scoring.ts";
import type { Instrument, ReliableChangeRule, ScaleRule } from "./types.ts";

/**
 * The Jacobson–Truax reliable-change threshold: 1.96 × SD × √(2(1 − reliability)), the smallest
 * difference between two scores that measurement error alone would produce less than 5% of the time.
 *
 * @example
 * jacobsonTruaxThreshold(5, 0.84); // 1.96 × 5 × √0.32 ≈ 5.544
 */
export function jacobsonTruaxThreshold(sd: number, reliability: number): number {
  if (!(sd > 0) || !Number.isFinite(sd)) throw new Error(`SD must be a positive number, got ${sd}`);
  if (!(reliability >= 0 && reliability < 1)) {
    throw new Error(`reliability must be in [0, 1), got ${reliability}`);
  }
  return 1.96 * sd * Math.sqrt(2 * (1 - reliability));
}

/** The Jacobson–Truax category of a change between two scores. */
export type ChangeCategory = "recovered" | "improved" | "unchanged" | "deteriorated";

export interface ReliableChangeResult {
  readonly scale: string;
  readonly metric: "score" | "percentOfMax";
  /** post − pre, in `metric` units. */
  readonly change: number;
  readonly threshold: number;
  readonly reliable: boolean;
  /**
   * "recovered": reliable improvement that also crosses the instrument's clinical cutoff out of the
   * clinical range; "improved"/"deteriorated": reliable change in that direction; "unchanged": not reliable.
   */
  readonly category: ChangeCategory;
  readonly source: string;
}

/**
 * Classifies the change between two scores of the same scale (raw score units, as scoreResponse returns
 * them). Uses the instrument's reliable-change rule, or `options.threshold` (in the rule's metric; for
 * instruments without an established threshold, e.g. one computed from the network's own data with
 * jacobsonTruaxThreshold).
 *
 * @example
 * reliableChange(getInstrument("phq-9"), 18, 9);
 * // { scale: "total", change: -9, threshold: 6, reliable: true, category: "recovered", ... }
 */
export function reliableChange(
  instrument: Instrument,
  pre: number,
  post: number,
  options: { threshold?: number } = {},
): ReliableChangeResult {
  const rule = resolveRule(instrument, options.threshold);
  const scaleRule = findScale(instrument, rule.scale);
  const range = scaleRange(instrument, scaleRule);
  for (const [name, v] of [
    ["pre", pre],
    ["post", post],
  ] as const) {
    if (!Number.isFinite(v) || v < range.min || v > range.max) {
      throw new Error(
        `${instrument.id}: ${name} score ${v} is outside the ${scaleRule.id} range ${range.min}–${range.max}`,
      );
    }
  }
  const toMetric = (v: number) => (rule.metric === "percentOfMax" ? percentOfMaxFor(range, v) : v);
  const change = toMetric(post) - toMetric(pre);
  const reliable = Math.abs(change) >= rule.threshold - 1e-9;
  const better = instrument.scoring.higherIsBetter ? change > 0 : change < 0;
  let category: ChangeCategory = "unchanged";
  if (reliable) category = better ? "improved" : "deteriorated";
  if (category === "improved" && crossesOutOfClinicalRange(instrument, rule.scale, pre, post)) {
    category = "recovered";
  }
  return {
    scale: rule.scale,
    metric: rule.metric,
    change,
    threshold: rule.threshold,
    reliable,
    category,
    source: rule.source,
  };
}

function resolveRule(instrument: Instrument, threshold: number | undefined): ReliableChangeRule {
  const rule = instrument.scoring.reliableChange;
  if (threshold !== undefined) {
    if (!(threshold > 0) || !Number.isFinite(threshold)) {
      throw new Error(`reliable-change threshold must be a positive number, got ${threshold}`);
    }
    const scale = rule?.scale ?? instrument.scoring.total?.id;
    if (!scale) throw new Error(`${instrument.id} has no total score to compute change on`);
    return {
      scale,
      metric: rule?.metric ?? "score",
      threshold,
      method: "jacobson-truax",
      sd: null,
      reliability: null,
      source: "threshold given by the caller",
    };
  }
  if (!rule) {
    throw new Error(
      `${instrument.id} has no established reliable-change threshold (${instrument.scoring.reliableChangeNote ?? "none published"}); ` +
        "pass { threshold }, e.g. jacobsonTruaxThreshold(sd, reliability) from your network's data",
    );
  }
  return rule;
}

function findScale(instrument: Instrument, id: string): ScaleRule {
  const { total, subscales } = instrument.scoring;
  const rule = [...(total ? [total] : []), ...subscales].find((s) => s.id === id);
  if (!rule) throw new Error(`${instrument.id} has no scale "${id}"`);
  return rule;
}

/** Uses the instrument's first cutoff on the scale that marks the clinical range. */
function crossesOutOfClinicalRange(
  instrument: Instrument,
  scale: string,
  pre: number,
  post: number,
): boolean {
  const cutoff = instrument.scoring.cutoffs.find((c) => c.scale === scale && c.id === "clinical");
  if (!cutoff) return false;
  const clinical = (v: number) => meetsCutoff(cutoff.direction, cutoff.value, v);
  return clinical(pre) && !clinical(post);
}
