// The truth-and-bias model as the congruence studies specify it: the patient's rating (truth) split into
// the dyad's own mean (between dyads) and the session's deviation from it (within the dyad). The
// within-dyad slope is temporal congruence — does the therapist's rating move with the patient's from
// session to session — and has a random slope per dyad and per therapist. Grand-mean centring (model
// `congruence`) mixes it with the between-dyad slope, so a training effect on session-to-session
// tracking alone is diluted (docs/recipes.md, recovery table).
import { armsAmong, mixedRow, therapistArmMix, therapistArms } from "./arms.ts";
import { deriveTime, patientMeans } from "./derive.ts";
import { designRow, slopeRow } from "./design.ts";
import { buildFrame } from "./frame.ts";
import { qNormal } from "@attune/stats";
import type { RecipeOptions } from "./options.ts";
import type { PrnData } from "./prepare.ts";
import { armQuantity, type ArmQuantity } from "./quantities.ts";
import { runModel } from "./runModel.ts";
import type { Arm, ModelRun, UnitEstimate } from "./types.ts";

/** Headline quantities of the dyad-centred truth-and-bias model (JSON `quantities`). */
export interface CongruenceQuantities {
  /** Therapist − patient rating at the dyad's own mean truth, average truth, session 1. */
  readonly directionalBias: ArmQuantity;
  /** Within-dyad truth force: therapist rating change per point of patient rating change in the dyad. */
  readonly temporalCongruence: ArmQuantity;
  /** Between-dyad truth force: do dyads whose patients rate higher get higher therapist ratings. */
  readonly betweenDyadForce: ArmQuantity;
}

/** The fitted dyad-centred model, its quantities and each therapist's attunement from it. */
export interface DyadCongruence {
  readonly model: ModelRun;
  readonly quantities: CongruenceQuantities;
  /** Per-therapist temporal congruence (fixed part of their arm(s) + conditional mode). */
  readonly therapistTemporal: readonly UnitEstimate[];
  /** Per-therapist directional bias from this model. */
  readonly therapistBias: readonly UnitEstimate[];
  /** Why the model differs from the full specification (e.g. too few sessions per dyad). */
  readonly notes: readonly string[];
}

const Z = qNormal(0.975);

/**
 * Fits model `congruence_dyad`:
 * `judge_c ~ truth_w * condition + truth_b * condition + time * condition + (1 + truth_w | therapist) +
 * (1 + truth_w | therapist:patient)` with judge_c = alliance_therapist − c, truth_b = dyad mean of
 * alliance_patient − c, truth_w = alliance_patient − dyad mean (means over `rows`), c = `center`.
 * With one arm, condition is left out. When there are too few sessions per dyad for a slope per dyad
 * (2 × dyads ≥ rows, which lme4 refuses as well), the dyad term is `(1 | therapist:patient)` and a note
 * says so.
 *
 * @example
 * const d = dyadCongruence(data, rows, center, {});
 * d.quantities.temporalCongruence.difference?.estimate; // trained − control within-dyad force
 */
export function dyadCongruence(
  data: PrnData,
  rows: readonly number[],
  center: number,
  options: RecipeOptions,
): DyadCongruence {
  const pm = patientMeans(data, data.alliance_patient, rows);
  const truth_w = data.alliance_patient.map((v, i) => v - (pm[i] as number));
  const truth_b = pm.map((v) => v - center);
  const judge_c = data.alliance_therapist.map((v) => v - center);
  const frame = buildFrame(data, rows, { time: deriveTime(data), truth_w, truth_b, judge_c });
  const arms = armsAmong(data, rows);
  const fixed = arms[0]
    ? "truth_w * condition + truth_b * condition + time * condition"
    : "truth_w + truth_b + time";
  const dyads = new Set(rows.map((i) => data.patient[i] as string)).size;
  const dyadSlope = 2 * dyads < rows.length;
  const dyadTerm = dyadSlope ? "(1 + truth_w | therapist:patient)" : "(1 | therapist:patient)";
  const formula = `judge_c ~ ${fixed} + (1 + truth_w | therapist) + ${dyadTerm}`;
  const notes = dyadSlope
    ? []
    : [
        `congruence_dyad: ${rows.length} sessions for ${dyads} dyads are too few for a temporal-congruence slope per dyad; the dyads have random intercepts only`,
      ];
  const model = runModel("congruence_dyad", formula, frame, options.fit, data.nrow);
  const names = model.fit.fixefNames;
  const origin = { truth_w: 0, truth_b: 0, time: 0 };
  const biasAt = (arm: Arm | null) => designRow(names, origin, arm);
  const withinAt = (arm: Arm | null) => slopeRow(names, "truth_w", origin, arm);
  const betweenAt = (arm: Arm | null) => slopeRow(names, "truth_b", origin, arm);
  const quantities: CongruenceQuantities = {
    directionalBias: armQuantity(model.fit, arms, biasAt),
    temporalCongruence: armQuantity(model.fit, arms, withinAt),
    betweenDyadForce: armQuantity(model.fit, arms, betweenAt),
  };
  const re = model.fit.ranef.find((r) => r.group === "therapist");
  if (!re) throw new Error(`congruence_dyad: the fit has no random effects for "therapist"`);
  const k = re.terms.length;
  const beta = model.fit.fixef.map((f) => f.estimate);
  const fixedAt = (L: Float64Array) => L.reduce((s, v, i) => s + v * (beta[i] as number), 0);
  const mix = therapistArmMix(data);
  const armLabel = therapistArms(data);
  const unit = (t: string, l: number, L: Float64Array, term: string): UnitEstimate => {
    const e = re.terms.indexOf(term);
    const est = fixedAt(L) + (e >= 0 ? (re.modes[l * k + e] as number) : 0);
    const sd = e >= 0 ? (re.condSd[l * k + e] as number) : 0;
    const arm = armLabel.get(t) ?? null;
    return { unit: t, arm, estimate: est, condSd: sd, lower: est - Z * sd, upper: est + Z * sd };
  };
  const therapistTemporal = re.levels.map((t, l) =>
    unit(t, l, mixedRow(arms, mix.get(t), withinAt), "truth_w"),
  );
  const therapistBias = re.levels.map((t, l) =>
    unit(t, l, mixedRow(arms, mix.get(t), biasAt), "(Intercept)"),
  );
  return { model, quantities, therapistTemporal, therapistBias, notes };
}
