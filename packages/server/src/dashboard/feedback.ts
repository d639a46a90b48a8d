// The dashboard's numbers: every dyad's series through core's feedback rules (evaluateDyad), the
// expected-recovery band (a model fitted on the network's own data, cached and refitted when the data
// have grown), the caseload ordered by what needs attention, and the therapist's attunement profile.
import {
  attunementProfiles,
  calibrateNetwork,
  calibrationSummary,
  commonMetricScale,
  evaluateDyad,
  episodeBandAt,
  expectedBand,
  type DyadFeedback,
  type ExpectedRecoveryModel,
  type FeedbackConfig,
  type DyadHistory,
  type NetworkCalibration,
  withItemRupture,
} from "@attune/core";
import { countResponses, EpisodeRepository, listAlertAcks, type AlertAck } from "@attune/db";
import type { Ctx } from "../context.ts";
import { dyadRule, itemCalibrationState, itemRuleInUse, type CalibrationInUse } from "./itemCalibration.ts";
import {
  calibrateOtherOutcomes,
  otherOutcomeAlerts,
  outcomeScale,
  speakingOutcomes,
  type OtherOutcome,
} from "./otherOutcomes.ts";
import {
  loadOutcomeSeries,
  loadSeries,
  networkOutcomes,
  WELLBEING_OUTCOME,
  type OutcomeSource,
  type SeriesSession,
} from "./series.ts";

/**
 * Reliable-change threshold of the alliance on the 0–100 metric, used only by the uncalibrated rules (the
 * demo's choice of sign-in); the dashboard's alerts use the network's calibration (calibrateNetwork).
 */
export const ALLIANCE_THRESHOLD = 9.3;

const ALLIANCE = commonMetricScale("alliance", ALLIANCE_THRESHOLD);

/**
 * The rules' configuration on the dashboard's 0–100 series, with the network's outcome and its direction.
 *
 * @example
 * evaluateDyad(series, feedbackConfig(model, { ...WELLBEING_OUTCOME }), calibration);
 */
export function feedbackConfig(
  model: ExpectedRecoveryModel,
  outcome: OutcomeSource = WELLBEING_OUTCOME,
): FeedbackConfig {
  return {
    patientAlliance: ALLIANCE,
    therapistAlliance: ALLIANCE,
    outcome: outcomeScale(outcome),
    notOnTrack: { model },
  };
}

/** The network's calibrations (CalibrationInUse) and what is derived from them, refitted as the data grow. */
interface NetworkCache extends CalibrationInUse {
  responses: number;
  /** The network's outcome (from its studies' schedules and the instruments' direction). */
  outcome: OutcomeSource;
  /** Further outcome forms the studies schedule, each with its own not-on-track rule. */
  others: OtherOutcome[];
  model: ExpectedRecoveryModel;
  /** The dyads it was calibrated on (for the coordinator's report). */
  dyads: DyadHistory[];
  report?: ReturnType<typeof calibrationSummary>;
  attunement?: Map<string, AttunementSummary>;
}
const caches = new WeakMap<Ctx, Map<string, NetworkCache>>();

/** Refit when the network has 10% more responses than at the last fit. */
async function networkCache(ctx: Ctx, networkId: string): Promise<NetworkCache> {
  let m = caches.get(ctx);
  if (!m) caches.set(ctx, (m = new Map()));
  const n = await countResponses(ctx.store.db, networkId);
  const hit = m.get(networkId);
  let cache = hit && n <= hit.responses * 1.1 + 5 ? hit : undefined;
  if (!cache) {
    const { calibration, dyads, outcome, others } = await calibrate(ctx, networkId);
    cache = {
      responses: n,
      outcome,
      others,
      model: calibration.notOnTrack.model,
      calibration,
      dyads,
      itemCalibration: null,
    };
    m.set(networkId, cache);
  }
  // The item rule is read each time (one row): a fit finished in the background, or the setting changed,
  // takes effect at the next request.
  const item = await itemRuleInUse(ctx, networkId, n);
  if (cache.item?.key !== item.key) {
    cache.item = item;
    cache.itemCalibration = item.stored ? withItemRupture(cache.calibration, item.stored.fit) : null;
    cache.report = undefined;
  }
  return cache;
}

async function networkEpisodes(ctx: Ctx, networkId: string) {
  return EpisodeRepository.withCodes(ctx.store.db, networkId);
}

/** The network's alerts calibrated on all its dyads (series on 0–100; the outcome in its own direction). */
async function calibrate(
  ctx: Ctx,
  networkId: string,
): Promise<{
  calibration: NetworkCalibration;
  dyads: DyadHistory[];
  outcome: OutcomeSource;
  others: OtherOutcome[];
}> {
  const eps = await networkEpisodes(ctx, networkId);
  const [outcome = WELLBEING_OUTCOME, ...rest] = await networkOutcomes(
    ctx.store.db,
    ctx.instruments,
    networkId,
  );
  const series = await loadSeries(
    ctx.store.db,
    ctx.instruments,
    eps.map((e) => e.id),
    outcome,
  );
  const dyads = eps.map((e) => ({ therapist: e.therapist, patient: e.id, sessions: series.get(e.id) ?? [] }));
  const calibration = calibrateNetwork(dyads, {
    patientAlliance: ALLIANCE,
    therapistAlliance: ALLIANCE,
    outcome: outcomeScale(outcome),
  });
  return { calibration, dyads, outcome, others: await calibrateOtherOutcomes(ctx, eps, rest) };
}

/**
 * The coordinator's view of the calibration: thresholds, noise, and the alerts they imply on the
 * network's own history (per 100 sessions and per therapist-week), replayed with the same rules, every
 * outcome form's not on track included.
 */
export async function calibrationReport(ctx: Ctx, networkId: string) {
  const cache = await networkCache(ctx, networkId);
  if (!cache.report) {
    const config = feedbackConfig(cache.model, cache.outcome);
    const episodeIds = cache.dyads.map((d) => d.patient);
    const rule = await dyadRule(ctx, cache, episodeIds);
    // The further outcome forms' not-on-track alerts count too: each is a warning a therapist reads.
    const speaking = speakingOutcomes(cache.others);
    const series = await loadOutcomeSeries(
      ctx.store.db,
      ctx.instruments,
      episodeIds,
      speaking.map((o) => o.outcome),
    );
    const further = otherOutcomeAlerts(episodeIds, speaking, series);
    const alerts = cache.dyads.flatMap((d) => {
      const { sessions, calibration } = rule(d.sessions as SeriesSession[]);
      return [
        ...evaluateDyad(sessions, config, calibration).alerts.filter((a) => a.kind !== "rupture-resolved"),
        ...(further.get(d.patient) ?? []),
      ];
    });
    cache.report = calibrationSummary(cache.itemCalibration ?? cache.calibration, cache.dyads, alerts);
  }
  return { ...cache.report, itemCalibration: await itemCalibrationState(ctx, networkId) };
}

/**
 * The outcome the network's dashboard follows (its id and direction), e.g. for the caseload's column name.
 *
 * @example
 * const { id, higherIsBetter } = await dashboardOutcome(ctx, networkId); // "phq9", false
 */
export async function dashboardOutcome(
  ctx: Ctx,
  networkId: string,
): Promise<{ id: string; higherIsBetter: boolean }> {
  const { outcome } = await networkCache(ctx, networkId);
  return { id: outcome.id, higherIsBetter: outcome.higherIsBetter };
}

export interface BandPoint {
  session: number;
  mean: number;
  lower: number;
  upper: number;
}

export interface EpisodeFeedback {
  episodeId: string;
  /** Acknowledgements of this dyad's alerts. */
  acks: AlertAck[];
  series: SeriesSession[];
  feedback: DyadFeedback;
  band: BandPoint[];
  model: { source: string; note: string };
  /** The outcome the series and not on track follow, and which way is better. */
  outcome: { id: string; higherIsBetter: boolean };
}

/**
 * The expected band for sessions 2..last+1: with the network's calibrated rule, the unconditional band
 * whose worse edge is the not-on-track line (mean − z·SD on the better-is-higher metric); while
 * provisional, the built-in model's one-sided 95% band conditional on earlier sessions (shown, never
 * alerted on). The model works better-is-higher; the band is returned in the outcome's own direction
 * (for a symptom scale, `upper` is the not-on-track line).
 */
function bandOf(
  cal: NetworkCalibration,
  series: readonly SeriesSession[],
  higherIsBetter: boolean,
): BandPoint[] {
  const model = cal.notOnTrack.model;
  const calibrated = cal.notOnTrack.status === "network";
  const better = (v: number) => (higherIsBetter ? v : 100 - v);
  const raw = series.find((s) => s.session === 1)?.outcome;
  if (raw === null || raw === undefined) return [];
  const intake = better(raw);
  const last = Math.max(...series.map((s) => s.session));
  const out: BandPoint[] = [];
  for (let k = 2; k <= last + 1; k++) {
    const observed = series
      .filter((s) => s.session >= 2 && s.session < k && s.outcome !== null)
      .map((s) => ({ session: s.session, score: better(s.outcome as number) }));
    // Calibrated: the rule's own band (centred on the network's median course), so the drawn line is the alert's.
    const b = calibrated
      ? episodeBandAt(cal.notOnTrack, intake, k)
      : expectedBand(model, intake, k, { level: 0.95, observed });
    const r = (v: number) => Math.round(v * 10) / 10;
    const worse = b.lower;
    const best = b.upper;
    out.push(
      higherIsBetter
        ? { session: k, mean: r(b.mean), lower: r(worse), upper: r(best) }
        : { session: k, mean: r(100 - b.mean), lower: r(100 - best), upper: r(100 - worse) },
    );
  }
  return out;
}

export async function episodeFeedback(
  ctx: Ctx,
  networkId: string,
  episodeIds: readonly string[],
  withBand: boolean,
): Promise<EpisodeFeedback[]> {
  const cache = await networkCache(ctx, networkId);
  const { model, calibration, outcome, others } = cache;
  const config = feedbackConfig(model, outcome);
  const rule = await dyadRule(ctx, cache, episodeIds);
  // One read of every outcome form's series: the dashboard's outcome, then each further one that speaks.
  const speaking = speakingOutcomes(others);
  const outcomes = [outcome, ...speaking.map((o) => o.outcome)];
  const all = await loadOutcomeSeries(ctx.store.db, ctx.instruments, episodeIds, outcomes);
  const series = all[0]!;
  const acks = await listAlertAcks(ctx.store.db, episodeIds);
  const further = otherOutcomeAlerts(episodeIds, speaking, all.slice(1));
  return episodeIds.map((id) => {
    const s = series.get(id) ?? [];
    const read = rule(s);
    const feedback = evaluateDyad(read.sessions, config, read.calibration);
    const extra = further.get(id) ?? [];
    return {
      episodeId: id,
      acks: acks.filter((a) => a.episode_id === id),
      series: s,
      feedback:
        extra.length > 0
          ? { ...feedback, alerts: [...feedback.alerts, ...extra].sort((a, b) => a.session - b.session) }
          : feedback,
      band: withBand ? bandOf(calibration, s, outcome.higherIsBetter) : [],
      model: { source: model.source, note: model.note },
      outcome: { id: outcome.id, higherIsBetter: outcome.higherIsBetter },
    };
  });
}

export interface AttunementSummary {
  therapist: string;
  directionalBias: { estimate: number; lower: number; upper: number };
  truthForce: { estimate: number; lower: number; upper: number };
  /** Within-dyad truth force (model congruence_dyad); null when it cannot be estimated yet. */
  temporalCongruence: { estimate: number; lower: number; upper: number } | null;
  window: string;
  sessions: number;
  /**
   * What the directional bias describes: the truth-and-bias model's intercept, i.e. the therapist's rating
   * minus the patient's at the first session (time = 0) for a patient rating at the network's mean.
   */
  describes: { session: number; patientRating: number };
  /** The therapist's own sessions with both ratings (0–100): range, who rated higher, mean gap. */
  observed: {
    from: number;
    to: number;
    sessions: number;
    therapistHigher: number;
    patientHigher: number;
    meanGap: number;
  } | null;
}

/** Who rated higher in a therapist's sessions with both ratings (what a table of their sessions shows). */
function observedGaps(
  rows: readonly {
    therapist: string;
    session: number;
    alliancePatient: number | null;
    allianceTherapist: number | null;
  }[],
  therapist: string,
): AttunementSummary["observed"] {
  const both = rows.filter(
    (r) => r.therapist === therapist && r.alliancePatient !== null && r.allianceTherapist !== null,
  );
  if (both.length === 0) return null;
  const gaps = both.map((r) => (r.allianceTherapist as number) - (r.alliancePatient as number));
  return {
    from: Math.min(...both.map((r) => r.session)),
    to: Math.max(...both.map((r) => r.session)),
    sessions: both.length,
    therapistHigher: gaps.filter((g) => g > 0).length,
    patientHigher: gaps.filter((g) => g < 0).length,
    meanGap: Math.round((gaps.reduce((a, b) => a + b, 0) / gaps.length) * 10) / 10,
  };
}

/** Every therapist's latest attunement (truth-and-bias fit on all the network's data), cached per network. */
export async function attunementOf(
  ctx: Ctx,
  networkId: string,
  therapistCode: string,
): Promise<{ me: AttunementSummary | null; network: AttunementSummary[] }> {
  const cache = await networkCache(ctx, networkId);
  if (!cache.attunement) {
    const eps = await networkEpisodes(ctx, networkId);
    const series = await loadSeries(
      ctx.store.db,
      ctx.instruments,
      eps.map((e) => e.id),
    );
    const rows = eps.flatMap((e) =>
      (series.get(e.id) ?? []).map((s) => ({
        therapist: e.therapist,
        patient: e.patient,
        session: s.session,
        ...(e.arm !== null && Number.isFinite(Number(e.arm)) ? { condition: Number(e.arm) } : {}),
        alliancePatient: s.alliancePatient,
        allianceTherapist: s.allianceTherapist,
      })),
    );
    const maxSession = rows.reduce((m, r) => Math.max(m, r.session), 1);
    const map = new Map<string, AttunementSummary>();
    try {
      const p = attunementProfiles(rows, { by: "sessions", block: maxSession });
      const center = p.windows.at(-1)?.center ?? 0;
      for (const [t, points] of p.byTherapist) {
        const last = points.at(-1);
        if (!last) continue;
        const pick = (u: { estimate: number; lower: number; upper: number }) => ({
          estimate: u.estimate,
          lower: u.lower,
          upper: u.upper,
        });
        map.set(t, {
          therapist: t,
          directionalBias: pick(last.directionalBias),
          truthForce: pick(last.truthForce),
          temporalCongruence: last.temporalCongruence ? pick(last.temporalCongruence) : null,
          window: last.window,
          sessions: last.sessions,
          describes: { session: 1, patientRating: Math.round(center * 10) / 10 },
          observed: observedGaps(rows, t),
        });
      }
    } catch {
      // too little data for the truth-and-bias model: no profile yet
    }
    cache.attunement = map;
  }
  return { me: cache.attunement.get(therapistCode) ?? null, network: [...cache.attunement.values()] };
}
