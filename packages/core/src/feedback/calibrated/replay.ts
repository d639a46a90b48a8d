// Replaying the alert rules on a network's history: calibrate on the whole network (as a network
// importing its history would), then evaluate each dyad with evaluateDyad — the same call the server makes.
import type { FeedbackConfig } from "../config.ts";
import { evaluateDyad } from "../evaluateDyad.ts";
import type { Alert, FeedbackScale } from "../types.ts";
import { growthBetween } from "./latentAlliance.ts";
import { byDyadCode } from "./replayInput.ts";
import {
  calibrateNetwork,
  type AlertBudget,
  type DyadHistory,
  type NetworkCalibration,
} from "./calibrate.ts";

/** One alert of the replay, as `attune feedback --json` prints it. */
export interface ReplayAlert {
  readonly therapist: string;
  readonly patient: string;
  readonly session: number;
  readonly date?: string;
  readonly kind: "rupture" | "not-on-track" | "incongruence";
  readonly severity: Alert["severity"];
  readonly why: Alert["why"];
  readonly message: string;
  readonly clearedSession?: number;
  readonly clearedDate?: string;
}

/** The replay: alerts, resolutions of ruptures, the calibration and what it implies. */
export interface ReplayResult {
  readonly alerts: ReplayAlert[];
  /** Ruptures that resolved (information, not warnings). */
  readonly resolved: { therapist: string; patient: string; session: number; ruptureSession: number }[];
  readonly calibration: ReturnType<typeof calibrationSummary>;
}

/** Feedback scales of the three forms as declared (0–100 conversions follow from min/max). */
export function declaredScale(id: string, min: number, max: number, higherIsBetter: boolean): FeedbackScale {
  return { id, min, max, higherIsBetter, reliableChange: null, reliableChangeSource: "network calibration" };
}

/**
 * Calibrates on all dyads and replays every rule. An alert at session s of a patient depends only on that
 * patient's sessions ≤ s and on the network calibration. A caller that already holds the network's
 * calibration (the evaluation scripts, which read it too) passes it instead of a budget, so the network is
 * calibrated once.
 *
 * @example
 * const r = replayFeedback(dyads, { patientAlliance, therapistAlliance, outcome });
 * r.alerts[0]; // { therapist: "T01", patient: "P0001", session: 5, kind: "rupture", ... }
 */
export function replayFeedback(
  dyads: readonly DyadHistory[],
  scales: { patientAlliance: FeedbackScale; therapistAlliance: FeedbackScale; outcome: FeedbackScale },
  budget: AlertBudget | { calibration: NetworkCalibration } = {},
): ReplayResult {
  const calibration = "calibration" in budget ? budget.calibration : calibrateNetwork(dyads, scales, budget);
  const config: FeedbackConfig = { ...scales };
  const alerts: ReplayAlert[] = [];
  const resolved: ReplayResult["resolved"] = [];
  for (const d of dyads) {
    for (const a of evaluateDyad(d.sessions, config, calibration).alerts) {
      if (a.kind === "rupture-resolved") {
        resolved.push({
          therapist: d.therapist,
          patient: d.patient,
          session: a.session,
          ruptureSession: Number(a.why.ruptureSession),
        });
        continue;
      }
      alerts.push({
        therapist: d.therapist,
        patient: d.patient,
        session: a.session,
        ...(a.date ? { date: a.date } : {}),
        kind: a.kind,
        severity: a.severity,
        why: a.why,
        message: a.message.en,
        ...(a.clearedSession !== undefined ? { clearedSession: a.clearedSession } : {}),
        ...(a.clearedDate ? { clearedDate: a.clearedDate } : {}),
      });
    }
  }
  alerts.sort((a, b) => byDyadCode(a, b) || a.session - b.session);
  return { alerts, resolved, calibration: calibrationSummary(calibration, dyads, alerts) };
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * Therapist-weeks of a network: per therapist, the weeks between their first and last dated session, or
 * without dates the highest session number of their patients (weekly sessions, caseload in parallel).
 *
 * @example
 * therapistWeeks(dyads); // 120
 */
export function therapistWeeks(dyads: readonly DyadHistory[]): number {
  const by = new Map<string, { min: number; max: number; maxSession: number; dated: boolean }>();
  for (const d of dyads) {
    const t = by.get(d.therapist) ?? { min: Infinity, max: -Infinity, maxSession: 0, dated: true };
    for (const s of d.sessions) {
      t.maxSession = Math.max(t.maxSession, s.session);
      if (s.date) {
        const ms = Date.parse(s.date);
        t.min = Math.min(t.min, ms);
        t.max = Math.max(t.max, ms);
      } else t.dated = false;
    }
    by.set(d.therapist, t);
  }
  let weeks = 0;
  for (const t of by.values()) {
    weeks += t.dated && Number.isFinite(t.min) ? Math.floor((t.max - t.min) / 6.048e8) + 1 : t.maxSession;
  }
  return weeks;
}

/**
 * The calibration as JSON for people: thresholds, noise, reliability, and the alerts they imply on this
 * network (per 100 sessions and per therapist-week; not on track also per outcome form, from `why.form`).
 *
 * @example
 * calibrationSummary(cal, dyads, alerts).rupture.zThreshold;
 */
export function calibrationSummary(
  cal: NetworkCalibration,
  dyads: readonly DyadHistory[],
  alerts: readonly { kind: string; why?: Readonly<Record<string, unknown>> }[],
) {
  const weeks = therapistWeeks(dyads);
  const count = (k: string): number => alerts.filter((a) => a.kind === k).length;
  // Not on track per outcome form: a network following several outcome forms (PHQ-9 and the well-being
  // form) hears from each, and the coordinator sees what each adds to the therapists' week.
  const byForm = new Map<string, number>();
  for (const a of alerts) {
    if (a.kind !== "not-on-track") continue;
    const form = typeof a.why?.form === "string" ? a.why.form : "outcome";
    byForm.set(form, (byForm.get(form) ?? 0) + 1);
  }
  const per100 = (n: number): number => r3((100 * n) / Math.max(1, cal.sessions));
  const form = (f: NetworkCalibration["forms"]["alliancePatient"]) => ({
    ...f,
    withinSd: r3(f.withinSd),
    alpha: f.alpha === null ? null : r3(f.alpha),
    betweenSd: f.betweenSd === null ? null : r3(f.betweenSd),
    reliableChange: f.reliableChange === null ? null : r3(f.reliableChange),
  });
  const m = cal.notOnTrack.model;
  return {
    sessions: cal.sessions,
    patients: cal.patients,
    therapists: cal.therapists,
    therapistWeeks: weeks,
    budget: cal.budget,
    forms: {
      alliance_patient: form(cal.forms.alliancePatient),
      alliance_therapist: form(cal.forms.allianceTherapist),
      outcome: form(cal.forms.outcome),
    },
    rupture: {
      status: cal.rupture.status,
      // Which statistic the bar is on: the item answers' ordinal model when the network asked for it and
      // its patient form's answers are stored, else the form's mean.
      statistic: cal.rupture.itemLatent ? ("items" as const) : ("mean" as const),
      method: cal.rupture.itemLatent
        ? "sum of the patient form's item answers below its prediction under the network's ordinal (graded-response) model and the patient's latent-level filter, as the z of its predictive mid-p"
        : "fall below the level predicted by the patient's latent-alliance filter (network prior and mean course, noise pooled with the patient's own, top box and floor as censored), in SDs of the one-step-ahead prediction (0–100)",
      latent: {
        priorLevel: r3(cal.rupture.latent.mean0),
        priorLevelSd: r3(Math.sqrt(cal.rupture.latent.tau2)),
        noiseSd: r3(Math.sqrt(cal.rupture.latent.noiseVar)),
        driftSd: r3(Math.sqrt(cal.rupture.latent.driftVar)),
        ceilingHalfStep: r3(cal.rupture.latent.halfStep),
        // The network's mean course of the alliance and how much its noise counts against a patient's own.
        meanCourse: {
          perSession: r3(cal.rupture.latent.growth.perSession),
          perLogSession: r3(cal.rupture.latent.growth.perLogSession),
          session1To10: r3(growthBetween(cal.rupture.latent.growth, 1, 10)),
        },
        noiseWeightSessions: r3(cal.rupture.latent.priorDf),
      },
      zThreshold: r3(cal.rupture.zThreshold),
      probabilityBar: r3(cal.rupture.probabilityBar),
      minDrop: r3(cal.rupture.minDrop),
      noiseByLevel: cal.rupture.noise.upTo.map((u, i) => ({
        upTo: r3(u),
        sd: r3(cal.rupture.noise.sd[i] as number),
        pairs: cal.rupture.noise.n[i] as number,
      })),
    },
    notOnTrack: {
      status: cal.notOnTrack.status,
      model: { source: m.source, formula: m.formula, beta: m.beta.map(r3), sigma: r3(m.sigma), note: m.note },
      z: r3(cal.notOnTrack.z),
      persistence: cal.notOnTrack.persistence,
      episodeFpr: cal.notOnTrack.episodeFpr,
      episodeLength: cal.notOnTrack.episodeLength,
      // Which target applied (short treatments use notOnTrackShortEpisodeFpr) and the band's centre per
      // session number in band SDs above the model's mean (the network's median course).
      shortEpisodes: cal.notOnTrack.shortEpisodes ?? false,
      centreShift: (cal.notOnTrack.centreShift ?? []).map(r3),
    },
    implied: {
      rupturePer100Sessions: per100(count("rupture")),
      notOnTrackPer100Sessions: per100(count("not-on-track")),
      notOnTrackByForm: [...byForm].map(([form, n]) => ({ form, per100Sessions: per100(n) })),
      incongruencePer100Sessions: per100(count("incongruence")),
      warningsPerTherapistWeek: r3(alerts.length / Math.max(1, weeks)),
    },
  };
}
