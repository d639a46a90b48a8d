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
import { loadSeries, type OutcomeSource } from "./series.ts";

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
  const out: OtherOutcome[] = [];
  for (const outcome of outcomes) {
    const series = await loadSeries(
      ctx.store.db,
      ctx.instruments,
      episodes.map((e) => e.id),
      outcome,
    );
    const dyads = episodes.map((e) => ({
      therapist: e.therapist,
      patient: e.id,
      sessions: series.get(e.id) ?? [],
    }));
    out.push({ outcome, rule: notOnTrackCalibration(dyads, outcomeScale(outcome)) });
  }
  return out;
}

/**
 * The further outcomes' not-on-track alerts of the given episodes (session order within each outcome).
 *
 * @example
 * const byEpisode = await otherOutcomeAlerts(ctx, [episodeId], cache.others);
 */
export async function otherOutcomeAlerts(
  ctx: Ctx,
  episodeIds: readonly string[],
  others: readonly OtherOutcome[],
): Promise<Map<string, Alert[]>> {
  const out = new Map<string, Alert[]>(episodeIds.map((id) => [id, []]));
  for (const { outcome, rule } of others) {
    if (rule.status !== "network") continue;
    const series = await loadSeries(ctx.store.db, ctx.instruments, episodeIds, outcome);
    for (const id of episodeIds) {
      const alerts = episodeNotOnTrackAlerts(series.get(id) ?? [], outcomeScale(outcome), rule);
      out.get(id)?.push(...alerts);
    }
  }
  return out;
}
