// Random draws of the study-design options (studyOptions.ts) per therapist, patient and session. Nothing
// is drawn for an option that is off, so the default network's random stream is unchanged.
import type { Rng } from "./prng.ts";
import { perType, type ResolvedStudyDesign } from "./studyOptions.ts";

/** A therapist's draws: attribute value (and its deviation from the mean), experience level, remote share. */
export interface TherapistDraws {
  attribute: number;
  attributeDev: number;
  experience: number;
  remoteShare: number;
}

/**
 * Draws a therapist's design variables.
 *
 * @example
 * therapistDraws(rng, design).attributeDev; // 0 when no attribute is simulated
 */
export function therapistDraws(rng: Rng, d: ResolvedStudyDesign): TherapistDraws {
  const a = d.therapistAttribute;
  const attribute = !a
    ? 0
    : a.distribution === "gamma"
      ? gammaDraw(rng, a.mean, a.sd)
      : a.mean + a.sd * rng.normal();
  return {
    attribute,
    attributeDev: a ? attribute - a.mean : 0,
    experience: d.experience ? d.experience.therapistSd * rng.normal() : 0,
    remoteShare: d.modality ? d.modality.maxRemote * rng.uniform() : 0,
  };
}

/**
 * A gamma-distributed value with this mean and SD (shape (mean/sd)², scale sd²/mean), by Marsaglia and
 * Tsang's method (2000); shapes below 1 use the boost u^(1/shape). SD 0 gives the mean.
 *
 * @example
 * gammaDraw(createRng(1), 10, 6); // ≥ 0, mean 10 over many draws
 */
export function gammaDraw(rng: Rng, mean: number, sd: number): number {
  if (sd === 0) return mean;
  const shape = (mean / sd) ** 2;
  const scale = (sd * sd) / mean;
  const boost = shape < 1 ? Math.pow(rng.uniform(), 1 / shape) : 1;
  const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = rng.uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v * scale * boost;
  }
}

/** A patient's draws and running state. */
export interface PatientState {
  experience: number;
  /** Second process: the patient's mean and current value. */
  x2Mean: number;
  x2: number;
  /** Remaining rupture drop per type (≤ 0). */
  byType: number[];
}

/**
 * Draws a patient's design variables.
 *
 * @example
 * patientState(rng, design).byType; // [] without rupture codes
 */
export function patientState(rng: Rng, d: ResolvedStudyDesign): PatientState {
  const p2 = d.process2;
  const x2Mean = p2 ? p2.intercept + p2.patientSd * rng.normal() : 0;
  return {
    experience: d.experience ? d.experience.patientSd * rng.normal() : 0,
    x2Mean,
    x2: p2 ? x2Mean + p2.residualSd * rng.normal() : 0,
    byType: d.ruptureCodes ? d.ruptureCodes.names.map(() => 0) : [],
  };
}

/** What one session adds: alliance shifts, well-being shifts and the extra columns to write. */
export interface SessionDraws {
  /** Within-patient alliance shift (experience's session deviation, modality). */
  allianceWithin: number;
  /** Stable alliance shift (experience's therapist + patient level). */
  allianceStable: number;
  /** Shift of the well-being recorded at this session (modality). */
  outcomeNow: number;
  /** Shift of next session's well-being (second process, rupture codes). */
  outcomeNext: number;
  columns: Record<string, number | string>;
}

/**
 * Draws a session's design variables and updates the patient's rupture-by-type state (call after the
 * rupture of this session is known: `onset` is its depth, 0 when none began).
 *
 * @example
 * sessionDraws(rng, design, t, p, 0, 0.4).columns; // { experience: 4.1, modality: "video", ... }
 */
export function sessionDraws(
  rng: Rng,
  d: ResolvedStudyDesign,
  t: TherapistDraws,
  p: PatientState,
  onset: number,
  persistence: number,
): SessionDraws {
  const out: SessionDraws = {
    allianceWithin: 0,
    allianceStable: 0,
    outcomeNow: 0,
    outcomeNext: 0,
    columns: {},
  };
  const round = (v: number) => Math.round(v * 1000) / 1000;
  if (d.therapistAttribute) out.columns[d.therapistAttribute.name] = round(t.attribute);
  const e = d.experience;
  if (e) {
    const session = e.sessionSd * rng.normal();
    out.allianceWithin += e.within * session;
    out.allianceStable += e.between * (t.experience + p.experience);
    out.columns[e.name] = round(4 + t.experience + p.experience + session);
  }
  const m = d.modality;
  if (m) {
    const remote = rng.uniform() < t.remoteShare;
    const phone = remote && rng.uniform() < 0.25;
    const k = remote ? (phone ? 1 : 0) : -1;
    if (k >= 0) {
      out.allianceWithin += m.alliance[k as 0 | 1];
      out.outcomeNow += m.outcome[k as 0 | 1];
    }
    out.columns[m.name] = k < 0 ? "in person" : k === 0 ? "video" : "phone";
  }
  const rc = d.ruptureCodes;
  if (rc) {
    for (let k = 0; k < p.byType.length; k++) p.byType[k] = (p.byType[k] as number) * persistence;
    if (onset > 0) {
      const k = rng.int(p.byType.length);
      p.byType[k] = (p.byType[k] as number) - onset;
    }
    rc.names.forEach((name, k) => {
      const noise = rc.noiseSd > 0 ? rc.noiseSd * rng.normal() : 0;
      const code = Math.max(0, round(-(p.byType[k] as number) * perType(rc.scale, k) + noise));
      out.columns[name] = code;
      out.outcomeNext += perType(rc.outcome, k) * code;
    });
  }
  const p2 = d.process2;
  if (p2) {
    out.columns[p2.name] = round(p.x2);
    out.outcomeNext += p2.toOutcome * (p.x2 - p.x2Mean);
  }
  return out;
}

/**
 * Moves the second process to the next session: x(s+1) = μ_p + ρ·(x(s) − μ_p) + fromOutcome·(W(s) −
 * intake) + noise (call after this session's well-being is known).
 *
 * @example
 * advanceProcess2(rng, design, state, w, 3.3);
 */
export function advanceProcess2(
  rng: Rng,
  d: ResolvedStudyDesign,
  p: PatientState,
  wellbeing: number,
  intake: number,
): void {
  const p2 = d.process2;
  if (!p2) return;
  p.x2 =
    p.x2Mean +
    p2.autoregression * (p.x2 - p.x2Mean) +
    p2.fromOutcome * (wellbeing - intake) +
    p2.residualSd * rng.normal();
}
