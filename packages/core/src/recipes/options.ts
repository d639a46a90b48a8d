import type { Fitter } from "./engine.ts";
import type { Roles } from "./roles.ts";

/** Options shared by all recipes. */
export interface RecipeOptions {
  /** Column of each role; unmapped roles use their default names (see `DEFAULT_ROLES`). */
  roles?: Partial<Roles>;
  /** The mixed-model fitter [`defaultFitter`: @attune/stats' fitLmm]. */
  fit?: Fitter;
  /** rsa: also fit each arm of the condition separately [false]. */
  byCondition?: boolean;
  /** lagged / therapist-slopes: whose alliance rating is the predictor ["patient"]. */
  rater?: "patient" | "therapist";
  /** lagged / therapist-slopes: remove each patient's linear trend from the within part [false]. */
  detrend?: boolean;
  /** Which way the outcome is good [from the instrument the column names; "unknown" otherwise]. */
  outcomeDirection?: "higher-is-better" | "lower-is-better";
  /** cross-lagged: the second process (e.g. confidence in the therapist), lagged both ways with the outcome. */
  process2?: string;
  /**
   * cross-lagged: "stacked" — both processes in one model with correlated random intercepts — or the
   * earlier "separate" equations (the outcome's with the patient mean of the second process) ["stacked"].
   */
  crossLaggedModel?: "stacked" | "separate";
  /** ruptures: rupture intensity columns, one per type [every column whose name starts with "rupture"]. */
  ruptureColumns?: readonly string[];
  /** modality: the session modality column (in person / video / phone) ["modality"]. */
  modality?: string;
  /**
   * growth / lagged: predictor columns (numeric, or categories as 0/1 indicators), each split into the
   * parts that vary: within-patient `_wp`, between-patient `_pb`, between-therapist `_tm` [none].
   */
  predictors?: readonly string[];
  /**
   * growth / lagged: therapist attributes (one value per therapist) that moderate the focal slope — time
   * in growth, alliance_wp in lagged (cross-level interactions) [none].
   */
  moderators?: readonly string[];
  /** growth / lagged: a numeric or date column as time instead of session − 1 [session − 1]. */
  time?: string;
  /** lagged / therapist-slopes: the outcome at the patient's next observed session, not session + 1 [false]. */
  nextObserved?: boolean;
  /** lagged: split the patient mean of alliance into between-patient and between-therapist parts [false]. */
  betweenTherapist?: boolean;
  /** therapist-slopes: a numeric therapist-level column that may moderate the slope [none]. */
  moderator?: string;
  /** deterioration: reliability of the outcome for the Jacobson–Truax threshold [0.8]. */
  reliability?: number;
  /** deterioration: the reliable-change threshold in raw points (instead of computing it) [none]. */
  rci?: number;
  /** deterioration: the planned number of sessions; fewer is a dropout [largest session number]. */
  plannedSessions?: number;
  /** custom: the model formula (lme4 syntax) over the prepared table (`customColumns`). */
  formula?: string;
  /** custom: gaussian (lmer, REML) or a glmer family ["gaussian"]. */
  family?: "gaussian" | "binomial" | "poisson";
  /** custom: the link of a glmer family [logit for binomial, log for Poisson]. */
  link?: string;
  /** custom: glmer's nAGQ (1 = Laplace; more = adaptive Gauss–Hermite for one scalar random effect) [1]. */
  nAGQ?: number;
}
