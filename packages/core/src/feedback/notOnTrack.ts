// Not on track: the outcome below the expected band for this patient's intake and session.
import type { NotOnTrackOptions } from "./config.ts";
import { expectedBand } from "./expectedRecovery.ts";
import { EVIDENCE, notOnTrackText } from "./messages.ts";
import { toBetterPercent } from "./scale.ts";
import type { Alert, FeedbackScale, SessionRecord } from "./types.ts";

const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Not-on-track alerts over one dyad's sessions. The outcome is put on the 0–100 metric turned so that
 * higher is better (symptom scales are reversed), the intake is the session-1 outcome, and a session ≥ 2
 * is not on track when its outcome lies below the lower one-sided bound (at `level`) of the expected band,
 * conditional on the patient's earlier sessions when `conditional` (docs/engine.md, "Expected recovery and not on track"). An alert fires when
 * the patient has been below the band for `persistence` consecutive rated sessions (or, sooner, is far
 * below it or reliably worse than at intake), and again only after they have been back within it. No intake,
 * no model, or a missing outcome: no alert.
 *
 * @example
 * notOnTrackAlerts(history, who5Scale, { model: BUILT_IN_RECOVERY_MODEL });
 */
export function notOnTrackAlerts(
  history: readonly SessionRecord[],
  outcomeScale: FeedbackScale,
  options: NotOnTrackOptions = {},
): Alert[] {
  const model = options.model;
  if (!model) return [];
  const level = options.level ?? 0.95;
  const conditional = options.conditional ?? true;
  const rows = [...history]
    .sort((a, b) => a.session - b.session)
    .map((r) => ({ session: r.session, score: toBetterPercent(outcomeScale, r.outcome) }));
  const intake = rows.find((r) => r.session === 1)?.score ?? null;
  if (intake === null) return [];
  const persistence = options.persistence ?? 1;
  const farBelowSd = options.farBelowSd ?? 1;
  const reliable = outcomeScale.reliableChange;
  const alerts: Alert[] = [];
  const earlier: { session: number; score: number }[] = [];
  let run = 0;
  let alerted = false;
  for (const r of rows) {
    if (r.session < 2 || r.score === null) continue;
    const band = expectedBand(model, intake, r.session, { level, observed: conditional ? earlier : [] });
    const isBelow = r.score < band.lower;
    run = isBelow ? run + 1 : 0;
    if (!isBelow) alerted = false;
    const farBelow = r.score < band.lower - farBelowSd * band.sd;
    const reliablyWorse = reliable !== null && intake - r.score >= reliable;
    if (isBelow && !alerted && (run >= persistence || farBelow || reliablyWorse)) {
      alerted = true;
      alerts.push({
        kind: "not-on-track",
        session: r.session,
        severity: r.score < band.lower - band.sd ? "high" : "moderate",
        why: {
          outcome: round2(r.score),
          intake: round2(intake),
          expected: round2(band.mean),
          lowerBound: round2(band.lower),
          bandSd: round2(band.sd),
          level,
          conditionalOnSessions: conditional ? earlier.length : 0,
          sessionsBelow: run,
          reliableDeterioration: reliablyWorse,
          model: model.source,
        },
        ...notOnTrackText({ observed: r.score, lower: band.lower, expected: band.mean }),
        evidence: EVIDENCE.notOnTrack,
      });
    }
    earlier.push({ session: r.session, score: r.score });
  }
  return alerts;
}
