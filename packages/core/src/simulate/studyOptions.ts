// Options that make a simulated network match a published study's design: the sessions at which it
// measured, a therapist attribute that moderates growth and the alliance → outcome slope, the
// therapist's in-session experience rated each session, a second process lagged both ways with the
// outcome, session modality, and observer-coded rupture intensity. Each is off unless given, and draws no
// random numbers then, so networks simulated without them are unchanged.
import { InputError } from "@attune/stats";

/** A therapist attribute (e.g. years of practice), one value per therapist, with moderating effects. */
export interface TherapistAttributeEffects {
  /** Column name ["years"]. */
  name: string;
  mean: number;
  sd: number;
  /**
   * "gamma" [default]: never below 0 and skewed to the right, as years of practice are (few therapists
   * with 30 years, none with −2); needs a positive mean. "normal": symmetric, may go below 0.
   */
  distribution: "gamma" | "normal";
  /** Change of the patient-rated alliance growth per session per unit above the mean [0.004]. */
  growth: number;
  /** Change of the within-patient alliance → next-session well-being slope per unit above the mean [0.02]. */
  slope: number;
}

/**
 * The therapist's in-session experience rated after each session (session-level predictor): a therapist
 * level, a patient (dyad) level and a session deviation; the patient's alliance rises by `within` per
 * unit of the session deviation and by `between` per unit of the stable (therapist + dyad) level.
 */
export interface ExperienceEffects {
  name: string;
  therapistSd: number;
  patientSd: number;
  sessionSd: number;
  within: number;
  between: number;
}

/**
 * A second process x (e.g. confidence in the therapist), on the 1–5 scale: x(s+1) = μ_p + ρ·(x(s) − μ_p)
 * + fromOutcome·(W(s) − intake) + noise; well-being at s + 1 gains toOutcome·(x(s) − μ_p).
 */
export interface Process2Effects {
  name: string;
  intercept: number;
  patientSd: number;
  residualSd: number;
  autoregression: number;
  /** x within → next-session well-being [0.15]. */
  toOutcome: number;
  /** well-being → next-session x [0.2]. */
  fromOutcome: number;
}

/**
 * Session modality: each therapist holds a share of sessions remotely (uniform between 0 and maxRemote),
 * remote sessions are video or (a quarter of them) phone; the patient's alliance and the well-being
 * recorded at that session shift by the modality's effect (in person = 0).
 */
export interface ModalityEffects {
  name: string;
  maxRemote: number;
  /** [video, phone] effect on the patient's alliance [−0.10, −0.20]. */
  alliance: [number, number];
  /** [video, phone] effect on the well-being recorded at that session [0, −0.10]. */
  outcome: [number, number];
}

/**
 * Observer-coded rupture intensity, one column per type: each rupture is of one type (equal odds), and the
 * observer codes the remaining drop of the patient's alliance as `scale` × drop (+ coding noise), so the
 * alliance falls by 1/scale per unit of intensity. Well-being at s + 1 moves by `outcome` per unit.
 * `scale` and `outcome` are one number for every type or one per type (in the order of `names`), so
 * withdrawal and confrontation can have distinct true effects.
 */
export interface RuptureCodeEffects {
  names: string[];
  scale: number | number[];
  noiseSd: number;
  outcome: number | number[];
}

/**
 * A per-type rupture parameter for type k (one number applies to every type).
 *
 * @example
 * perType([2, 4], 1); // 4
 * perType(2, 1); // 2
 */
export function perType(v: number | readonly number[], k: number): number {
  return typeof v === "number" ? v : (v[k] as number);
}

/** Response-surface parameters of well-being on the previous session's ratings. */
export interface SurfaceParameters {
  a1: number;
  a2: number;
  a3: number;
  a4: number;
  a5: number;
}

/** The design options (each unset = off). */
export interface StudyDesignOptions {
  /**
   * Sessions at which the study measured, e.g. [3, 12, 20, 40] (time = session − 1; the processes move
   * between measured sessions as if one step) [1..sessions].
   */
  sessionNumbers?: number[];
  /** Extra growth per session of the patient-rated alliance in the trained arm [0]. */
  armGrowth?: number;
  /** The trained arm's response surface a1..a5 (unset ones as the control arm's) [same as control]. */
  trainedSurface?: Partial<SurfaceParameters>;
  therapistAttribute?: Partial<TherapistAttributeEffects>;
  experience?: Partial<ExperienceEffects>;
  process2?: Partial<Process2Effects>;
  modality?: Partial<ModalityEffects>;
  ruptureCodes?: Partial<RuptureCodeEffects>;
}

/** Resolved design options: the enabled ones with defaults filled in, the others null. */
export interface ResolvedStudyDesign {
  sessionNumbers: number[] | null;
  armGrowth: number;
  trainedSurface: Partial<SurfaceParameters> | null;
  therapistAttribute: TherapistAttributeEffects | null;
  experience: ExperienceEffects | null;
  process2: Process2Effects | null;
  modality: ModalityEffects | null;
  ruptureCodes: RuptureCodeEffects | null;
}

const DEFAULTS = {
  therapistAttribute: { name: "years", mean: 10, sd: 6, distribution: "gamma", growth: 0.004, slope: 0.02 },
  experience: {
    name: "experience",
    therapistSd: 0.4,
    patientSd: 0.3,
    sessionSd: 0.5,
    within: 0.15,
    between: 0.2,
  },
  process2: {
    name: "confidence",
    intercept: 3.5,
    patientSd: 0.4,
    residualSd: 0.3,
    autoregression: 0.3,
    toOutcome: 0.15,
    fromOutcome: 0.2,
  },
  modality: { name: "modality", maxRemote: 0.8, alliance: [-0.1, -0.2], outcome: [0, -0.1] },
  ruptureCodes: {
    names: ["rupture_withdrawal_intensity", "rupture_confrontation_intensity"],
    scale: 2,
    noiseSd: 0,
    outcome: -0.1,
  },
} as const;

/**
 * Fills in the defaults of the design options that are given; errors name the option and the bad value.
 *
 * @example
 * resolveStudyDesign({ sessionNumbers: [3, 12, 20, 40] }).sessionNumbers; // [3, 12, 20, 40]
 */
export function resolveStudyDesign(o: StudyDesignOptions): ResolvedStudyDesign {
  const on = <T extends object>(given: Partial<T> | undefined, d: T): T | null =>
    given ? ({ ...d, ...given } as T) : null;
  const r: ResolvedStudyDesign = {
    sessionNumbers: o.sessionNumbers ?? null,
    armGrowth: o.armGrowth ?? 0,
    trainedSurface: o.trainedSurface ?? null,
    therapistAttribute: on(o.therapistAttribute, DEFAULTS.therapistAttribute),
    experience: on(o.experience, DEFAULTS.experience),
    process2: on(o.process2, DEFAULTS.process2),
    modality: on(o.modality, {
      ...DEFAULTS.modality,
      alliance: [...DEFAULTS.modality.alliance],
      outcome: [...DEFAULTS.modality.outcome],
    } as ModalityEffects),
    ruptureCodes: on(o.ruptureCodes, { ...DEFAULTS.ruptureCodes, names: [...DEFAULTS.ruptureCodes.names] }),
  };
  const s = r.sessionNumbers;
  if (s) {
    if (s.length === 0) throw new InputError("sessionNumbers must list at least one session");
    s.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 1 || (i > 0 && v <= (s[i - 1] as number))) {
        throw new InputError(
          `sessionNumbers must be increasing positive integers, but entry ${i + 1} is ${v}`,
        );
      }
    });
  }
  const a = r.therapistAttribute;
  if (a && !(a.sd >= 0)) throw new InputError(`therapistAttribute.sd must be 0 or more, got ${a.sd}`);
  if (a?.distribution === "gamma" && !(a.mean > 0))
    throw new InputError(
      `therapistAttribute.mean must be above 0 for a gamma-distributed attribute, got ${a.mean} (use distribution "normal" for one that may be negative)`,
    );
  if (a && a.distribution !== "gamma" && a.distribution !== "normal")
    throw new InputError(
      `therapistAttribute.distribution must be "gamma" or "normal", got ${String(a.distribution)}`,
    );
  const rc = r.ruptureCodes;
  if (rc && rc.names.length === 0)
    throw new InputError("ruptureCodes.names must name at least one rupture type");
  if (rc) {
    for (const key of ["scale", "outcome"] as const) {
      const v = rc[key];
      if (typeof v !== "number" && v.length !== rc.names.length)
        throw new InputError(
          `ruptureCodes.${key} must be one number or one per type (${rc.names.length}), got ${v.length}`,
        );
    }
    const scales = typeof rc.scale === "number" ? [rc.scale] : rc.scale;
    const bad = scales.find((v) => !(v > 0));
    if (bad !== undefined) throw new InputError(`ruptureCodes.scale must be above 0, got ${bad}`);
  }
  if (r.modality && !(r.modality.maxRemote >= 0 && r.modality.maxRemote <= 1))
    throw new InputError(`modality.maxRemote must be between 0 and 1, got ${r.modality.maxRemote}`);
  return r;
}
