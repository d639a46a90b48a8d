// Not on track on every outcome form a network follows, not only the first: a network scheduling PHQ-9
// and GAD-7 hears about a patient whose anxiety worsens while their depression follows the expected
// course. The first outcome keeps the dashboard's series, band and caseload column (feedback.ts); each
// further one gets its own calibrated rule (core's notOnTrackCalibration, the same per-episode band) on
// its own scores, in its own direction, and its alerts join the patient's with `why.form` naming it.
import {
  commonMetricScale,
  episodeNotOnTrackAlerts,
  notOnTrackCalibration,
  type Alert,
  type EpisodeBandRule,
  type FeedbackScale,
} from "@attune/core";
import type { Ctx } from "../context.ts";
import { loadOutcomeSeries, type OutcomeSource, type SeriesSession } from "./series.ts";

/** A further outcome form with its calibrated not-on-track rule. */
export interface OtherOutcome {
  readonly outcome: OutcomeSource;
  readonly rule: EpisodeBandRule;
}

/**
 * The outcome's feedback scale: 0–100 in the outcome form's own direction (core turns it better-is-higher).
 *
 * @example
 * outcomeScale({ url: null, scale: "wellbeing", higherIsBetter: true, id: "wellbeing" }).higherIsBetter; // true
 */
export const outcomeScale = (o: OutcomeSource): FeedbackScale =>
  commonMetricScale(o.id, null, o.higherIsBetter);

/**
 * Calibrates not on track for each further outcome on the network's episodes (provisional, so silent,
 * until 30 patients have an intake and 3 sessions of that form).
 *
 * @example
 * const others = await calibrateOtherOutcomes(ctx, episodes, outcomes.slice(1));
 */
export async function calibrateOtherOutcomes(
  ctx: Ctx,
  episodes: readonly { id: string; therapist: string }[],
  outcomes: readonly OutcomeSource[],
): Promise<OtherOutcome[]> {
  const ids = episodes.map((e) => e.id);
  const series = await loadOutcomeSeries(ctx.store.db, ctx.instruments, ids, outcomes);
  return outcomes.map((outcome, i) => {
    const dyads = episodes.map((e) => ({
      therapist: e.therapist,
      patient: e.id,
      sessions: series[i]?.get(e.id) ?? [],
    }));
    return { outcome, rule: notOnTrackCalibration(dyads, outcomeScale(outcome)) };
  });
}

/**
 * The further outcomes whose rule is calibrated on the network: only these raise alerts (a provisional
 * rule stays silent), so only their series are read.
 *
 * @example
 * const speaking = speakingOutcomes(cache.others);
 */
export const speakingOutcomes = (others: readonly OtherOutcome[]): OtherOutcome[] =>
  others.filter((o) => o.rule.status === "network");

/**
 * The further outcomes' not-on-track alerts of the given episodes (session order within each outcome),
 * from each outcome's series (`series[i]` is `others[i]`'s, as loadOutcomeSeries returns them).
 *
 * @example
 * const speaking = speakingOutcomes(cache.others);
 * const series = await loadOutcomeSeries(db, instruments, ids, speaking.map((o) => o.outcome));
 * const byEpisode = otherOutcomeAlerts(ids, speaking, series);
 */
export function otherOutcomeAlerts(
  episodeIds: readonly string[],
  others: readonly OtherOutcome[],
  series: readonly ReadonlyMap<string, readonly SeriesSession[]>[],
): Map<string, Alert[]> {
  const out = new Map<string, Alert[]>(episodeIds.map((id) => [id, []]));
  others.forEach(({ outcome, rule }, i) => {
    if (rule.status !== "network") return;
    for (const id of episodeIds) {
      const alerts = episodeNotOnTrackAlerts(series[i]?.get(id) ?? [], outcomeScale(outcome), rule);
      out.get(id)?.push(...alerts);
    }
  });
  return out;
}
