// Which alerts still ask for attention and in what order: an alert's acknowledgement (per kind, session
// and outcome form), alerts that clear themselves, and the caseload's urgency score.
import type { Alert } from "@attune/core";
import type { AlertAck } from "@attune/db";
import type { EpisodeFeedback } from "./feedback.ts";
/**
 * The outcome form an alert belongs to: a not-on-track alert's `why.form` (each outcome form a network
 * follows raises its own), "" for ruptures and incongruence.
 *
 * @example
 * alertForm(alert); // "phq-9"
 */
export function alertForm(a: Pick<Alert, "kind" | "why">): string {
  return a.kind === "not-on-track" && typeof a.why.form === "string" ? a.why.form : "";
}

/**
 * The acknowledgement of an alert, if any: same kind, session and outcome form. An acknowledgement
 * stored before forms were recorded (form "") stands for the network's first outcome, the only one whose
 * alerts could be acknowledged then; so acknowledging PHQ-9's not on track never hides the well-being
 * form's.
 *
 * @example
 * const ack = ackOf(f.acks, alert, f.outcome.id);
 */
export function ackOf(
  acks: readonly AlertAck[],
  a: Pick<Alert, "kind" | "session" | "why">,
  firstOutcome: string,
): AlertAck | undefined {
  const form = alertForm(a);
  return acks.find(
    (k) =>
      k.kind === a.kind &&
      Number(k.session) === a.session &&
      (k.form === form || (k.form === "" && form === firstOutcome)),
  );
}

const RANK: Record<string, number> = { rupture: 0, "not-on-track": 1, incongruence: 2 };

/**
 * Alerts that still ask for attention: not on track until the patient is back in the band (it clears
 * itself), ruptures and incongruence about the latest sessions unless resolved since. Resolved ruptures
 * are information.
 */
export function openAlerts(f: EpisodeFeedback): (Alert & { acknowledged?: { at: string; by: string } })[] {
  const last = f.series.filter((x) => x.alliancePatient !== null || x.outcome !== null).at(-1)?.session;
  if (last === undefined) return [];
  const resolvedAfter = (a: Alert) =>
    a.kind === "rupture" &&
    f.feedback.alerts.some((b) => b.kind === "rupture-resolved" && b.session > a.session);
  return f.feedback.alerts
    .filter((a) => {
      if (a.kind === "rupture-resolved") return false;
      if (a.kind === "not-on-track") return a.clearedSession === undefined;
      return a.session >= last - 1 && !resolvedAfter(a);
    })
    .map((a) => {
      const ack = ackOf(f.acks, a, f.outcome.id);
      return ack ? { ...a, acknowledged: { at: ack.at, by: ack.acknowledged_by } } : a;
    });
}

/** Open alerts not yet acknowledged: what heads the caseload. */
export function unacknowledgedAlerts(f: EpisodeFeedback): Alert[] {
  return openAlerts(f).filter((a) => !("acknowledged" in a && a.acknowledged));
}

/** 0 = most urgent: open high alerts, then moderate ones, then a missing therapist rating, then others. */
export function attentionScore(f: EpisodeFeedback): number {
  const open = unacknowledgedAlerts(f);
  const sev = open.reduce(
    (m, a) => Math.max(m, a.severity === "high" ? 3 : a.severity === "moderate" ? 2 : 1),
    0,
  );
  const kind = open.reduce((m, a) => Math.min(m, RANK[a.kind] ?? 3), 3);
  const last = f.series.filter((x) => x.alliancePatient !== null).at(-1);
  const unrated = last && last.allianceTherapist === null ? 1 : 0;
  return -(sev * 10 + (3 - kind) * 2 + unrated);
}
