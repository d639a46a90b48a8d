// What a rupture rule flagged on a network, as counts that add up over networks: the one shape every rupture
// script counts in (metrics.ts fills it from a network, ruptureTable.ts prints it).

/** [flagged, count] of one group of true ruptures. */
export type FlaggedOf = [number, number];

export interface RuptureCounts {
  ruptures: number;
  flagged: number;
  bySize: Record<"small" | "medium" | "large", FlaggedOf>;
  /** Ruptures of patients who are top-box responders (the simulator's patients rating near the top): [flagged, count]. */
  topBox: FlaggedOf;
  /** Large ruptures (≥ 1 SD) of patients who are not top-box responders: [flagged, count]. */
  largeNotTopBox: FlaggedOf;
  /** Large ruptures the patient's form can show (`formCanShow`): [flagged, count]. */
  largeOnForm: FlaggedOf;
  /** Ruptures of any size the patient's form can show: [flagged, count]. */
  allOnForm: FlaggedOf;
  falseAlerts: number;
  nonRuptureSessions: number;
}

/**
 * Counts of no network (the start of a sum, or of one network's count).
 *
 * @example
 * const total = emptyCounts();
 */
export function emptyCounts(): RuptureCounts {
  return {
    ruptures: 0,
    flagged: 0,
    bySize: { small: [0, 0], medium: [0, 0], large: [0, 0] },
    topBox: [0, 0],
    largeNotTopBox: [0, 0],
    largeOnForm: [0, 0],
    allOnForm: [0, 0],
    falseAlerts: 0,
    nonRuptureSessions: 0,
  };
}

/**
 * Adds one network's counts into a total (null: nothing measured).
 *
 * @example
 * addCounts(total, evaluateNetwork(net).rupture.ours);
 */
export function addCounts(a: RuptureCounts, b: RuptureCounts | null): void {
  if (!b) return;
  a.ruptures += b.ruptures;
  a.flagged += b.flagged;
  for (const k of ["small", "medium", "large"] as const) {
    a.bySize[k][0] += b.bySize[k][0];
    a.bySize[k][1] += b.bySize[k][1];
  }
  for (const k of ["topBox", "largeNotTopBox", "largeOnForm", "allOnForm"] as const) {
    a[k][0] += b[k][0];
    a[k][1] += b[k][1];
  }
  a.falseAlerts += b.falseAlerts;
  a.nonRuptureSessions += b.nonRuptureSessions;
}
