// The instrument model: one definition per instrument, from which both the FHIR Questionnaire and the
// scoring are derived, so the form a patient sees and the score computed from it cannot drift apart.
import type { RaterKind } from "../records/roles.ts";

/** Wording in each language the project ships. English is the base language of every definition. */
export interface LocalizedText {
  readonly en: string;
  readonly fr?: string;
}

/** Languages attune ships wording in (for project-authored forms). */
export type Language = "en" | "fr";

/** Who fills in the form (the closed list of records/roles.ts). */
export type Rater = RaterKind;

/** What the instrument is for in the attune loop. */
export type InstrumentKind = "outcome" | "alliance" | "process";

/** One answer of an ordinal or nominal scale. `label` is absent in a shell whose text is not shipped. */
export interface AnswerOption {
  readonly value: number;
  readonly label?: LocalizedText;
}

/**
 * How an item is answered.
 * - ordinal: one of the option values, which are the item's score before reverse keying;
 * - nominal: one of the option codes, which are categories (never summed);
 * - continuous: any number in [min, max] with at most `decimals` decimal places (visual analogue scales);
 * - integer: a whole number in [min, max], entered as a number (attune's short demo forms);
 * - imported: a score computed elsewhere (long CSV, REDCap), any number within ±1e6, on the scale the
 *   response declares for it (DECLARED_SCALE_URL) or, undeclared, ASSUMED_SCALE.
 */
export type AnswerScale =
  | { readonly kind: "ordinal"; readonly options: readonly AnswerOption[] }
  | { readonly kind: "nominal"; readonly options: readonly AnswerOption[] }
  | {
      readonly kind: "continuous";
      readonly min: number;
      readonly max: number;
      readonly decimals: number;
    }
  | { readonly kind: "integer"; readonly min: number; readonly max: number }
  | { readonly kind: "imported" };

/**
 * Shows an item only when another item's answer is not the given value (e.g. rupture intensity), or is
 * the given value (`equal`: e.g. each type's intensity when both types are coded).
 */
export type EnableWhen =
  | { readonly linkId: string; readonly notEqual: number; readonly equal?: undefined }
  | { readonly linkId: string; readonly equal: number; readonly notEqual?: undefined };

/** One question of an instrument. */
export interface ItemDefinition {
  readonly linkId: string;
  /** Printed number or label ("1", "10"), shown even in shells. */
  readonly prefix?: string;
  /** Absent when the licence does not let the project ship the wording. */
  readonly text?: LocalizedText;
  /** Key into `Instrument.answerScales`. */
  readonly scale: string;
  /** Reverse-keyed: score = min + max − answer. */
  readonly reverse?: boolean;
  /** Must be answered for the form to be submitted (not the same as counting for a score). */
  readonly required?: boolean;
  readonly enableWhen?: EnableWhen;
}

/** A total or a subscale: which items, how they combine, and how many may be missing. */
export interface ScaleRule {
  readonly id: string;
  readonly label: LocalizedText;
  readonly items: readonly string[];
  /** "sum" (range = sum of item ranges) or "mean" (range = one item's range). */
  readonly method: "sum" | "mean";
  /**
   * At most this many of `items` may be missing; the score is then prorated (mean of the answered items
   * times the number of items, for a sum). One more missing item and there is no score.
   */
  readonly maxMissing: number;
  /** Where the missing-item rule comes from (a published rule or an attune convention, said as such). */
  readonly missingRuleSource: string;
  /**
   * The score's LOINC code, where LOINC has one for exactly this score (e.g. PHQ-9 total 44261-6): FHIR
   * exports code the score's Observation with it, which is what clinical FHIR readers look for.
   */
  readonly loinc?: LoincCode;
}

/** A LOINC code and its display name as LOINC publishes it. */
export interface LoincCode {
  readonly code: string;
  readonly display: string;
}

export type CutoffDirection = "atOrAbove" | "atOrBelow" | "below" | "above";

/** A score threshold with a meaning, e.g. PHQ-9 ≥ 10 "probable depression (caseness)". */
export interface Cutoff {
  readonly id: string;
  readonly scale: string;
  /** Reached when score ≥ value ("atOrAbove"), ≤ ("atOrBelow"), < ("below") or > ("above"). */
  readonly direction: CutoffDirection;
  readonly value: number;
  readonly label: LocalizedText;
  readonly source: string;
}

/** A named band of the total (e.g. PHQ-9 "moderate" 10–14). Bands must not overlap. */
export interface SeverityBand {
  readonly min: number;
  readonly max: number;
  readonly label: LocalizedText;
}

/** A value taken from the literature, with where it comes from. */
export interface SourcedValue {
  readonly value: number;
  readonly source: string;
}

/**
 * The reliable-change threshold of a scale (Jacobson & Truax 1991: 1.96 × SD × √(2(1 − r))).
 * `threshold` is in the units of `metric` (raw score or percent of maximum). When the threshold is a
 * published one whose SD and reliability attune has not verified, `sd`/`reliability` are null and `note`
 * says so.
 */
export interface ReliableChangeRule {
  readonly scale: string;
  readonly metric: "score" | "percentOfMax";
  readonly threshold: number;
  readonly method: "published" | "jacobson-truax";
  readonly sd: SourcedValue | null;
  readonly reliability: SourcedValue | null;
  readonly source: string;
  readonly note?: string;
}

/** attune's scoring definition of an instrument (the "sibling JSON" of its Questionnaire). */
export interface ScoringDefinition {
  /** The main score; absent for forms of categorical codes (e.g. rupture coding). */
  readonly total?: ScaleRule;
  readonly subscales: readonly ScaleRule[];
  /** True when a higher score means a better state (well-being, alliance); false for symptoms. */
  readonly higherIsBetter: boolean;
  readonly cutoffs: readonly Cutoff[];
  readonly bands?: readonly SeverityBand[];
  readonly bandsSource?: string;
  /** null when no threshold is established; the reason is in `reliableChangeNote`. */
  readonly reliableChange: ReliableChangeRule | null;
  readonly reliableChangeNote?: string;
  /** Yes/no indicators read off a nominal item (e.g. "confrontation rupture present"). */
  readonly indicators?: readonly Indicator[];
  /** Each coded type's intensity, 0 when the type is not coded (e.g. withdrawal rupture intensity). */
  readonly intensities?: readonly CodedIntensity[];
  /** Items whose endorsement must be shown to the clinician whatever the total (e.g. thoughts of self-harm). */
  readonly riskItems?: readonly RiskItem[];
}

/** True when the answer to `linkId` is one of `values`; null when that item is unanswered. */
export interface Indicator {
  readonly id: string;
  readonly label: LocalizedText;
  readonly linkId: string;
  readonly values: readonly number[];
}

/**
 * A type's intensity read off a coding: the answer to the nominal item `linkId` says which types occurred;
 * for each code where this type is among them, `intensityItem` names the item holding its intensity (the
 * peak when this type is the only one coded, the type's own item when several are); any other code gives 0.
 * null when the type item, or the intensity item it points to, is unanswered.
 */
export interface CodedIntensity {
  readonly id: string;
  readonly label: LocalizedText;
  readonly linkId: string;
  readonly intensityItem: Readonly<Record<number, string>>;
}

/** An item flagged when its answer reaches `atOrAbove` (raw answer, before reverse keying). */
export interface RiskItem {
  readonly linkId: string;
  readonly atOrAbove: number;
  readonly label: LocalizedText;
}

/** Licence metadata: who holds the rights, on what terms, and whether attune may ship the wording. */
export interface Licence {
  readonly holder: string;
  /** SPDX-like short name, e.g. "CC-BY-NC-ND-4.0", "free-no-permission", "proprietary". */
  readonly code: string;
  readonly terms: string;
  /** Must be shown with the form wherever it is displayed (null when none is required). */
  readonly notice: string | null;
  /** True when attune may ship the item wording; false for structure-and-scoring shells. */
  readonly textShipped: boolean;
  readonly url?: string;
}

/** One instrument: structure, wording (where allowed), scoring, licence and provenance. */
export interface Instrument {
  readonly id: string;
  /**
   * The canonical URL when it is not `${ATTUNE_CANONICAL}/Questionnaire/${id}` (the demo and
   * imported-score forms keep the address their stored responses name).
   */
  readonly url?: string;
  readonly version: string;
  readonly title: LocalizedText;
  readonly shortTitle: string;
  readonly construct: LocalizedText;
  readonly rater: Rater;
  readonly kind: InstrumentKind;
  readonly description: LocalizedText;
  /** Instructions shown above the items (absent in shells). */
  readonly instructions?: LocalizedText;
  /** False for project-authored forms that have not been psychometrically validated. */
  readonly validated: boolean;
  /** True when the project wrote the form (then English and French wording are required). */
  readonly projectAuthored: boolean;
  readonly answerScales: Readonly<Record<string, AnswerScale>>;
  readonly items: readonly ItemDefinition[];
  /**
   * Answered about one session (e.g. the therapist's in-session experiences after each session): such a
   * form cannot be a once-only (enrolment) therapist questionnaire.
   */
  readonly perSession?: boolean;
  /** Answers that must agree with one another (checked with the answers, before scoring). */
  readonly peaks?: readonly PeakRule[];
  readonly scoring: ScoringDefinition;
  readonly licence: Licence;
  readonly references: readonly string[];
  /** What attune has not verified about this definition, said plainly. */
  readonly caveats: readonly string[];
}

/**
 * A peak and its parts: when `peak` and every item of `of` are answered, the peak must be the largest of
 * them (e.g. a rupture's peak intensity and each type's own intensity when both types are coded).
 */
export interface PeakRule {
  readonly peak: string;
  readonly of: readonly string[];
}

/** A problem with one answer or one part of a file, for the caller to show. */
export interface Issue {
  readonly linkId?: string;
  readonly path?: string;
  readonly message: string;
}
