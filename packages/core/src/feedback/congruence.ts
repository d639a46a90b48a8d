// Congruence per session (therapist minus patient on 0–100) and its trend over the last sessions.
import { resolveCongruenceOptions, type CongruenceOptions } from "./config.ts";
import { toPercent } from "./scale.ts";
import type { CongruencePoint, CongruenceTrend, FeedbackScale, SessionRecord } from "./types.ts";

/**
 * Therapist minus patient alliance for every session, on the 0–100 metric, with who rates higher
 * (within `agreeWithin` points counts as agreement) and where both ratings lie (both high, both low).
 * Sessions are returned in session order; a missing rating gives a null gap.
 *
 * @example
 * congruencePoints([{ session: 1, alliancePatient: 4, allianceTherapist: 3, outcome: null }], likert, likert);
 * // [{ session: 1, patient: 75, therapist: 50, gap: -25, direction: "patient-higher", level: "between" }]
 */
export function congruencePoints(
  history: readonly SessionRecord[],
  patientScale: FeedbackScale,
  therapistScale: FeedbackScale,
  options: CongruenceOptions = {},
): CongruencePoint[] {
  const o = resolveCongruenceOptions(options);
  return [...history]
    .sort((a, b) => a.session - b.session)
    .map((r) => {
      const patient = toPercent(patientScale, r.alliancePatient);
      const therapist = toPercent(therapistScale, r.allianceTherapist);
      if (patient === null || therapist === null) {
        return { session: r.session, patient, therapist, gap: null, direction: null, level: null };
      }
      const gap = therapist - patient;
      const direction =
        Math.abs(gap) <= o.agreeWithin ? "agree" : gap > 0 ? "therapist-higher" : "patient-higher";
      const level =
        Math.min(patient, therapist) >= o.highAt
          ? "both-high"
          : Math.max(patient, therapist) <= o.lowAt
            ? "both-low"
            : "between";
      return { session: r.session, patient, therapist, gap, direction, level };
    });
}

/**
 * The trend of the gap over the last `trendWindow` sessions with both ratings: least-squares slopes of
 * the gap and of |gap| per session, read as converging (|gap| shrinking by more than `trendFlat` points
 * a session), diverging, or stable.
 *
 * @example
 * congruenceTrend(points).label; // "converging"
 */
export function congruenceTrend(
  points: readonly CongruencePoint[],
  options: CongruenceOptions = {},
): CongruenceTrend {
  const o = resolveCongruenceOptions(options);
  const rated = points.filter((p) => p.gap !== null).slice(-o.trendWindow);
  const sessions = rated.map((p) => p.session);
  if (rated.length < 2) return { sessions, gapSlope: null, absGapSlope: null, label: null };
  const gaps = rated.map((p) => p.gap as number);
  const gapSlope = slope(sessions, gaps);
  const absGapSlope = slope(
    sessions,
    gaps.map((g) => Math.abs(g)),
  );
  const label = Math.abs(absGapSlope) < o.trendFlat ? "stable" : absGapSlope < 0 ? "converging" : "diverging";
  return { sessions, gapSlope, absGapSlope, label };
}

function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * ((y[i] as number) - my);
    sxx += (xi - mx) ** 2;
  });
  return sxx > 0 ? sxy / sxx : 0;
}
