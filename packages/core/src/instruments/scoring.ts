// The one scoring path: the API, the importers and the simulator all call scoreResponse.
import { checkAnswers, isEnabled, itemScale, scaleBounds, type Answers } from "./answers.ts";
import type { CutoffDirection, Instrument, Issue, LocalizedText, ScaleRule } from "./types.ts";

/** The score of one total or subscale, with what went into it. */
export interface ScaleScore {
  readonly id: string;
  readonly label: LocalizedText;
  /** null when too many items are missing (see `reason`). */
  readonly score: number | null;
  /** (score − min) / (max − min) × 100: the common 0–100 metric across raters and instruments. */
  readonly percentOfMax: number | null;
  readonly range: { readonly min: number; readonly max: number };
  readonly answered: number;
  readonly of: number;
  readonly missing: readonly string[];
  readonly prorated: boolean;
  /** Why there is no score, or how it was prorated; null for a complete scale. */
  readonly reason: string | null;
}

/** A cutoff and whether this response reaches it (null when its scale has no score). */
export interface CutoffResult {
  readonly id: string;
  readonly label: LocalizedText;
  readonly reached: boolean | null;
}

/** A scored response. */
export interface Score {
  readonly ok: true;
  readonly instrumentId: string;
  readonly total: number | null;
  readonly percentOfMax: number | null;
  readonly subscales: Readonly<Record<string, number | null>>;
  /** Total first (when the instrument has one), then the subscales, with details. */
  readonly scales: readonly ScaleScore[];
  /** Each answered item's score after reverse keying (nominal items: their code). */
  readonly itemScores: Readonly<Record<string, number | null>>;
  /** Items shown to the respondent and left unanswered. */
  readonly missing: readonly string[];
  /** True when any reported score was prorated. */
  readonly prorated: boolean;
  readonly cutoffs: readonly CutoffResult[];
  readonly band: LocalizedText | null;
  /** The instrument's yes/no indicators (null when the item they read is unanswered). */
  readonly indicators: Readonly<Record<string, boolean | null>>;
  /** Each coded type's intensity (0 when not coded; null when the coding or its intensity is unanswered). */
  readonly intensities: Readonly<Record<string, number | null>>;
  /** Risk items endorsed in this response (e.g. PHQ-9 item 9 > 0): show them whatever the total. */
  readonly riskFlags: readonly { readonly linkId: string; readonly label: LocalizedText }[];
  /** Every scale not scored or prorated, in words. */
  readonly reasons: readonly string[];
}

/** Answers that cannot be scored, with one issue per bad answer. */
export interface ScoreRejected {
  readonly ok: false;
  readonly instrumentId: string;
  readonly issues: readonly Issue[];
}

export type ScoreOutcome = Score | ScoreRejected;

/**
 * Scores one response. Bad answers (unknown items, values off the scale) reject the whole response, with
 * one issue per problem; missing answers are handled by each scale's prorating rule and explained in
 * `reasons`.
 *
 * @example
 * const r = scoreResponse(getInstrument("core-10"), { "core10-1": 2, "core10-2": 4, ... });
 * if (r.ok) console.log(r.total, r.percentOfMax, r.reasons);
 * else console.log(r.issues.map((i) => i.message));
 */
export function scoreResponse(instrument: Instrument, answers: Answers): ScoreOutcome {
  const issues = checkAnswers(instrument, answers);
  if (issues.length > 0) return { ok: false, instrumentId: instrument.id, issues };

  const itemScores: Record<string, number | null> = {};
  const missing: string[] = [];
  for (const item of instrument.items) {
    const value = answers[item.linkId];
    if (value === null || value === undefined) {
      itemScores[item.linkId] = null;
      if (isEnabled(item, answers)) missing.push(item.linkId);
      continue;
    }
    const scale = itemScale(instrument, item);
    const { min, max } = scaleBounds(scale);
    itemScores[item.linkId] = item.reverse ? min + max - value : value;
  }

  const { total: totalRule, subscales: subRules } = instrument.scoring;
  const scales = [...(totalRule ? [totalRule] : []), ...subRules].map((rule) =>
    scoreScale(instrument, rule, itemScores),
  );
  const total = totalRule ? (scales[0] ?? null) : null;
  const subscales: Record<string, number | null> = {};
  for (const s of scales.slice(totalRule ? 1 : 0)) subscales[s.id] = s.score;

  const byId = new Map(scales.map((s) => [s.id, s]));
  const cutoffs = instrument.scoring.cutoffs.map((c) => {
    const score = byId.get(c.scale)?.score ?? null;
    const reached = score === null ? null : meetsCutoff(c.direction, c.value, score);
    return { id: c.id, label: c.label, reached };
  });

  return {
    ok: true,
    instrumentId: instrument.id,
    total: total?.score ?? null,
    percentOfMax: total?.percentOfMax ?? null,
    subscales,
    scales,
    itemScores,
    missing,
    prorated: scales.some((s) => s.prorated && s.score !== null),
    cutoffs,
    band: bandOf(instrument, total?.score ?? null),
    indicators: Object.fromEntries(
      (instrument.scoring.indicators ?? []).map((ind) => {
        const v = answers[ind.linkId];
        return [ind.id, v === null || v === undefined ? null : ind.values.includes(v)];
      }),
    ),
    intensities: Object.fromEntries(
      (instrument.scoring.intensities ?? []).map((rule) => {
        const code = answers[rule.linkId];
        if (code === null || code === undefined) return [rule.id, null];
        const from = rule.intensityItem[code];
        return [rule.id, from === undefined ? 0 : (answers[from] ?? null)];
      }),
    ),
    riskFlags: (instrument.scoring.riskItems ?? []).flatMap((r) => {
      const v = answers[r.linkId];
      return v !== null && v !== undefined && v >= r.atOrAbove ? [{ linkId: r.linkId, label: r.label }] : [];
    }),
    reasons: scales.flatMap((s) => (s.reason ? [s.reason] : [])),
  };
}

/**
 * The possible range of a scale: for a sum, the sums of its items' lowest and highest scores; for a mean,
 * the means.
 *
 * @example
 * scaleRange(getInstrument("phq-9"), getInstrument("phq-9").scoring.total!); // { min: 0, max: 27 }
 */
export function scaleRange(instrument: Instrument, rule: ScaleRule): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const linkId of rule.items) {
    const item = instrument.items.find((it) => it.linkId === linkId);
    if (!item)
      throw new Error(`instrument ${instrument.id}: scale "${rule.id}" names unknown item "${linkId}"`);
    const b = scaleBounds(itemScale(instrument, item));
    min += b.min;
    max += b.max;
  }
  const n = rule.items.length;
  return rule.method === "sum" ? { min, max } : { min: min / n, max: max / n };
}

/**
 * Converts a score on a scale to percent of its maximum possible range (0–100).
 *
 * @example
 * percentOfMaxFor({ min: 12, max: 60 }, 48); // 75
 */
export function percentOfMaxFor(range: { min: number; max: number }, score: number): number {
  return ((score - range.min) * 100) / (range.max - range.min);
}

function scoreScale(
  instrument: Instrument,
  rule: ScaleRule,
  itemScores: Readonly<Record<string, number | null>>,
): ScaleScore {
  const range = scaleRange(instrument, rule);
  const values: number[] = [];
  const missing: string[] = [];
  for (const linkId of rule.items) {
    const v = itemScores[linkId];
    if (v === null || v === undefined) missing.push(linkId);
    else values.push(v);
  }
  const n = rule.items.length;
  const base = { id: rule.id, label: rule.label, range, answered: values.length, of: n, missing };
  const name = `${instrument.shortTitle} ${rule.label.en}`;
  if (missing.length > rule.maxMissing || values.length === 0) {
    const allowed =
      rule.maxMissing === 0 ? "none may be missing" : `at most ${rule.maxMissing} may be missing`;
    return {
      ...base,
      score: null,
      percentOfMax: null,
      prorated: false,
      reason: `${name} not scored: ${missing.length} of its ${n} items missing (${missing.join(", ")}); ${allowed}`,
    };
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const score = rule.method === "sum" ? mean * n : mean;
  const prorated = missing.length > 0;
  const reason = prorated
    ? `${name} prorated: ${missing.length} of its ${n} items missing (${missing.join(", ")}); ` +
      (rule.method === "sum"
        ? `score = mean of the ${values.length} answered items × ${n}`
        : `score = mean of the ${values.length} answered items`)
    : null;
  return { ...base, score, percentOfMax: percentOfMaxFor(range, score), prorated, reason };
}

/**
 * Whether a score reaches a cutoff.
 *
 * @example
 * meetsCutoff("below", 36, 35.5); // true
 */
export function meetsCutoff(direction: CutoffDirection, value: number, score: number): boolean {
  switch (direction) {
    case "atOrAbove":
      return score >= value;
    case "atOrBelow":
      return score <= value;
    case "below":
      return score < value;
    case "above":
      return score > value;
  }
}

function bandOf(instrument: Instrument, total: number | null): LocalizedText | null {
  const bands = instrument.scoring.bands;
  if (!bands || total === null) return null;
  // A prorated total can fall between two integer bands (e.g. 9.5): it belongs to the band it has reached.
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  let found: LocalizedText | null = null;
  for (const b of sorted) if (total >= b.min) found = b.label;
  return found;
}
