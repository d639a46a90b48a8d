// Not on track, controlled per episode. A patient is looked at after every session, so a band that is
// right 95% of the time at each look flags far more than 5% of patients over 20 sessions. Here the band is
// unconditional (the expected course for the patient's intake, not re-centred on their own earlier scores,
// which would chase a slow decline), the alert needs `persistence` consecutive rated sessions below it,
// and the band's width z is set by simulating episodes from the network's own fitted model so that about
// `episodeFpr` of patients who follow the model are ever flagged over an episode. The simulated episodes
// replay the network's own episodes (each patient's intake and rated sessions), because missing forms and
// early ends mean fewer looks than a full treatment: simulating every episode at the 90th-percentile length
// (the rule before) left the target under-spent (second simulator, training seeds 1–5: 6.9–9.0% realised
// for 12%, now 7.6–10.8%, sensitivity up 1–12 points). A live network's ongoing episodes count at their
// length so far, which narrows the band a little until they end.
// The band's centre is the network's own median course: the REML mean is pulled down by the patients who
// deteriorate (a minority far below) and by floors, so the median of the standardised residuals at each
// session number shifts it back to where the bulk of the network's patients are (centreShift). Without
// it, the on-course patients sat above the centre and the per-episode target was under-spent (first
// simulator, 6 sessions, tuning seeds 1001–1060: realised 9.4% for 12%).
import { createRng } from "../../simulate/prng.ts";
import { expectedBand, type ExpectedRecoveryModel } from "../expectedRecovery.ts";
import { EVIDENCE, notOnTrackText } from "../messages.ts";
import { toBetterPercent } from "../scale.ts";
import type { Alert, FeedbackScale, SessionRecord } from "../types.ts";

/** The calibrated not-on-track rule (part of the network calibration). */
export interface EpisodeBandRule {
  /** "network": the model is the network's own fit; "provisional": too few data, the rule raises no alerts. */
  readonly status: "network" | "provisional";
  readonly model: ExpectedRecoveryModel;
  /** Below mean − z·SD of the unconditional band ... */
  readonly z: number;
  /** ... for this many consecutive rated sessions. */
  readonly persistence: number;
  /** Share of on-model patients flagged at least once over `episodeLength` sessions (the target). */
  readonly episodeFpr: number;
  /** The 90th percentile of the network's episode lengths (shown; the band's simulation replays the episodes themselves). */
  readonly episodeLength: number;
  /**
   * True when the network's treatments are short (episodeLength ≤ SHORT_EPISODE_SESSIONS), so the
   * short-treatment target `notOnTrackShortEpisodeFpr` was used.
   */
  readonly shortEpisodes?: boolean;
  /**
   * The band's centre per session number, in band SDs above the model's mean (index = session; later
   * sessions take the last entry): the network's median course (bandCentreShift). Absent: no shift.
   */
  readonly centreShift?: readonly number[];
}

/** Treatments whose 90th-percentile length is at most this many sessions count as short. */
export const SHORT_EPISODE_SESSIONS = 10;

/** One of the network's episodes as the band's simulation replays it: the intake and the rated sessions ≥ 2. */
export interface NetworkEpisode {
  readonly intake: number;
  readonly looks: readonly number[];
  /** The outcome (0–100, higher = better) at each look, for the band's centre (bandCentreShift). */
  readonly scores?: readonly number[];
}

/** A session number's median needs this many rated patients; sessions with fewer take the previous one's. */
const MIN_CENTRE_PATIENTS = 30;

/**
 * The network's median course against the model: at each session number ≥ 2 with at least 30 rated
 * patients, the median of (score − mean) / SD of the unconditional band over the network's episodes;
 * a session with fewer takes the previous session's value (0 before the first). The REML mean is pulled
 * down by a deteriorating minority; the median is not (a 10% minority moves it about half as far).
 *
 * @example
 * bandCentreShift(model, [{ intake: 40, looks: [2, 3], scores: [45, 47] }, ...]); // e.g. [0, 0, 0.08, 0.12]
 */
export function bandCentreShift(model: ExpectedRecoveryModel, episodes: readonly NetworkEpisode[]): number[] {
  const bySession: number[][] = [];
  const x = new Float64Array(4);
  for (const ep of episodes) {
    ep.looks.forEach((t, i) => {
      const y = ep.scores?.[i];
      if (y === undefined || t < 2) return;
      const { mean, sd } = populationBand(model, ep.intake, t, x);
      (bySession[t] ??= []).push((y - mean) / sd);
    });
  }
  const shift: number[] = [0, 0];
  for (let t = 2; t < bySession.length; t++) {
    const v = bySession[t] ?? [];
    if (v.length >= MIN_CENTRE_PATIENTS) {
      v.sort((a, b) => a - b);
      const m = v.length >> 1;
      shift[t] = v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
    } else shift[t] = shift[t - 1] as number;
  }
  return shift;
}

/**
 * The calibrated band at a session: the model's unconditional mean moved by the network's median course,
 * and its not-on-track edge mean − z·SD (`upper` is mean + z·SD). The rule and the dashboard's drawn band
 * both read it, so the line the therapist sees is the one the alert uses.
 *
 * @example
 * episodeBandAt(calibration.notOnTrack, 40, 5); // { mean: 52.1, sd: 12.3, lower: 39.0, upper: 65.2 }
 */
export function episodeBandAt(
  rule: EpisodeBandRule,
  intake: number,
  session: number,
): { mean: number; sd: number; lower: number; upper: number } {
  const band = expectedBand(rule.model, intake, session, { level: 0.9 });
  const shifts = rule.centreShift ?? [];
  const k = Math.min(session, shifts.length - 1);
  const mean = band.mean + (k >= 0 ? (shifts[k] ?? 0) : 0) * band.sd;
  return { mean, sd: band.sd, lower: mean - rule.z * band.sd, upper: mean + rule.z * band.sd };
}

/**
 * Width of the band that flags about `episodeFpr` of on-model patients per episode: episodes are drawn
 * from the model at the looks (rated sessions ≥ 2) and intake of one of the network's `episodes` chosen at
 * random, or without them at every session 2..`episodeLength` (intakes resampled from `intakes`), and z is
 * the `episodeFpr` quantile of each episode's worst run of `persistence` consecutive standardised residuals.
 *
 * @example
 * episodeBandZ(model, intakes, { episodeLength: 20, persistence: 2, episodeFpr: 0.1 }); // ≈ 1.6
 * episodeBandZ(model, [], { episodeLength: 20, persistence: 2, episodeFpr: 0.1,
 *   episodes: [{ intake: 40, looks: [2, 3, 5, 6] }] }); // smaller: four looks
 */
export function episodeBandZ(
  model: ExpectedRecoveryModel,
  intakes: readonly number[],
  o: {
    episodeLength: number;
    persistence: number;
    episodeFpr: number;
    simulations?: number;
    seed?: number;
    episodes?: readonly NetworkEpisode[];
  },
): number {
  const sims = o.simulations ?? 4000;
  const rng = createRng(o.seed ?? 20260515);
  const [a = 0, b = 0, , d = 0] = model.randomCov;
  const l11 = Math.sqrt(Math.max(0, a));
  const l21 = l11 > 0 ? b / l11 : 0;
  const l22 = Math.sqrt(Math.max(0, d - l21 * l21));
  const T = Math.max(2, o.episodeLength);
  const worst = new Float64Array(sims);
  const maxLooks = Math.max(T, ...(o.episodes ?? []).map((e) => e.looks.length));
  const r = new Float64Array(maxLooks + 1);
  const x = new Float64Array(4);
  const episodes = o.episodes ?? [];
  const allLooks = Array.from({ length: T - 1 }, (_, k) => k + 2);
  for (let i = 0; i < sims; i++) {
    const ep = episodes.length > 0 ? (episodes[rng.int(episodes.length)] as NetworkEpisode) : null;
    const intake = ep
      ? ep.intake
      : intakes.length > 0
        ? (intakes[rng.int(intakes.length)] as number)
        : model.center;
    const looks = ep ? ep.looks : allLooks;
    const e1 = rng.normal();
    const e2 = rng.normal();
    const u0 = l11 * e1;
    const u1 = l21 * e1 + l22 * e2;
    let n = 0;
    for (const t of looks) {
      const { mean, sd } = populationBand(model, intake, t, x);
      const y = mean + u0 + u1 * Math.log(t) + model.sigma * rng.normal();
      r[n++] = (y - mean) / sd;
    }
    // An episode with fewer looks than the persistence cannot alert: its worst run is +∞.
    let w = Infinity;
    for (let t = o.persistence - 1; t < n; t++) {
      let runMax = -Infinity;
      for (let j = t - o.persistence + 1; j <= t; j++) runMax = Math.max(runMax, r[j] as number);
      w = Math.min(w, runMax);
    }
    worst[i] = w;
  }
  worst.sort();
  const q = worst[Math.min(sims - 1, Math.max(0, Math.floor(o.episodeFpr * sims)))] as number;
  return Math.max(0.5, -q);
}

/**
 * The unconditional band's mean and SD at a session (what expectedBand gives without observed rows:
 * x'β̂ and √(x'Var(β̂)x + z'Σ_u z + σ²)), computed in place for the simulation's inner loop.
 */
function populationBand(
  model: ExpectedRecoveryModel,
  intake: number,
  session: number,
  x: Float64Array,
): { mean: number; sd: number } {
  const ic = intake - model.center;
  const l = Math.log(session);
  x[0] = 1;
  x[1] = ic;
  x[2] = l;
  x[3] = ic * l;
  let mean = 0;
  let v = 0;
  for (let a = 0; a < 4; a++) {
    mean += (model.beta[a] ?? 0) * (x[a] as number);
    for (let b = 0; b < 4; b++) v += (x[a] as number) * (model.vcov[a * 4 + b] ?? 0) * (x[b] as number);
  }
  const [s00 = 0, s01 = 0, s10 = 0, s11 = 0] = model.randomCov;
  v += s00 + (s01 + s10) * l + s11 * l * l + model.sigma * model.sigma;
  return { mean, sd: Math.sqrt(v) };
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Not-on-track alerts of one dyad under the calibrated rule: from session 2, the outcome (0–100, higher =
 * better) below mean − z·SD of the unconditional band (centred on the network's median course) for `persistence` consecutive rated sessions opens
 * the alert; it clears at the first later rated session back inside the band (`clearedSession`,
 * `clearedDate`) and may open again after that. Provisional rule, no intake or no outcome: no alert.
 *
 * @example
 * episodeNotOnTrackAlerts(history, outcomeScale, calibration.notOnTrack);
 */
export function episodeNotOnTrackAlerts(
  history: readonly SessionRecord[],
  outcomeScale: FeedbackScale,
  rule: EpisodeBandRule,
): Alert[] {
  if (rule.status !== "network") return [];
  const rows = [...history].sort((a, b) => a.session - b.session);
  const first = rows.find((r) => r.session === 1);
  const intake = first ? toBetterPercent(outcomeScale, first.outcome) : null;
  if (intake === null) return [];
  const alerts: Alert[] = [];
  let run = 0;
  let openIndex = -1;
  for (const r of rows) {
    const score = toBetterPercent(outcomeScale, r.outcome);
    if (r.session < 2 || score === null) continue;
    const band = episodeBandAt(rule, intake, r.session);
    const lower = band.lower;
    const below = score < lower;
    run = below ? run + 1 : 0;
    if (!below && openIndex >= 0) {
      const a = alerts[openIndex] as Alert;
      alerts[openIndex] = { ...a, clearedSession: r.session, ...(r.date ? { clearedDate: r.date } : {}) };
      openIndex = -1;
    }
    if (below && openIndex < 0 && run >= rule.persistence) {
      openIndex = alerts.length;
      alerts.push({
        kind: "not-on-track",
        session: r.session,
        ...(r.date ? { date: r.date } : {}),
        severity: score < lower - band.sd ? "high" : "moderate",
        why: {
          outcome: round2(score),
          intake: round2(intake),
          expected: round2(band.mean),
          lowerBound: round2(lower),
          bandSd: round2(band.sd),
          z: round2(rule.z),
          sessionsBelow: run,
          episodeFpr: rule.episodeFpr,
          model: rule.model.source,
          // Which outcome form: a network may follow several (PHQ-9 and GAD-7), each in its direction.
          form: outcomeScale.id,
        },
        ...notOnTrackText({ observed: score, lower, expected: band.mean }),
        evidence: EVIDENCE.notOnTrack,
      });
    }
  }
  return alerts;
}
