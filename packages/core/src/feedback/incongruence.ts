// Incongruence: patient and therapist see the alliance differently, in the same direction, session after session.
import { resolveIncongruenceOptions, type IncongruenceOptions } from "./config.ts";
import { EVIDENCE, incongruenceText } from "./messages.ts";
import type { Alert, CongruencePoint } from "./types.ts";

const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * An alert when |therapist − patient| ≥ `gapAt` in the same direction for `run` consecutive sessions with
 * both ratings (a session with a missing rating neither breaks nor extends the run). One alert per run;
 * a new one needs the run to break first.
 *
 * @example
 * incongruenceAlerts(congruencePoints(history, p, t)); // [{ kind: "incongruence", session: 3, ... }]
 */
export function incongruenceAlerts(
  points: readonly CongruencePoint[],
  options: IncongruenceOptions = {},
): Alert[] {
  const o = resolveIncongruenceOptions(options);
  const alerts: Alert[] = [];
  let run = 0;
  let sign = 0;
  for (const p of points) {
    if (p.gap === null) continue;
    const s = Math.abs(p.gap) >= o.gapAt ? Math.sign(p.gap) : 0;
    run = s !== 0 && s === sign ? run + 1 : s !== 0 ? 1 : 0;
    sign = s;
    if (run === o.run) {
      alerts.push({
        kind: "incongruence",
        session: p.session,
        severity: s > 0 ? "moderate" : "info",
        why: {
          gap: round2(p.gap),
          patient: round2(p.patient as number),
          therapist: round2(p.therapist as number),
          gapAt: o.gapAt,
          sessionsInRun: run,
        },
        ...incongruenceText({ gap: p.gap, therapistHigher: s > 0, sessions: run }),
        evidence: EVIDENCE.incongruence,
      });
    }
  }
  return alerts;
}
