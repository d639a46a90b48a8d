// The dashboard's numbers: every dyad's series through core's feedback rules (evaluateDyad), the
// expected-recovery band (a model fitted on the network's own data, cached and refitted when the data
// have grown), the caseload ordered by what needs attention, and the therapist's attunement profile.
import {
  attunementProfiles,
  BUILT_IN_RECOVERY_MODEL,
  evaluateDyad,
  expectedBand,
  expectedRecoveryModel,
  type Alert,
  type DyadFeedback,
  type ExpectedRecoveryModel,
  type FeedbackConfig,
  type FeedbackScale,
} from "@attune/core";
import { countResponses, EpisodeRepository } from "@attune/db";
import type { Ctx } from "../context.ts";
import { loadSeries, type SeriesSession } from "./series.ts";

/**
 * Reliable-change threshold of the alliance on the 0–100 metric: the value `ruptureCalibration` gives on
 * simulated networks like the seed study (docs/feedback.md, reliability 0.93).
 */
export const ALLIANCE_THRESHOLD = 9.3;

const percentScale = (id: string, reliableChange: number | null): FeedbackScale => ({
  id,
  min: 0,
  max: 100,
  higherIsBetter: true,
  reliableChange,
  reliableChangeSource:
    reliableChange === null ? "none" : "network calibration on simulated data (docs/feedback.md)",
});

const ALLIANCE = percentScale("alliance", ALLIANCE_THRESHOLD);
const WELLBEING = percentScale("wellbeing", null);

export function feedbackConfig(model: ExpectedRecoveryModel): FeedbackConfig {
  return {
    patientAlliance: ALLIANCE,
    therapistAlliance: ALLIANCE,
    outcome: WELLBEING,
    notOnTrack: { model },
  };
}

interface NetworkCache {
  responses: number;
  model: ExpectedRecoveryModel;
  attunement?: Map<string, AttunementSummary>;
}
const caches = new WeakMap<Ctx, Map<string, NetworkCache>>();

/** Refit when the network has 10% more responses than at the last fit. */
async function networkCache(ctx: Ctx, networkId: string): Promise<NetworkCache> {
  let m = caches.get(ctx);
  if (!m) caches.set(ctx, (m = new Map()));
  const n = await countResponses(ctx.store.db, networkId);
  const hit = m.get(networkId);
  if (hit && n <= hit.responses * 1.1 + 5) return hit;
  const fresh: NetworkCache = { responses: n, model: await fitNetworkModel(ctx, networkId) };
  m.set(networkId, fresh);
  return fresh;
}

async function networkEpisodes(ctx: Ctx, networkId: string) {
  return EpisodeRepository.withCodes(ctx.store.db, networkId);
}

async function fitNetworkModel(ctx: Ctx, networkId: string): Promise<ExpectedRecoveryModel> {
  const eps = await networkEpisodes(ctx, networkId);
  const series = await loadSeries(
    ctx.store.db,
    ctx.instruments,
    eps.map((e) => e.id),
  );
  const rows = [...series.entries()].flatMap(([ep, list]) =>
    list.flatMap((s) => (s.outcome === null ? [] : [{ patient: ep, session: s.session, score: s.outcome }])),
  );
  try {
    return expectedRecoveryModel(rows);
  } catch {
    return BUILT_IN_RECOVERY_MODEL;
  }
}

export interface BandPoint {
  session: number;
  mean: number;
  lower: number;
  upper: number;
}

export interface EpisodeFeedback {
  episodeId: string;
  series: SeriesSession[];
  feedback: DyadFeedback;
  band: BandPoint[];
  model: { source: string; note: string };
}

/** The expected band (one-sided 95%, conditional on earlier sessions) for sessions 2..last+1. */
function bandOf(model: ExpectedRecoveryModel, series: readonly SeriesSession[]): BandPoint[] {
  const intake = series.find((s) => s.session === 1)?.outcome;
  if (intake === null || intake === undefined) return [];
  const last = Math.max(...series.map((s) => s.session));
  const out: BandPoint[] = [];
  for (let k = 2; k <= last + 1; k++) {
    const observed = series
      .filter((s) => s.session >= 2 && s.session < k && s.outcome !== null)
      .map((s) => ({ session: s.session, score: s.outcome as number }));
    const b = expectedBand(model, intake, k, { level: 0.95, observed });
    const r = (v: number) => Math.round(v * 10) / 10;
    out.push({ session: k, mean: r(b.mean), lower: r(b.lower), upper: r(b.upper) });
  }
  return out;
}

export async function episodeFeedback(
  ctx: Ctx,
  networkId: string,
  episodeIds: readonly string[],
  withBand: boolean,
): Promise<EpisodeFeedback[]> {
  const { model } = await networkCache(ctx, networkId);
  const config = feedbackConfig(model);
  const series = await loadSeries(ctx.store.db, ctx.instruments, episodeIds);
  return episodeIds.map((id) => {
    const s = series.get(id) ?? [];
    return {
      episodeId: id,
      series: s,
      feedback: evaluateDyad(s, config),
      band: withBand ? bandOf(model, s) : [],
      model: { source: model.source, note: model.note },
    };
  });
}

const RANK: Record<string, number> = { rupture: 0, "not-on-track": 1, incongruence: 2 };

/** Alerts about the latest session that still ask for attention (resolved ruptures are information). */
export function openAlerts(f: EpisodeFeedback): Alert[] {
  const last = f.series.filter((x) => x.alliancePatient !== null || x.outcome !== null).at(-1)?.session;
  if (last === undefined) return [];
  const recent = f.feedback.alerts.filter((a) => a.session >= last - 1 && a.kind !== "rupture-resolved");
  const resolvedAfter = (a: Alert) =>
    a.kind === "rupture" &&
    f.feedback.alerts.some((b) => b.kind === "rupture-resolved" && b.session > a.session);
  return recent.filter((a) => !resolvedAfter(a));
}

/** 0 = most urgent: open high alerts, then moderate ones, then a missing therapist rating, then others. */
export function attentionScore(f: EpisodeFeedback): number {
  const open = openAlerts(f);
  const sev = open.reduce(
    (m, a) => Math.max(m, a.severity === "high" ? 3 : a.severity === "moderate" ? 2 : 1),
    0,
  );
  const kind = open.reduce((m, a) => Math.min(m, RANK[a.kind] ?? 3), 3);
  const last = f.series.filter((x) => x.alliancePatient !== null).at(-1);
  const unrated = last && last.allianceTherapist === null ? 1 : 0;
  return -(sev * 10 + (3 - kind) * 2 + unrated);
}

export interface AttunementSummary {
  therapist: string;
  directionalBias: { estimate: number; lower: number; upper: number };
  truthForce: { estimate: number; lower: number; upper: number };
  window: string;
  sessions: number;
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
          window: last.window,
          sessions: last.sessions,
        });
      }
    } catch {
      // too little data for the truth-and-bias model: no profile yet
    }
    cache.attunement = map;
  }
  return { me: cache.attunement.get(therapistCode) ?? null, network: [...cache.attunement.values()] };
}
