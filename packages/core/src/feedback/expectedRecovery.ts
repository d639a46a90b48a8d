// Expected recovery curves (docs/engine.md, "Expected recovery and not on track"): outcome ~ intake_c * log(session) + (1 + log(session) | patient),
// fitted on the network's own data, with a documented built-in model until the network has enough data.
import { dataFrameFromColumns, fitLmm, qNormal } from "@attune/stats";
import { predictNewUnit, type PredictiveModel } from "./prediction.ts";

/** One outcome of one patient at one session (any metric; the rules use 0–100, higher = better). */
export interface RecoveryObservation {
  readonly patient: string;
  /** 1-based session number; session 1 is the intake. */
  readonly session: number;
  readonly score: number;
}

/** A fitted (or built-in) expected-recovery model: plain data, storable as JSON. */
export interface ExpectedRecoveryModel extends PredictiveModel {
  readonly formula: string;
  /** "network": fitted on the network's data; "built-in": BUILT_IN_RECOVERY_MODEL. */
  readonly source: "network" | "built-in";
  /** Names of `beta`: (Intercept), intake_c, log_session, intake_c:log_session. */
  readonly terms: readonly string[];
  /** Mean intake score c (intake_c = intake − c). */
  readonly center: number;
  readonly patients: number;
  readonly observations: number;
  readonly note: string;
}

/** Expected outcome at a session with its predictive band. */
export interface ExpectedBand {
  readonly session: number;
  readonly mean: number;
  readonly sd: number;
  /** mean − z(level)·sd: one-sided lower bound at `level`. */
  readonly lower: number;
  /** mean + z(level)·sd: one-sided upper bound at `level`. */
  readonly upper: number;
  readonly level: number;
}

/** When the network's own model replaces the built-in one. */
export interface RecoveryDataRule {
  /** Patients with an intake and at least `minSessions` rated sessions needed to fit [30]. */
  minPatients?: number;
  /** Rated sessions (intake included) a patient needs to count [3]. */
  minSessions?: number;
}

export const RECOVERY_FORMULA = "score ~ intake_c * log_session + (1 + log_session | patient)";
const TERMS = ["(Intercept)", "intake_c", "log_session", "intake_c:log_session"] as const;

/**
 * The model used until a network has enough data (on the 0–100 metric, higher = better). Not estimated
 * from any data set: a deliberately wide placeholder that expects a patient to keep 80% of their intake
 * distance from the middle (50) and to gain 5 points per unit of log(session) (about 3.5 points by session
 * 2, 9 by session 6, 15 by session 20), with patient SDs of 10 (level) and 5 (slope) and a residual SD of
 * 10. Its bands are wide, so it raises few alerts; refit on the network's data as soon as it is allowed.
 */
export const BUILT_IN_RECOVERY_MODEL: ExpectedRecoveryModel = {
  formula: RECOVERY_FORMULA,
  source: "built-in",
  terms: TERMS,
  center: 50,
  beta: [50, 0.8, 5, 0],
  vcov: new Array<number>(16).fill(0),
  randomCov: [100, 0, 0, 25],
  sigma: 10,
  patients: 0,
  observations: 0,
  note: "attune's built-in placeholder (0–100, higher = better); not estimated from data",
};

interface Prepared {
  patient: string[];
  intake: number[];
  session: number[];
  score: number[];
  patients: number;
}

function prepare(rows: readonly RecoveryObservation[], minSessions: number): Prepared {
  const byPatient = new Map<string, RecoveryObservation[]>();
  for (const r of rows) {
    if (!Number.isFinite(r.score)) continue;
    const list = byPatient.get(r.patient) ?? [];
    list.push(r);
    byPatient.set(r.patient, list);
  }
  const out: Prepared = { patient: [], intake: [], session: [], score: [], patients: 0 };
  for (const [patient, list] of byPatient) {
    const intake = list.find((r) => r.session === 1);
    if (!intake || list.length < minSessions) continue;
    out.patients++;
    for (const r of list) {
      if (r.session < 2) continue;
      out.patient.push(patient);
      out.intake.push(intake.score);
      out.session.push(r.session);
      out.score.push(r.score);
    }
  }
  return out;
}

/**
 * Counts the patients that qualify for fitting (an intake score and at least `minSessions` rated
 * sessions) and says whether the network's own model may replace the built-in one.
 *
 * @example
 * recoveryDataSufficient(rows); // { patients: 117, sufficient: true }
 */
export function recoveryDataSufficient(
  rows: readonly RecoveryObservation[],
  rule: RecoveryDataRule = {},
): { patients: number; sufficient: boolean } {
  const patients = prepare(rows, rule.minSessions ?? 3).patients;
  return { patients, sufficient: patients >= (rule.minPatients ?? 30) };
}

/**
 * Fits the expected-recovery model by REML on sessions ≥ 2 of patients with an intake (session-1) score
 * and at least `minSessions` rated sessions: `score ~ intake_c * log_session + (1 + log_session | patient)`,
 * intake_c = intake − mean intake over the patients used (docs/engine.md, "Expected recovery and not on track", step 2). Throws when fewer
 * than `minPatients` patients qualify; use {@link expectedRecoveryModel} to fall back to the built-in model.
 *
 * @example
 * const model = fitExpectedRecovery(rows); // rows: { patient, session, score }
 * model.beta; // [(Intercept), intake_c, log_session, intake_c:log_session]
 */
export function fitExpectedRecovery(
  rows: readonly RecoveryObservation[],
  rule: RecoveryDataRule = {},
): ExpectedRecoveryModel {
  const minPatients = rule.minPatients ?? 30;
  const d = prepare(rows, rule.minSessions ?? 3);
  if (d.patients < minPatients) {
    throw new Error(
      `expected recovery: ${d.patients} patients have an intake and ${rule.minSessions ?? 3}+ sessions; at least ${minPatients} are needed`,
    );
  }
  const intakes = new Map<string, number>();
  d.patient.forEach((p, i) => intakes.set(p, d.intake[i] as number));
  const center = [...intakes.values()].reduce((a, b) => a + b, 0) / intakes.size;
  const frame = dataFrameFromColumns({
    patient: d.patient,
    score: d.score,
    intake_c: d.intake.map((v) => v - center),
    log_session: d.session.map((s) => Math.log(s)),
  });
  const fit = fitLmm(RECOVERY_FORMULA, frame, { satterthwaite: false });
  // Interaction names are matched regardless of the order of their parts.
  const key = (t: string): string => t.split(":").sort().join(":");
  const index = TERMS.map((t) => fit.fixefNames.findIndex((n) => key(n) === key(t)));
  if (index.some((i) => i < 0)) {
    throw new Error(`expected recovery: the fit lacks a term (${fit.fixefNames.join(", ")})`);
  }
  const p = fit.beta.length;
  return {
    formula: RECOVERY_FORMULA,
    source: "network",
    terms: TERMS,
    center,
    beta: index.map((i) => fit.beta[i] as number),
    vcov: index.flatMap((i) => index.map((j) => fit.vcov[i * p + j] as number)),
    randomCov: Array.from(fit.termCovariance(0)),
    sigma: fit.sigma,
    patients: intakes.size,
    observations: fit.nobs,
    note: `REML fit on ${fit.nobs} sessions of ${intakes.size} patients${fit.singular ? " (singular fit)" : ""}`,
  };
}

/**
 * The network's own model when it has enough data (see {@link RecoveryDataRule}), else the built-in one.
 * Call on a schedule (e.g. nightly or monthly) and store the result; the rules take the stored model.
 *
 * @example
 * expectedRecoveryModel([]).source; // "built-in"
 */
export function expectedRecoveryModel(
  rows: readonly RecoveryObservation[],
  rule: RecoveryDataRule = {},
): ExpectedRecoveryModel {
  return recoveryDataSufficient(rows, rule).sufficient
    ? fitExpectedRecovery(rows, rule)
    : BUILT_IN_RECOVERY_MODEL;
}

/**
 * Expected outcome at `session` (≥ 2) for a patient with intake score `intake`, with a one-sided band at
 * `level` [0.9]. Given the patient's earlier scores (`observed`, sessions ≥ 2), the band is conditional
 * on them (docs/engine.md, "Prediction for a new unit"); without, it is the population band x'β̂ ± z·√(x'Var(β̂)x + z'Σ_u z + σ²).
 *
 * @example
 * expectedBand(model, 25, 2, { level: 0.8 }).upper; // 25.2127 for docs/engine.md's PTSIM model
 */
export function expectedBand(
  model: ExpectedRecoveryModel,
  intake: number,
  session: number,
  options: { level?: number; observed?: readonly { session: number; score: number }[] } = {},
): ExpectedBand {
  const level = options.level ?? 0.9;
  if (!(level > 0.5 && level < 1)) throw new RangeError(`level must be in (0.5, 1), got ${level}`);
  if (!(session >= 2)) throw new RangeError(`expected band: session must be 2 or later, got ${session}`);
  const ic = intake - model.center;
  const x = (s: number): number[] => [1, ic, Math.log(s), ic * Math.log(s)];
  const z = (s: number): number[] => [1, Math.log(s)];
  const obs = (options.observed ?? []).filter((o) => o.session >= 2 && Number.isFinite(o.score));
  const m = predictNewUnit(model, x(session), z(session), {
    x: obs.map((o) => x(o.session)),
    z: obs.map((o) => z(o.session)),
    y: obs.map((o) => o.score),
  });
  const q = qNormal(level);
  return { session, mean: m.mean, sd: m.sd, lower: m.mean - q * m.sd, upper: m.mean + q * m.sd, level };
}
