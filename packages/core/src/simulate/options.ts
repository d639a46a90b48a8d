import { InputError } from "@attune/stats";
import { resolveStudyDesign, type ResolvedStudyDesign, type StudyDesignOptions } from "./studyOptions.ts";
/**
 * Parameters of the simulated practice research network. Every field is optional; defaults (in
 * brackets) give a network like the seed training trial: therapists randomised to a control (0) or a
 * trained (1) arm, alliance rated by patient and therapist after each session on the 1–5 item-mean
 * scale, well-being on the 1–5 item-mean scale.
 */
export interface SimulateOptions extends StudyDesignOptions {
  /** Number of therapists [40]. */
  therapists?: number;
  /** Patients per therapist [3]. */
  patientsPerTherapist?: number;
  /**
   * Total number of patients, spread as evenly as possible (the first therapists get one more), e.g.
   * 117 patients over 40 therapists as in the training trial [therapists × patientsPerTherapist].
   */
  patients?: number;
  /** Randomise each therapist's patients to the arms instead of the therapists (patient-level arms) [false]. */
  patientLevelArms?: boolean;
  /** Sessions per patient before dropout [6]. */
  sessions?: number;
  /** PRNG seed [1]. */
  seed?: number;
  /** Share of therapists in the trained arm (condition = 1) [0.5]. */
  trainedShare?: number;
  /** Name of the well-being column ["wellbeing"]. */
  outcomeName?: string;
  /** Probability that each single rating is missing (MCAR) [0.03]. */
  missingRate?: number;
  /** Per-session hazard that a patient stops after session 2 or later [0.04]. */
  dropout?: number;
  /**
   * Write each patient's episode end reason in an `end_reason` column: "dropout" when the dropout hazard
   * stopped them early, "completed" otherwise [false]. Draws no random numbers.
   */
  endReasons?: boolean;
  /** Patient-rated alliance: mean at session 1 [3.75], SDs [therapist 0.2, patient 0.4, residual 0.25]. */
  alliance?: Partial<AllianceEffects>;
  /** Therapist rating as a judgment of the patient's rating (truth-and-bias). */
  judgment?: Partial<JudgmentEffects>;
  /** Well-being and its dependence on the previous session's alliance. */
  wellbeing?: Partial<WellbeingEffects>;
  /** Ruptures: sudden drops of the patient's alliance that partly recover. */
  ruptures?: Partial<RuptureEffects>;
  /** Deteriorating patients: a share whose well-being declines session after session [none]. */
  deterioration?: Partial<DeteriorationEffects>;
}

/** Patient-rated alliance (the truth). */
export interface AllianceEffects {
  intercept: number;
  /** Growth per session [0.06]. */
  growth: number;
  therapistSd: number;
  patientSd: number;
  /** SD of patient-specific growth [0.02]. */
  growthSd: number;
  residualSd: number;
}

/** Therapist rating J = ref + bias + force·(T − ref) + growth·time + noise, per arm [control, trained]. */
export interface JudgmentEffects {
  /** Centre of the truth-and-bias model in the generating process [3.75]. */
  reference: number;
  /** Directional bias per arm [−0.30, −0.25]: therapists under-rate. */
  bias: [number, number];
  /** Truth force per arm [0.30, 0.60]: trained therapists track their patients more closely. */
  force: [number, number];
  /**
   * Within-dyad (temporal) truth force per arm: the therapist's response to the patient's deviation from
   * their own stable level (growth, ruptures, session noise); `force` then applies to the stable level
   * only. Unset: one force for both (the rating follows truth − reference).
   */
  withinForce?: [number, number];
  /** Growth of the therapist rating per session beyond what tracking gives, per arm [0.04, 0.07]. */
  growth: [number, number];
  /** SD of therapist directional bias [0.15]. */
  biasSd: number;
  /** SD of therapist truth force [0.10]. */
  forceSd: number;
  /** SD of a dyad-level shift of the therapist rating [0.05]. */
  dyadSd: number;
  residualSd: number;
}

/**
 * Well-being at session s+1 = (1 − ρ)·intake + ρ·W_s + time + surface(X, Y) + between + therapist slope.
 * The surface of X = therapist alliance − ref and Y = patient alliance − ref is given by its response
 * surface parameters a1..a5 (defaults a1 = 0.20, a2 = 0, a3 = −0.10, a4 = −0.20, a5 = 0: agreement on
 * a good alliance helps most; with a2 = a5 = 0, a1, a3, a4 do not depend on the centring constant).
 */
export interface WellbeingEffects {
  intake: number;
  therapistSd: number;
  patientSd: number;
  residualSd: number;
  /** Autoregression on the current session's well-being [0.3]. */
  autoregression: number;
  /** Change per session [0.04]. */
  time: number;
  a1: number;
  a2: number;
  a3: number;
  a4: number;
  a5: number;
  /** Extra effect of the patient's stable alliance level (between-patient part) [0.15]. */
  between: number;
  /** SD across therapists of the within-patient alliance slope [0.10]. */
  therapistSlopeSd: number;
  /**
   * Each patient keeps a stable well-being level (therapist + patient random intercepts in every
   * session) [true]. Realistic, but it makes the current outcome a covariate correlated with the random
   * intercepts (dynamic-panel bias of lagged models; docs/engine.md, "Lagged models and their bias"). With false, patients differ at intake
   * and the differences carry forward only through the autoregression, so the rsa/lagged models are
   * correctly specified (their outcome random-intercept variances are then 0).
   */
  stableLevel: boolean;
}

/** Ruptures of the patient's alliance. */
export interface RuptureEffects {
  /** Probability per session (from session 2) [0.06]. */
  rate: number;
  /** Depth of the drop on the 1–5 scale [0.8]. */
  depth: number;
  /** Share of the drop still present one session later (then decays geometrically) [0.4]. */
  persistence: number;
}

/**
 * Patients whose well-being declines (ground truth for not-on-track signals). With the default rate 0 no
 * random numbers are drawn for it, so networks simulated before this option existed are unchanged.
 */
export interface DeteriorationEffects {
  /** Share of patients who deteriorate [0]. */
  rate: number;
  /** Change of a deteriorating patient's well-being level per session, on the 1–5 scale [−0.15]. */
  drift: number;
}

/** All options with defaults filled in. */
export interface ResolvedSimulateOptions {
  therapists: number;
  patientsPerTherapist: number;
  patients: number | null;
  patientLevelArms: boolean;
  sessions: number;
  seed: number;
  trainedShare: number;
  outcomeName: string;
  missingRate: number;
  dropout: number;
  endReasons: boolean;
  alliance: AllianceEffects;
  judgment: JudgmentEffects;
  wellbeing: WellbeingEffects;
  ruptures: RuptureEffects;
  deterioration: DeteriorationEffects;
  /** The study-design options (sessions measured, therapist attribute, extra columns). */
  design: ResolvedStudyDesign;
}

export const DEFAULT_SIMULATE_OPTIONS: ResolvedSimulateOptions = {
  therapists: 40,
  patientsPerTherapist: 3,
  patients: null,
  patientLevelArms: false,
  sessions: 6,
  seed: 1,
  trainedShare: 0.5,
  outcomeName: "wellbeing",
  missingRate: 0.03,
  dropout: 0.04,
  endReasons: false,
  alliance: {
    intercept: 3.75,
    growth: 0.06,
    therapistSd: 0.2,
    patientSd: 0.4,
    growthSd: 0.02,
    residualSd: 0.25,
  },
  judgment: {
    reference: 3.75,
    bias: [-0.3, -0.25],
    force: [0.3, 0.6],
    growth: [0.04, 0.07],
    biasSd: 0.15,
    forceSd: 0.1,
    dyadSd: 0.05,
    residualSd: 0.25,
  },
  wellbeing: {
    intake: 3.3,
    therapistSd: 0.15,
    patientSd: 0.35,
    residualSd: 0.35,
    autoregression: 0.3,
    time: 0.04,
    a1: 0.2,
    a2: 0,
    a3: -0.1,
    a4: -0.2,
    a5: 0,
    between: 0.15,
    therapistSlopeSd: 0.1,
    stableLevel: true,
  },
  ruptures: { rate: 0.06, depth: 0.8, persistence: 0.4 },
  deterioration: { rate: 0, drift: -0.15 },
  design: resolveStudyDesign({}),
};

/**
 * Fills in defaults and checks ranges; errors name the option and the bad value.
 *
 * @example
 * resolveSimulateOptions({ therapists: 10 }).sessions; // 6
 */
export function resolveSimulateOptions(o: SimulateOptions = {}): ResolvedSimulateOptions {
  const d = DEFAULT_SIMULATE_OPTIONS;
  const r: ResolvedSimulateOptions = {
    therapists: o.therapists ?? d.therapists,
    patientsPerTherapist: o.patientsPerTherapist ?? d.patientsPerTherapist,
    patients: o.patients ?? d.patients,
    patientLevelArms: o.patientLevelArms ?? d.patientLevelArms,
    sessions: o.sessions ?? d.sessions,
    seed: o.seed ?? d.seed,
    trainedShare: o.trainedShare ?? d.trainedShare,
    outcomeName: o.outcomeName ?? d.outcomeName,
    missingRate: o.missingRate ?? d.missingRate,
    dropout: o.dropout ?? d.dropout,
    endReasons: o.endReasons ?? d.endReasons,
    alliance: { ...d.alliance, ...o.alliance },
    judgment: { ...d.judgment, ...o.judgment },
    wellbeing: { ...d.wellbeing, ...o.wellbeing },
    ruptures: { ...d.ruptures, ...o.ruptures },
    deterioration: { ...d.deterioration, ...o.deterioration },
    design: resolveStudyDesign(o),
  };
  const positiveInt = (name: string, v: number): void => {
    if (!Number.isInteger(v) || v < 1) throw new InputError(`${name} must be a positive integer, got ${v}`);
  };
  positiveInt("therapists", r.therapists);
  positiveInt("patientsPerTherapist", r.patientsPerTherapist);
  positiveInt("sessions", r.sessions);
  if (r.patients !== null) {
    positiveInt("patients", r.patients);
    if (r.patients < r.therapists)
      throw new InputError(
        `patients must be at least the number of therapists (${r.therapists}), got ${r.patients}`,
      );
  }
  const probability = (name: string, v: number): void => {
    if (!(v >= 0 && v <= 1)) throw new InputError(`${name} must be between 0 and 1, got ${v}`);
  };
  probability("trainedShare", r.trainedShare);
  probability("missingRate", r.missingRate);
  probability("dropout", r.dropout);
  probability("ruptures.rate", r.ruptures.rate);
  probability("ruptures.persistence", r.ruptures.persistence);
  probability("deterioration.rate", r.deterioration.rate);
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(r.outcomeName)) {
    throw new InputError(`outcomeName must be a plain column name, got "${r.outcomeName}"`);
  }
  return r;
}
