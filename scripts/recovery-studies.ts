// The recovery studies of docs/recipes.md: each simulates one network of a published design (issue 13)
// with simulatePrn, runs the recipe and returns its estimates beside the true values. Run by
// scripts/recovery.ts, the one replication loop.
import { dataFrameFromColumns } from "@attune/stats";
import {
  congruence,
  crossLagged,
  deterioration,
  growth,
  lagged,
  modality,
  preparePrnData,
  raters,
  resolveRoles,
  rsa,
  ruptures,
  simulatePrn,
  type Estimate,
  type RecipeOptions,
  type SimulateOptions,
} from "@attune/core";

/** One estimate of one replication: its true value, and whether p < 0.05. */
export interface Draw {
  name: string;
  estimate: number;
  se: number;
  p: number;
  truth: number;
}

/** One replication's draws and counted events (e.g. "significant in one arm only"). */
export interface Replication {
  draws: Draw[];
  counts?: Record<string, boolean>;
}

export interface Study {
  /** What the study is matched to (printed above its table). */
  design: string;
  run(seed: number): Replication;
}

/** The simulated network as the long table a researcher would analyse (with every extra column). */
export function simulatedData(opts: SimulateOptions) {
  const rows = simulatePrn(opts).rows;
  const cols: Record<string, string[] | number[]> = {
    therapist: rows.map((x) => x.therapist),
    patient: rows.map((x) => x.patient),
    condition: rows.map((x) => x.condition),
    session: rows.map((x) => x.session),
    alliance_patient: rows.map((x) => x.alliance_patient),
    alliance_therapist: rows.map((x) => x.alliance_therapist),
    outcome: rows.map((x) => x.outcome),
  };
  for (const k of Object.keys(rows[0]?.extra ?? {})) {
    const v = rows.map((x) => x.extra?.[k]);
    cols[k] = v.every((x) => typeof x === "number") ? (v as number[]) : v.map((x) => String(x ?? ""));
  }
  return preparePrnData(dataFrameFromColumns(cols), resolveRoles());
}

const d = (name: string, e: Pick<Estimate, "estimate" | "se" | "p">, truth: number): Draw => ({
  name,
  estimate: e.estimate,
  se: e.se,
  p: e.p,
  truth,
});
const effect = (effects: Readonly<Record<string, Estimate>> | undefined, key: string): Estimate => {
  const e = effects?.[key];
  if (!e) throw new Error(`no effect "${key}" (have: ${Object.keys(effects ?? {}).join("; ")})`);
  return e;
};

function crossLaggedStudy(
  sessions: number,
  stableConfidence = true,
  model: "stacked" | "separate" = "stacked",
): Study {
  return {
    design: `confidence ↔ well-being (40 therapists, 117 patients, ${sessions} sessions): confidence → well-being 0.15, well-being → confidence 0.20, autoregressions 0.30${stableConfidence ? "" : "; patients' confidence has no stable level of its own (patientSd = 0)"}; ${model} model`,
    run(seed) {
      const data = simulatedData({
        therapists: 40,
        patients: 117,
        sessions,
        dropout: 0.02,
        seed: 600000 + seed,
        wellbeing: { ...SPECIFIED, a1: 0, a3: 0, a4: 0 },
        process2: { name: "confidence", ...(stableConfidence ? {} : { patientSd: 0 }) },
      });
      const e = crossLagged(data, { process2: "confidence", crossLaggedModel: model }).effects;
      return {
        draws: [
          d("confidence → outcome (within)", effect(e, "confidence → outcome (within)"), 0.15),
          d("outcome → confidence (within)", effect(e, "outcome → confidence (within)"), 0.2),
          d("outcome autoregression (within)", effect(e, "outcome autoregression (within)"), 0.3),
          d("confidence autoregression (within)", effect(e, "confidence autoregression (within)"), 0.3),
        ],
      };
    },
  };
}

const TRIAL = { therapists: 40, patients: 117, sessions: 6 } as const;
// A correctly specified well-being process (no stable level, no extra between effect): see "Simulator".
const SPECIFIED = { between: 0, stableLevel: false } as const;

function seedStudy(specified: boolean): Study {
  return {
    design: `seed study: 40 therapists × 3 patients × 6 sessions, simulator defaults${specified ? " with a correctly specified well-being process (wellbeing.between = 0, stableLevel = false)" : ""} (congruence, rsa)`,
    run(seed) {
      const data = simulatedData({ seed, ...(specified && { wellbeing: SPECIFIED }) });
      const c = congruence(data, {});
      const ref = 3.75;
      const [f0, f1] = [0.3, 0.6];
      const [b0, b1] = [-0.3, -0.25];
      // the intercept is the bias at the sample mean c of the truth, so its target depends on c
      const draws = [
        d("directional bias (control, at c)", c.arms[0]!.bias, b0 + (1 - f0) * (ref - c.center)),
        d("bias moderation (at c)", c.moderation[0]!.bias, b1 - b0 - (f1 - f0) * (ref - c.center)),
        d("truth force (control)", c.arms[0]!.force, f0),
        d("truth force moderation", c.moderation[0]!.force, f1 - f0),
      ];
      const s = rsa(data, {});
      for (const [k, truth] of [
        ["a1", 0.2],
        ["a3", -0.1],
        ["a4", -0.2],
      ] as const)
        draws.push(d(k, s.surface[k], truth));
      return { draws };
    },
  };
}

export const STUDIES: Record<string, Study> = {
  seed: seedStudy(false),
  "seed-specified": seedStudy(true),
  "training-congruence": {
    design:
      "training trial (40 therapists, 117 patients, 6 sessions): training raises only the within-dyad truth force 0.30 → 0.60",
    run(seed) {
      const a = simulatedData({ ...TRIAL, seed, judgment: { force: [0.3, 0.3], withinForce: [0.3, 0.6] } });
      const c = congruence(a, {});
      const q = c.quantities!;
      return {
        draws: [
          d("grand-mean model truth_c × condition", c.moderation[0]!.force, 0.3),
          d(
            "temporal congruence, trained − control (congruence_dyad)",
            q.temporalCongruence.difference!,
            0.3,
          ),
          d("temporal congruence, control", q.temporalCongruence.byArm["0"]!, 0.3),
          d("between-dyad force, trained − control", q.betweenDyadForce.difference!, 0),
        ],
      };
    },
  },
  "training-surfaces": {
    design: "training trial (40/117/6), identical surfaces in both arms (rsa_moderated vs separate fits)",
    run(seed) {
      const b = simulatedData({ ...TRIAL, seed: 100000 + seed });
      const s = rsa(b, { byCondition: true });
      const [, s0, s1] = s.surfaces;
      const diff = s.moderated!.difference!;
      const draws: Draw[] = [];
      const counts: Record<string, boolean> = {};
      for (const k of ["a1", "a3", "a4"] as const) {
        counts[`${k} significant in one arm only (separate fits)`] =
          s0!.surface[k].p < 0.05 !== s1!.surface[k].p < 0.05;
        draws.push(d(`${k} difference (rsa_moderated)`, diff[k], 0));
      }
      return { draws, counts };
    },
  },
  "training-surface-differs": {
    design: "training trial (40/117/6), trained arm's a1 = 0.40 (control 0.20): power of the difference test",
    run(seed) {
      const b = simulatedData({
        ...TRIAL,
        seed: 200000 + seed,
        trainedSurface: { a1: 0.4 },
        wellbeing: SPECIFIED,
      });
      const m = rsa(b, {}).moderated!;
      return {
        draws: [
          d("a1, control", m.byArm["0"]!.a1, 0.2),
          d("a1, trained", m.byArm["1"]!.a1, 0.4),
          d("a1 difference", m.difference!.a1, 0.2),
        ],
      };
    },
  },
  raters: {
    design:
      "training trial (40/117/6), training adds 0.03 per session to the patient's alliance growth; stacked raters model",
    run(seed) {
      const data = simulatedData({
        ...TRIAL,
        seed: 300000 + seed,
        armGrowth: 0.03,
        ruptures: { rate: 0 },
      });
      const e = raters(data, {}).effects;
      // therapist rating growth = own growth + force × patient growth (it tracks the patient's rating)
      const tg0 = 0.04 + 0.3 * 0.06;
      const tg1 = 0.07 + 0.6 * 0.09;
      return {
        draws: [
          d("patient growth, control", effect(e, "growth, patient, condition 0"), 0.06),
          d("therapist growth, control", effect(e, "growth, therapist, condition 0"), tg0),
          d("arm effect on patient growth", effect(e, "arm effect on growth, patient (1 − 0)"), 0.03),
          d(
            "arm effect on therapist growth",
            effect(e, "arm effect on growth, therapist (1 − 0)"),
            tg1 - tg0,
          ),
        ],
      };
    },
  },
  "multisite-growth": {
    design:
      "multisite study: 70 therapists, 255 patients, alliance at sessions 3/12/20/40; years of practice moderates growth (0.001 per year per session), in-session experience (within 0.15)",
    run(seed) {
      const data = simulatedData({
        therapists: 70,
        patients: 255,
        sessionNumbers: [3, 12, 20, 40],
        seed: 400000 + seed,
        dropout: 0.05,
        ruptures: { rate: 0 },
        alliance: { intercept: 3.4, growth: 0.012, growthSd: 0.006 },
        therapistAttribute: { name: "years", growth: 0.001, slope: 0 },
        experience: { name: "experience", within: 0.15, between: 0.2 },
      });
      const options: RecipeOptions = { predictors: ["experience"], moderators: ["years"] };
      const g = growth(data, options);
      const e = g.effects;
      return {
        draws: [
          d("growth per session (patient, control, average therapist)", g.raters[0]!.slopes[0]!.slope, 0.012),
          d("time × years (cross-level)", effect(e, "growth_patient: time × years"), 0.001),
          d("experience within patient", effect(e, "growth_patient: experience within patient"), 0.15),
          d(
            "experience between patients (latent 0.20)",
            effect(e, "growth_patient: experience between patients"),
            0.2,
          ),
          d(
            "experience between therapists (latent 0.20)",
            effect(e, "growth_patient: experience between therapists"),
            0.2,
          ),
        ],
      };
    },
  },
  "lagged-moderated": {
    design:
      "patient-level randomisation (40 therapists, 117 patients, 6 sessions): within = between = 0.20 alliance effect on next-session well-being, years moderates the within slope (0.02 per year)",
    run(seed) {
      const data = simulatedData({
        ...TRIAL,
        patientLevelArms: true,
        seed: 500000 + seed,
        alliance: { growth: 0, growthSd: 0 },
        wellbeing: { ...SPECIFIED, a1: 0.2, a3: -0.2, a4: 0 },
        therapistAttribute: { name: "years", growth: 0, slope: 0.02 },
      });
      const r = lagged(data, { moderators: ["years"], betweenTherapist: true });
      return {
        draws: [
          d("within patient (alliance_wp)", r.within, 0.2),
          d("between patients of a therapist (alliance_pb)", r.between, 0.2),
          d("between therapists (alliance_tm)", r.betweenTherapists!, 0.2),
          d("contextual (pb − wp)", r.contextual, 0),
          d("alliance_wp × years (cross-level)", effect(r.effects, "lagged: alliance_wp × years"), 0.02),
        ],
      };
    },
  },
  "deterioration-null": {
    design:
      "training trial (40/117/6), a quarter of patients deteriorating (−0.15 per session) and 6% dropping out per session in both arms: the arm tests' false-positive rates (binomial GLMMs)",
    run(seed) {
      const data = simulatedData({
        ...TRIAL,
        seed: 900000 + seed,
        dropout: 0.06,
        endReasons: true,
        deterioration: { rate: 0.25 },
      });
      const r = deterioration(data, { outcomeDirection: "higher-is-better" });
      // No arm differs: each arm odds ratio's log is 0 (coverage of 0 and the false-positive rate).
      return {
        draws: r.oddsRatios.map((o) =>
          d(`${o.model}: log odds ratio ${o.contrast}`, { estimate: o.logOdds, se: o.se, p: o.p }, 0),
        ),
      };
    },
  },
  "cross-lagged": crossLaggedStudy(10),
  // The same design with twice the sessions: how the lagged effects' bias shrinks as sessions accrue.
  "cross-lagged-20": crossLaggedStudy(20),
  // The diagnosis (docs/recipes.md, cross-lagged): without a stable confidence level nothing correlated
  // with the current confidence is left in the outcome's patient intercept; the bias that remains (0.10
  // for 0.15) is the patient mean x_pm's, which contains confidence that responds to later outcomes.
  "cross-lagged-no-stable-x": crossLaggedStudy(10, false, "separate"),
  // The earlier default, two separate equations with x_pm in the outcome's (--cross-lagged-model separate).
  "cross-lagged-separate": crossLaggedStudy(10, true, "separate"),
  "cross-lagged-separate-20": crossLaggedStudy(20, true, "separate"),
  ruptures: {
    design:
      "observer-coded ruptures (40/117/6, rupture rate 0.15): alliance falls 0.5 per unit of intensity, next-session well-being 0.10",
    run(seed) {
      const data = simulatedData({
        ...TRIAL,
        seed: 700000 + seed,
        ruptures: { rate: 0.15 },
        wellbeing: { ...SPECIFIED, a1: 0, a3: 0, a4: 0, therapistSlopeSd: 0 },
        ruptureCodes: {},
      });
      const e = ruptures(data, {}).effects;
      const k = "rupture_withdrawal_intensity";
      return {
        draws: [
          d(`${k} → alliance (within)`, effect(e, `ruptures_alliance: ${k} within`), -0.5),
          d(`${k} → alliance (between)`, effect(e, `ruptures_alliance: ${k} between`), -0.5),
          d(`${k} → next outcome (within)`, effect(e, `ruptures_outcome: ${k} within`), -0.1),
          d(`${k} → next outcome (between)`, effect(e, `ruptures_outcome: ${k} between`), -0.1),
        ],
      };
    },
  },
  // Intensity by type with distinct true effects (observer form 0.2.0 codes each type's intensity):
  // withdrawal coded at 2 × the alliance drop, confrontation at 4 ×, so the alliance falls 0.50 and 0.25
  // per unit; next-session well-being falls 0.10 per unit of withdrawal, 0.25 per unit of confrontation.
  "ruptures-by-type": {
    design:
      "observer-coded ruptures by type (40/117/6, rupture rate 0.15): alliance −0.50 per unit of withdrawal, −0.25 per unit of confrontation; next-session well-being −0.10 / −0.25",
    run(seed) {
      const data = simulatedData({
        ...TRIAL,
        seed: 710000 + seed,
        ruptures: { rate: 0.15 },
        wellbeing: { ...SPECIFIED, a1: 0, a3: 0, a4: 0, therapistSlopeSd: 0 },
        ruptureCodes: { scale: [2, 4], outcome: [-0.1, -0.25] },
      });
      const e = ruptures(data, {}).effects;
      const draws: Draw[] = [];
      const types = [
        ["rupture_withdrawal_intensity", -0.5, -0.1],
        ["rupture_confrontation_intensity", -0.25, -0.25],
      ] as const;
      for (const [k, a, o] of types) {
        draws.push(
          d(`${k} → alliance (within)`, effect(e, `ruptures_alliance: ${k} within`), a),
          d(`${k} → alliance (between)`, effect(e, `ruptures_alliance: ${k} between`), a),
          d(`${k} → next outcome (within)`, effect(e, `ruptures_outcome: ${k} within`), o),
          d(`${k} → next outcome (between)`, effect(e, `ruptures_outcome: ${k} between`), o),
        );
      }
      return { draws };
    },
  },
  modality: {
    design:
      "telepsychology (40/117/6): video −0.10 and phone −0.20 on the alliance; phone −0.10 on same-session well-being; therapists' remote shares 0–80%",
    run(seed) {
      const data = simulatedData({ ...TRIAL, seed: 800000 + seed, modality: {} });
      const e = modality(data, {}).effects;
      return {
        draws: [
          d(
            "video vs in person, alliance (within therapist)",
            effect(e, "modality_alliance: video vs in person (within therapist)"),
            -0.1,
          ),
          d(
            "phone vs in person, alliance (within therapist)",
            effect(e, "modality_alliance: phone vs in person (within therapist)"),
            -0.2,
          ),
          d(
            "video share, alliance (between therapists)",
            effect(e, "modality_alliance: video share (between therapists)"),
            -0.1,
          ),
          d(
            "phone vs in person, outcome (within therapist)",
            effect(e, "modality_outcome: phone vs in person (within therapist)"),
            -0.1,
          ),
          d(
            "video vs in person, outcome (within therapist)",
            effect(e, "modality_outcome: video vs in person (within therapist)"),
            0,
          ),
        ],
      };
    },
  },
};
