// Settings of the feedback rules, each with its default. Points are on the 0–100 metric.
import type { ExpectedRecoveryModel } from "./expectedRecovery.ts";
import type { FeedbackScale } from "./types.ts";

/** How ruptures are recognised and when they count as resolved. */
export interface RuptureOptions {
  /**
   * Reliable-change threshold of the patient's alliance, 0–100 points [the patient alliance scale's
   * `reliableChange`; one of the two must be given].
   */
  threshold?: number;
  /** Earlier rated sessions (outside an open rupture) averaged into the patient's running mean [3]. */
  window?: number;
  /** One-sided normal quantile that makes a drop "beyond the patient's own noise" [1.0, calibrated on simulated networks (docs/feedback.md)]. */
  noiseZ?: number;
  /**
   * Session-to-session SD of a patient's alliance expected from noise alone, 0–100 points [threshold /
   * (1.96·√2), the measurement error implied by a Jacobson–Truax threshold]. Pooled with the patient's
   * own SD (weight `priorDf`) once they have 3 or more rated sessions.
   */
  withinSd?: number;
  /** Weight (degrees of freedom) of `withinSd` against the patient's own SD [4]. */
  priorDf?: number;
  /** Resolved when the alliance is back within this many points of the pre-rupture mean [threshold / 2]. */
  resolveWithin?: number;
  /** Sessions after which an unresolved rupture's level becomes the patient's new baseline [3]. */
  maxOpen?: number;
  /**
   * Second trigger: the patient falls by at least this many points against both their previous session
   * and their running mean while the therapist rates the same or higher [1.5 × threshold].
   */
  unnoticedDrop?: number;
}

/** How congruence points are labelled and the trend is read. */
export interface CongruenceOptions {
  /** |gap| at or below this is "agree" [10]. */
  agreeWithin?: number;
  /** Both ratings at or above this: "both-high" [70]. */
  highAt?: number;
  /** Both ratings at or below this: "both-low" [50]. */
  lowAt?: number;
  /** Last sessions with both ratings the trend is computed over [4]. */
  trendWindow?: number;
  /** |slope of |gap|| below this many points per session reads "stable" [1]. */
  trendFlat?: number;
}

/** When a persistent difference of views raises an incongruence alert. */
export interface IncongruenceOptions {
  /** |therapist − patient| at or above this [25] ... */
  gapAt?: number;
  /** ... in the same direction in this many consecutive sessions with both ratings [2]. */
  run?: number;
}

/** The not-on-track rule. */
export interface NotOnTrackOptions {
  /** Expected-recovery model [none: the rule is off]; see fitExpectedRecovery / BUILT_IN_RECOVERY_MODEL. */
  model?: ExpectedRecoveryModel;
  /** One-sided coverage of the expected band; below its lower bound is not on track [0.95]. */
  level?: number;
  /** Condition the band on the patient's own earlier sessions (docs/engine.md, "Prediction for a new unit") [true]. */
  conditional?: boolean;
  /**
   * Consecutive rated sessions below the band before the alert fires [1]. 2 halves the false alerts over
   * long treatments at the cost of later and fewer true ones (measured trade-off in docs/feedback.md).
   */
  persistence?: number;
  /**
   * With `persistence` > 1: still fire at the first low session when it is this many band SDs below the
   * lower bound, or when it is a reliable deterioration from intake (the outcome scale's reliable-change
   * threshold) [1].
   */
  farBelowSd?: number;
}

/** Everything the rules need for one dyad's instruments. */
export interface FeedbackConfig {
  readonly patientAlliance: FeedbackScale;
  readonly therapistAlliance: FeedbackScale;
  readonly outcome: FeedbackScale;
  readonly rupture?: RuptureOptions;
  readonly congruence?: CongruenceOptions;
  readonly incongruence?: IncongruenceOptions;
  readonly notOnTrack?: NotOnTrackOptions;
}

/** The rupture options with every default filled in. */
export type ResolvedRuptureOptions = Required<RuptureOptions>;

/**
 * Rupture options with defaults; throws when no reliable-change threshold is known.
 *
 * @example
 * resolveRuptureOptions({ threshold: 12 }, scale).resolveWithin; // 6
 */
export function resolveRuptureOptions(o: RuptureOptions = {}, scale: FeedbackScale): ResolvedRuptureOptions {
  const threshold = o.threshold ?? scale.reliableChange;
  if (threshold === null || !(threshold > 0)) {
    throw new Error(
      `rupture rule: ${scale.id} has no reliable-change threshold (${scale.reliableChangeSource}); give rupture.threshold in 0–100 points`,
    );
  }
  return {
    threshold,
    window: o.window ?? 3,
    noiseZ: o.noiseZ ?? 1.0,
    withinSd: o.withinSd ?? threshold / (1.96 * Math.SQRT2),
    priorDf: o.priorDf ?? 4,
    resolveWithin: o.resolveWithin ?? threshold / 2,
    maxOpen: o.maxOpen ?? 3,
    unnoticedDrop: o.unnoticedDrop ?? 1.5 * threshold,
  };
}

/**
 * Congruence options with defaults.
 *
 * @example
 * resolveCongruenceOptions().agreeWithin; // 10
 */
export function resolveCongruenceOptions(o: CongruenceOptions = {}): Required<CongruenceOptions> {
  return {
    agreeWithin: o.agreeWithin ?? 10,
    highAt: o.highAt ?? 70,
    lowAt: o.lowAt ?? 50,
    trendWindow: o.trendWindow ?? 4,
    trendFlat: o.trendFlat ?? 1,
  };
}

/**
 * Incongruence options with defaults.
 *
 * @example
 * resolveIncongruenceOptions().gapAt; // 25
 */
export function resolveIncongruenceOptions(o: IncongruenceOptions = {}): Required<IncongruenceOptions> {
  return { gapAt: o.gapAt ?? 25, run: o.run ?? 2 };
}
