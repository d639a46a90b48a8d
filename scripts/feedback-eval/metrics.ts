// Scoring alerts against a simulator's truth: ruptures flagged within one session, false rupture alerts
// per 100 non-rupture sessions, the simple rules at the same false-alert rate, not on track per patient.
import {
  calibrateNetwork,
  notOnTrackAlerts,
  replayFeedback,
  latentSignals,
  toBetterPercent,
  toPercent,
  type AlertBudget,
  type NetworkCalibration,
} from "@attune/core";
import {
  fitItemLatent,
  itemLatentSignals,
  type ItemSeries,
} from "../../packages/core/src/feedback/calibrated/itemLatent.ts";
import type { EvalNetwork, TrueRupture } from "./networks.ts";
import { emptyCounts, type RuptureCounts } from "./ruptureCounts.ts";

/**
 * Each patient's sessions within a rupture or the session after it: a rupture alert there is true, elsewhere
 * it is false (a rupture at [onset, onset + duration]).
 *
 * @example
 * const w = windows(net);
 * const falseAlerts = alerts.filter((a) => !w.get(a.patient)?.has(a.session)).length;
 */
export function windows(net: EvalNetwork): Map<string, Set<number>> {
  const w = new Map<string, Set<number>>();
  for (const r of net.ruptures) {
    const set = w.get(r.patient) ?? new Set<number>();
    for (let s = r.session; s <= r.session + r.duration; s++) set.add(s);
    w.set(r.patient, set);
  }
  return w;
}

/**
 * A rupture's size class in SDs: small below 0.7, large from 1 (the first simulator records no size: medium).
 *
 * @example
 * sizeClass(1.2); // "large"
 */
export const sizeClass = (s: number | null): "small" | "medium" | "large" =>
  s === null ? "medium" : s < 0.7 ? "small" : s < 1 ? "medium" : "large";

const shownCache = new WeakMap<EvalNetwork, (r: TrueRupture) => boolean>();

/**
 * Whether a rupture leaves anything on the patient's form within one session: the form is present and rated
 * below the top of the scale at the onset, or at the next session while the rupture lasts. A rupture that
 * moves no answer (every item already at the top) or falls on missing forms no rule on this form can see.
 * The one definition every rupture script counts with.
 *
 * @example
 * const shows = formCanShow(net);
 * const visible = net.ruptures.filter(shows).length;
 */
export function formCanShow(net: EvalNetwork): (r: TrueRupture) => boolean {
  const cached = shownCache.get(net);
  if (cached) return cached;
  const below = new Set<string>();
  for (const d of net.dyads)
    for (const r of d.sessions) {
      const y = toPercent(net.scales.patientAlliance, r.alliancePatient);
      if (y !== null && y < 100 - 1e-9) below.add(`${d.patient}:${r.session}`);
    }
  const shows = (r: TrueRupture) =>
    below.has(`${r.patient}:${r.session}`) || (r.duration >= 2 && below.has(`${r.patient}:${r.session + 1}`));
  shownCache.set(net, shows);
  return shows;
}

function count(net: EvalNetwork, flaggedAt: (r: TrueRupture) => boolean, falseAlerts: number): RuptureCounts {
  const shows = formCanShow(net);
  const c: RuptureCounts = { ...emptyCounts(), falseAlerts, nonRuptureSessions: nonRupture(net) };
  for (const r of net.ruptures) {
    const hit = flaggedAt(r) ? 1 : 0;
    c.ruptures++;
    c.flagged += hit;
    const k = sizeClass(r.size);
    c.bySize[k][0] += hit;
    c.bySize[k][1]++;
    if (r.topBox) {
      c.topBox[0] += hit;
      c.topBox[1]++;
    } else if (k === "large") {
      c.largeNotTopBox[0] += hit;
      c.largeNotTopBox[1]++;
    }
    if (shows(r)) {
      c.allOnForm[0] += hit;
      c.allOnForm[1]++;
      if (k === "large") {
        c.largeOnForm[0] += hit;
        c.largeOnForm[1]++;
      }
    }
  }
  return c;
}

function nonRupture(net: EvalNetwork): number {
  const w = windows(net);
  let n = 0;
  for (const d of net.dyads) for (const s of d.sessions) if (!w.get(d.patient)?.has(s.session)) n++;
  return n;
}

/** One candidate alert of a stateless rule: its statistic at a rated session. */
export interface Scored {
  patient: string;
  session: number;
  stat: number;
  inWindow: boolean;
}

/**
 * Statistics of the simple rules (and the calibrated z, stateless) at every rated session with a predecessor.
 *
 * @example
 * const { last3 } = simpleStatistics(net, calibrateNetwork(net.dyads, net.scales), false);
 */
export function simpleStatistics(net: EvalNetwork, cal: NetworkCalibration, withItems = true) {
  const w = windows(net);
  const prev: Scored[] = [];
  const last3: Scored[] = [];
  const zStat: Scored[] = [];
  const pcoms: Scored[] = [];
  for (const d of net.dyads) {
    const rated = d.sessions
      .map((s) => ({ session: s.session, y: toPercent(net.scales.patientAlliance, s.alliancePatient) }))
      .filter((x): x is { session: number; y: number } => x.y !== null);
    const bySession: (number | null)[] = [];
    for (const x of rated) {
      while (bySession.length < x.session) bySession.push(null);
      bySession[x.session - 1] = x.y;
    }
    const sig = latentSignals(cal.rupture.latent, [bySession]);
    for (let i = 1; i < rated.length; i++) {
      const cur = rated[i] as { session: number; y: number };
      const inWindow = w.get(d.patient)?.has(cur.session) ?? false;
      const base = { patient: d.patient, session: cur.session, inWindow };
      const before = rated.slice(Math.max(0, i - 3), i).map((x) => x.y);
      const p = (rated[i - 1] as { y: number }).y;
      prev.push({ ...base, stat: p - cur.y });
      last3.push({ ...base, stat: before.reduce((a, b) => a + b, 0) / before.length - cur.y });
      zStat.push({ ...base, stat: (sig[i - 1] as { z: number }).z });
      // PCOMS-style: below 90% of the scale (SRS < 36 of 40) after being at or above it, or a drop of ≥ 2.5
      // points (one SRS point of 40) — a fixed rule, scored at its own threshold.
      pcoms.push({ ...base, stat: (cur.y < 90 && p >= 90) || p - cur.y >= 2.5 ? 1 : 0 });
    }
  }
  return { prev, last3, zStat, pcoms, itemZ: withItems ? itemStatistics(net, w, cal) : [] };
}

/** The item-level model's statistic (stateless) at every rated session with stored answers. */
function itemStatistics(net: EvalNetwork, w: Map<string, Set<number>>, cal: NetworkCalibration): Scored[] {
  const series: ItemSeries[] = net.dyads.map((d) =>
    [...d.sessions]
      .sort((a, b) => a.session - b.session)
      .flatMap((s) => (s.items?.alliancePatient ? [[s.session, s.items.alliancePatient] as const] : [])),
  );
  const model =
    cal.rupture.itemLatent ??
    fitItemLatent(series, net.scales.patientAlliance.min, net.scales.patientAlliance.max);
  if (!model) return [];
  const out: Scored[] = [];
  itemLatentSignals(model, series).forEach((list, i) => {
    const patient = (net.dyads[i] as { patient: string }).patient;
    for (const x of list)
      out.push({
        patient,
        session: x.session,
        stat: x.signal.z,
        inWindow: w.get(patient)?.has(x.session) ?? false,
      });
  });
  return out;
}

/**
 * Sensitivity of a stateless rule whose threshold is chosen (with the truth) to raise at most `falseAllowed`
 * false alerts. Sessions tied at the threshold are taken or left together (a threshold cannot split a tie).
 *
 * @example
 * const last3Matched = atFalseRate(net, stats.last3, falseOurs);
 */
export function atFalseRate(
  net: EvalNetwork,
  scored: readonly Scored[],
  falseAllowed: number,
): RuptureCounts {
  const sorted = [...scored].sort((a, b) => b.stat - a.stat);
  let falseCount = 0;
  let take = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    let f = 0;
    while (j < sorted.length && (sorted[j] as Scored).stat === (sorted[i] as Scored).stat) {
      if (!(sorted[j] as Scored).inWindow) f++;
      j++;
    }
    if (falseCount + f > falseAllowed) break;
    falseCount += f;
    take = j;
    i = j;
  }
  return fromAlerts(net, sorted.slice(0, take), falseCount);
}

/**
 * A stateless rule at a fixed threshold (its alerts at every statistic ≥ `threshold`).
 *
 * @example
 * const pcoms = atThreshold(net, stats.pcoms, 1);
 */
export function atThreshold(net: EvalNetwork, scored: readonly Scored[], threshold: number): RuptureCounts {
  const fired = scored.filter((s) => s.stat >= threshold);
  return fromAlerts(net, fired, fired.filter((s) => !s.inWindow).length);
}

/**
 * The counts of a rule's alerts: a rupture is flagged by an alert at its onset or the next session;
 * `falseAlerts` is the caller's count of alerts outside `windows`.
 *
 * @example
 * const ours = fromAlerts(net, ruptureAlerts, falseOurs);
 */
export function fromAlerts(
  net: EvalNetwork,
  fired: readonly { patient: string; session: number }[],
  falseAlerts: number,
): RuptureCounts {
  const at = new Set(fired.map((f) => `${f.patient}:${f.session}`));
  return count(
    net,
    (r) => at.has(`${r.patient}:${r.session}`) || at.has(`${r.patient}:${r.session + 1}`),
    falseAlerts,
  );
}

export interface NotOnTrackCounts {
  deteriorating: number;
  deterioratingFlagged: number;
  others: number;
  othersFlagged: number;
}

function perPatient(net: EvalNetwork, flagged: Set<string>): NotOnTrackCounts {
  const c = { deteriorating: 0, deterioratingFlagged: 0, others: 0, othersFlagged: 0 };
  for (const d of net.dyads) {
    const intake = d.sessions.find((s) => s.session === 1)?.outcome ?? null;
    if (intake === null) continue;
    if (net.deteriorating.has(d.patient)) {
      c.deteriorating++;
      if (flagged.has(d.patient)) c.deterioratingFlagged++;
    } else {
      c.others++;
      if (flagged.has(d.patient)) c.othersFlagged++;
    }
  }
  return c;
}

/**
 * Everything measured on one network.
 *
 * @example
 * const { rupture } = evaluateNetwork(fromSimulator2(SCENARIOS[0], 101));
 */
export function evaluateNetwork(net: EvalNetwork, budget: AlertBudget = {}) {
  // Calibrated once: the replay takes the same calibration the simple rules' statistics read.
  const cal = calibrateNetwork(net.dyads, net.scales, budget);
  const replay = replayFeedback(net.dyads, net.scales, { calibration: cal });
  const w = windows(net);
  const ruptureAlerts = replay.alerts.filter((a) => a.kind === "rupture");
  const falseOurs = ruptureAlerts.filter((a) => !w.get(a.patient)?.has(a.session)).length;
  const ours = fromAlerts(net, ruptureAlerts, falseOurs);
  const stats = simpleStatistics(net, cal);
  const rc = cal.forms.alliancePatient.reliableChange;
  const oursNot = new Set(replay.alerts.filter((a) => a.kind === "not-on-track").map((a) => a.patient));
  const oldNot = new Set<string>();
  const rcNot = new Set<string>();
  const rcOut = cal.forms.outcome.reliableChange;
  for (const d of net.dyads) {
    if (cal.notOnTrack.model.source === "network") {
      if (notOnTrackAlerts(d.sessions, net.scales.outcome, { model: cal.notOnTrack.model }).length > 0)
        oldNot.add(d.patient);
    }
    const better = d.sessions.map((s) => ({
      session: s.session,
      y: toBetterPercent(net.scales.outcome, s.outcome),
    }));
    const intake = better.find((b) => b.session === 1)?.y ?? null;
    if (
      intake !== null &&
      rcOut !== null &&
      better.some((b) => b.session > 1 && b.y !== null && intake - b.y >= rcOut)
    ) {
      rcNot.add(d.patient);
    }
  }
  return {
    sessions: net.sessions,
    implied: replay.calibration.implied,
    therapistWeeks: replay.calibration.therapistWeeks,
    warnings: replay.alerts.length,
    zThreshold: cal.rupture.zThreshold,
    notZ: cal.notOnTrack.z,
    rupture: {
      ours,
      prevMatched: atFalseRate(net, stats.prev, falseOurs),
      last3Matched: atFalseRate(net, stats.last3, falseOurs),
      zStatelessMatched: atFalseRate(net, stats.zStat, falseOurs),
      itemZMatched: stats.itemZ.length > 0 ? atFalseRate(net, stats.itemZ, falseOurs) : null,
      itemZAtBar: stats.itemZ.length > 0 ? atThreshold(net, stats.itemZ, cal.rupture.zThreshold) : null,
      reliableChange: rc === null ? null : atThreshold(net, stats.prev, rc),
      pcoms: atThreshold(net, stats.pcoms, 1),
    },
    notOnTrack: {
      ours: perPatient(net, oursNot),
      conditionalBand: perPatient(net, oldNot),
      reliableDeterioration: rcOut === null ? null : perPatient(net, rcNot),
    },
  };
}
