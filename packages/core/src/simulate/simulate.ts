import { resolveSimulateOptions, type ResolvedSimulateOptions, type SimulateOptions } from "./options.ts";
import { createRng, type Rng } from "./prng.ts";
import { polynomialFromSurface } from "./surfaceCoefficients.ts";
import { advanceProcess2, patientState, sessionDraws, therapistDraws } from "./studyDraws.ts";

/** One simulated patient × session row; missing ratings are NaN. */
export interface PrnRow {
  therapist: string;
  patient: string;
  condition: number;
  session: number;
  alliance_patient: number;
  alliance_therapist: number;
  /** Well-being (written under `outcomeName`). */
  outcome: number;
  /** Columns of the study-design options (therapist attribute, experience, modality, ...), if any. */
  extra?: Record<string, number | string>;
}

/** A session in which a rupture began: the patient's alliance dropped by `depth` (1–5 scale). */
export interface RuptureOnset {
  patient: string;
  session: number;
  depth: number;
}

/** What the simulator knows and the data do not show: the events it generated. */
export interface SimulationTruth {
  /** Every rupture onset, whether or not the patient's rating of that session is missing. */
  ruptures: RuptureOnset[];
  /** Patients given a declining well-being level (options.deterioration). */
  deteriorating: string[];
}

/** A simulated network, the options (true parameter values) that generated it, and its true events. */
export interface SimulatedPrn {
  rows: PrnRow[];
  options: ResolvedSimulateOptions;
  truth: SimulationTruth;
}

const clip = (v: number): number => Math.min(5, Math.max(1, v));
const round3 = (v: number): number => Math.round(v * 1000) / 1000;
const pad = (n: number, width: number): string => String(n).padStart(width, "0");

function assignArms(rng: Rng, n: number, share: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const arms = new Array<number>(n).fill(0);
  const trained = Math.round(share * n);
  for (let i = 0; i < trained; i++) arms[order[i] as number] = 1;
  return arms;
}

/**
 * Simulates a practice research network: therapists in a control and a trained arm, their patients, and
 * after every session the patient's and the therapist's alliance ratings and the patient's well-being.
 * The generating model contains what the recipes estimate — therapist directional bias and truth force
 * (larger force in the trained arm), alliance growth, ruptures that partly recover, lagged alliance →
 * well-being effects with distinct within- and between-patient parts, a congruence surface on
 * next-session well-being, and therapist-varying within-patient slopes. Values are clipped to 1–5 and
 * rounded to 3 decimals. Deterministic for a seed.
 *
 * @example
 * const { rows } = simulatePrn({ therapists: 40, patientsPerTherapist: 3, sessions: 6, seed: 1 });
 * rows[0]; // { therapist: "T001", patient: "P00001", condition: 1, session: 1, ... }
 */
export function simulatePrn(options: SimulateOptions = {}): SimulatedPrn {
  const o = resolveSimulateOptions(options);
  const rng = createRng(o.seed);
  const { alliance: al, judgment: jd, wellbeing: wb, ruptures: ru, deterioration: dt } = o;
  const events: SimulationTruth = { ruptures: [], deteriorating: [] };
  const ts = { a1: wb.a1, a2: wb.a2, a3: wb.a3, a4: wb.a4, a5: wb.a5, ...o.design.trainedSurface };
  const surfaces = [
    polynomialFromSurface(wb.a1, wb.a2, wb.a3, wb.a4, wb.a5),
    polynomialFromSurface(ts.a1, ts.a2, ts.a3, ts.a4, ts.a5),
  ] as const;
  const arms = assignArms(rng, o.therapists, o.trainedShare);
  const caseload = (k: number): number =>
    o.patients === null
      ? o.patientsPerTherapist
      : Math.floor(o.patients / o.therapists) + (k < o.patients % o.therapists ? 1 : 0);
  const rows: PrnRow[] = [];
  const design = o.design;
  const sessionList = design.sessionNumbers ?? Array.from({ length: o.sessions }, (_, i) => i + 1);
  const missing = (v: number): number => (rng.uniform() < o.missingRate ? Number.NaN : v);
  let patientNo = 0;
  for (let k = 0; k < o.therapists; k++) {
    const therapist = `T${pad(k + 1, 3)}`;
    const tAlliance = al.therapistSd * rng.normal();
    // the therapist's own deviations; their arm's means are added per patient (patient-level arms)
    const biasDev = jd.biasSd * rng.normal();
    const forceDev = jd.forceSd * rng.normal();
    const tWellbeing = wb.therapistSd * rng.normal();
    const td = therapistDraws(rng, design);
    const tSlope =
      wb.therapistSlopeSd * rng.normal() + (design.therapistAttribute?.slope ?? 0) * td.attributeDev;
    const n = caseload(k);
    const patientArms = o.patientLevelArms ? assignArms(rng, n, o.trainedShare) : null;
    for (let p = 0; p < n; p++) {
      const arm = patientArms ? (patientArms[p] as number) : (arms[k] as number);
      const tBias = jd.bias[arm as 0 | 1] + biasDev;
      const tForce = jd.force[arm as 0 | 1] + forceDev;
      const tWithin = jd.withinForce ? jd.withinForce[arm as 0 | 1] + forceDev : tForce;
      patientNo++;
      const patient = `P${pad(patientNo, 5)}`;
      const pAlliance = al.patientSd * rng.normal();
      const pGrowth =
        al.growth +
        al.growthSd * rng.normal() +
        design.armGrowth * arm +
        (design.therapistAttribute?.growth ?? 0) * td.attributeDev;
      const pJudge = jd.dyadSd * rng.normal();
      const pWellbeing = wb.patientSd * rng.normal();
      const drift = dt.rate > 0 && rng.uniform() < dt.rate ? dt.drift : 0;
      if (drift !== 0) events.deteriorating.push(patient);
      let rupture = 0;
      let w = clip(wb.intake + tWellbeing + pWellbeing + wb.residualSd * rng.normal());
      const ps = patientState(rng, design);
      const firstRow = rows.length;
      let droppedOut = false;
      // sessionList is 1..sessions unless the study measured at other sessions (e.g. 3, 12, 20, 40)
      for (let q = 0; q < sessionList.length; q++) {
        const s = sessionList[q] as number;
        const time = s - 1;
        rupture *= ru.persistence;
        let onset = 0;
        if (q >= 1 && rng.uniform() < ru.rate) {
          rupture -= ru.depth;
          onset = ru.depth;
          events.ruptures.push({ patient, session: s, depth: ru.depth });
        }
        const sd = sessionDraws(rng, design, td, ps, onset, ru.persistence);
        const level = al.intercept + tAlliance + pAlliance + pGrowth * time + sd.allianceStable;
        const within = rupture + al.residualSd * rng.normal() + sd.allianceWithin;
        const truth = clip(level + within);
        const stable = al.intercept + tAlliance + pAlliance + sd.allianceStable;
        const tracking = jd.withinForce
          ? tForce * (stable - jd.reference) + tWithin * (truth - stable)
          : tForce * (truth - jd.reference);
        const judge = clip(
          jd.reference +
            tBias +
            pJudge +
            tracking +
            jd.growth[arm as 0 | 1] * time +
            jd.residualSd * rng.normal(),
        );
        rows.push({
          therapist,
          patient,
          condition: arm,
          session: s,
          alliance_patient: missing(round3(truth)),
          alliance_therapist: missing(round3(judge)),
          outcome: missing(round3(clip(w + sd.outcomeNow))),
          ...(Object.keys(sd.columns).length > 0 && { extra: sd.columns }),
        });
        const x = judge - jd.reference;
        const y = truth - jd.reference;
        const b = surfaces[arm as 0 | 1];
        const surface = b[0] * x + b[1] * y + b[2] * x * x + b[3] * x * y + b[4] * y * y;
        const next =
          (1 - wb.autoregression) * (wb.intake + (wb.stableLevel ? tWellbeing + pWellbeing : 0)) +
          wb.autoregression * w +
          wb.time * ((sessionList[q + 1] ?? s + 1) - 1) +
          surface +
          wb.between * pAlliance +
          tSlope * within +
          wb.residualSd * rng.normal() +
          drift * s +
          sd.outcomeNext;
        advanceProcess2(rng, design, ps, w, wb.intake);
        w = clip(next);
        if (q >= 1 && rng.uniform() < o.dropout) {
          droppedOut = droppedOut || q < sessionList.length - 1;
          break;
        }
      }
      // The episode's end, on each of its rows (the long table's end_reason).
      if (o.endReasons)
        for (let i = firstRow; i < rows.length; i++) {
          const r = rows[i] as PrnRow;
          rows[i] = { ...r, extra: { ...r.extra, end_reason: droppedOut ? "dropout" : "completed" } };
        }
    }
  }
  return { rows, options: o, truth: events };
}
