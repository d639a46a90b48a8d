// The data the feedback rules read and write. Scores enter as raw instrument scores; every rule works on
// the common 0–100 metric (percent of the scale's maximum), so that patient and therapist forms of
// different lengths can be compared and thresholds read the same across instruments.
import type { LocalizedText } from "../instruments/types.ts";

/** One session of a dyad: the raw scores entered after it (null when the form was not returned). */
export interface SessionRecord {
  /** 1-based treatment session number. */
  readonly session: number;
  /** ISO date of the session (used by the attunement profile over time); optional for the rules. */
  readonly date?: string;
  /** The patient's alliance score (raw score of the patient alliance instrument). */
  readonly alliancePatient: number | null;
  /** The therapist's alliance score (raw score of the therapist alliance instrument). */
  readonly allianceTherapist: number | null;
  /** The patient's outcome score (well-being or symptoms, raw score of the outcome instrument). */
  readonly outcome: number | null;
  /**
   * Item answers of each form when stored (same scale as the score; null = unanswered item). Used for the
   * forms' reliability in the network calibration.
   */
  readonly items?: {
    readonly alliancePatient?: readonly (number | null)[];
    readonly allianceTherapist?: readonly (number | null)[];
    readonly outcome?: readonly (number | null)[];
  };
}

/**
 * A score scale as the feedback rules need it: its range (to put it on 0–100), its direction, and its
 * reliable-change threshold in 0–100 points (null when none is established).
 */
export interface FeedbackScale {
  /** Instrument id, or a name for a scale without an instrument definition (e.g. simulated 1–5 items). */
  readonly id: string;
  readonly min: number;
  readonly max: number;
  /** True when a higher score is a better state (alliance, well-being); false for symptoms. */
  readonly higherIsBetter: boolean;
  /** Reliable-change threshold on the 0–100 metric, or null when the instrument has none. */
  readonly reliableChange: number | null;
  /** Where the threshold comes from. */
  readonly reliableChangeSource: string;
}

/** Who rates the alliance higher in a session. */
export type CongruenceDirection = "therapist-higher" | "patient-higher" | "agree";

/** Where both ratings lie: both at or above `highAt`, both at or below `lowAt`, or otherwise. */
export type CongruenceLevel = "both-high" | "both-low" | "between";

/** Therapist minus patient alliance in one session, on the 0–100 metric. */
export interface CongruencePoint {
  readonly session: number;
  readonly patient: number | null;
  readonly therapist: number | null;
  /** therapist − patient (null when either rating is missing). */
  readonly gap: number | null;
  readonly direction: CongruenceDirection | null;
  readonly level: CongruenceLevel | null;
}

/** Whether the two views have been coming together or moving apart over the last sessions. */
export interface CongruenceTrend {
  /** Sessions (with both ratings) the trend is computed over. */
  readonly sessions: readonly number[];
  /** Least-squares slope of the gap per session (0–100 points); null with fewer than 2 sessions. */
  readonly gapSlope: number | null;
  /** Least-squares slope of |gap| per session; negative = converging. */
  readonly absGapSlope: number | null;
  readonly label: "converging" | "diverging" | "stable" | null;
}

/** The kinds of feedback alert. */
export type AlertKind = "rupture" | "rupture-resolved" | "not-on-track" | "incongruence";

/** How strongly an alert asks for attention. */
export type AlertSeverity = "info" | "moderate" | "high";

/** One feedback alert: data, with why it fired (the numbers) and what the research suggests doing. */
export interface Alert {
  readonly kind: AlertKind;
  /** The session the alert is about (the one just rated). */
  readonly session: number;
  /** Date of that session when the history has dates (ISO). */
  readonly date?: string;
  /**
   * For alerts that end by themselves (not on track): the first later session at which the condition no
   * longer holds, and its date. Absent while the alert still holds.
   */
  readonly clearedSession?: number;
  readonly clearedDate?: string;
  readonly severity: AlertSeverity;
  /** The numbers the rule compared (0–100 metric unless the name says otherwise). */
  readonly why: Readonly<Record<string, number | string | boolean | null>>;
  /** What happened, in words (English and French). */
  readonly message: Required<LocalizedText>;
  /** What the research suggests doing. */
  readonly suggestion: Required<LocalizedText>;
  /** The research the suggestion rests on. */
  readonly evidence: string;
}
