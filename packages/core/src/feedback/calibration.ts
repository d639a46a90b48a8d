// Rupture thresholds from the network's own data, for alliance forms without a published reliable change.
import { jacobsonTruaxThreshold } from "../instruments/reliableChange.ts";
import { toPercent } from "./scale.ts";
import type { FeedbackScale, SessionRecord } from "./types.ts";

/** Options of {@link ruptureCalibration}. */
export interface CalibrationOptions {
  /** Reliability of the patient alliance total used in the Jacobson–Truax threshold [0.9, typical α of alliance short forms; state yours]. */
  reliability?: number;
}

/** Rupture settings estimated from a network's histories (0–100 points). */
export interface RuptureCalibration {
  /** Jacobson–Truax threshold: 1.96 × SD of first-session patient alliance × √(2(1 − reliability)). */
  readonly threshold: number;
  /** Robust session-to-session SD of a patient's alliance: 1.4826 × MAD of successive differences / √2. */
  readonly withinSd: number;
  readonly patients: number;
  readonly differences: number;
}

/**
 * Estimates the rupture rule's reliable-change threshold and within-patient SD from the network's own
 * dyads (one history per dyad). The SD of successive differences is taken robustly (median absolute
 * deviation), so ruptures in the data do not inflate it.
 *
 * @example
 * const cal = ruptureCalibration(histories, patientScale);
 * evaluateDyad(history, { ...config, rupture: { threshold: cal.threshold, withinSd: cal.withinSd } });
 */
export function ruptureCalibration(
  histories: readonly (readonly SessionRecord[])[],
  scale: FeedbackScale,
  options: CalibrationOptions = {},
): RuptureCalibration {
  const first: number[] = [];
  const diffs: number[] = [];
  for (const h of histories) {
    const rated = [...h]
      .sort((a, b) => a.session - b.session)
      .map((r) => ({ s: r.session, y: toPercent(scale, r.alliancePatient) }))
      .filter((r): r is { s: number; y: number } => r.y !== null);
    const f = rated[0];
    if (f) first.push(f.y);
    for (let i = 1; i < rated.length; i++) {
      const a = rated[i - 1] as { s: number; y: number };
      const b = rated[i] as { s: number; y: number };
      if (b.s === a.s + 1) diffs.push(b.y - a.y);
    }
  }
  if (first.length < 10 || diffs.length < 10) {
    throw new Error(
      `rupture calibration needs at least 10 patients and 10 consecutive-session pairs, got ${first.length} and ${diffs.length}`,
    );
  }
  const m = first.reduce((a, b) => a + b, 0) / first.length;
  const sd = Math.sqrt(first.reduce((s, v) => s + (v - m) ** 2, 0) / (first.length - 1));
  const med = median(diffs);
  const mad = median(diffs.map((d) => Math.abs(d - med)));
  return {
    threshold: jacobsonTruaxThreshold(sd, options.reliability ?? 0.9),
    withinSd: (1.4826 * mad) / Math.SQRT2,
    patients: first.length,
    differences: diffs.length,
  };
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}
