import { armsAmong, mixedRow, therapistArmMix, therapistArms } from "./arms.ts";
import { dyadCongruence, type CongruenceQuantities, type DyadCongruence } from "./congruenceDyad.ts";
import { completeRows, conditionPresent, deriveTime, meanOver } from "./derive.ts";
import { designRow, slopeRow } from "./design.ts";
import { contrastEstimate } from "./estimate.ts";
import { buildFrame } from "./frame.ts";
import { qNormal } from "@attune/stats";
import type { RecipeOptions } from "./options.ts";
import { requireRole, type PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import type { Arm, Estimate, ModelRun, UnitEstimate } from "./types.ts";

/** Directional bias and truth force in one arm. */
export interface ArmAttunement {
  readonly arm: string;
  readonly bias: Estimate;
  readonly force: Estimate;
}

/** How an arm differs from the reference arm. */
export interface Moderation {
  readonly arm: string;
  readonly reference: string;
  readonly bias: Estimate;
  readonly force: Estimate;
}

/** Output of the truth-and-bias (congruence) recipe. */
export interface CongruenceResult {
  readonly recipe: "congruence";
  readonly models: readonly ModelRun[];
  /** Mean patient-rated alliance over the rows used (both ratings are centred on it). */
  readonly center: number;
  readonly arms: readonly ArmAttunement[];
  readonly moderation: readonly Moderation[];
  /** Per-therapist directional bias (fixed + conditional mode). */
  readonly therapistBias: readonly UnitEstimate[];
  /** Per-therapist truth force (fixed + conditional mode). */
  readonly therapistForce: readonly UnitEstimate[];
  /**
   * Directional bias, temporal (within-dyad) congruence and between-dyad force from `congruence_dyad`
   * (null only when the caller let that model fail, as the attunement profile does).
   */
  readonly quantities: CongruenceQuantities | null;
  /** Per-therapist temporal congruence (within-dyad truth force) from `congruence_dyad`. */
  readonly therapistTemporal: readonly UnitEstimate[];
  readonly notes: readonly string[];
}

const Z = qNormal(0.975);

/**
 * Truth-and-bias models. Model `congruence` (the golden contract) is of the therapist's rating (judgment) against the patient's (truth):
 * `judge_c ~ truth_c * condition + time * condition + (1 + truth_c | therapist) + (1 | therapist:patient)`,
 * both ratings centred on the mean patient rating; it reports directional bias (intercept) and truth force
 * (truth_c slope) per arm, their moderation by condition, and each therapist's attunement. Model
 * `congruence_dyad` (see `dyadCongruence`) splits truth into within- and between-dyad parts and gives
 * the headline `quantities`; with `dyadModel` "if-estimable" its failure leaves `quantities` null
 * instead of failing the recipe. With one arm only, condition is left out of both models.
 *
 * @example
 * const r = congruence(data, { fit: fitLmm });
 * r.arms[1].force.estimate; // truth force in the trained arm
 */
export function congruence(
  data: PrnData,
  options: RecipeOptions,
  dyadModel: "required" | "if-estimable" = "required",
): CongruenceResult {
  requireRole(data, "alliance_therapist", "congruence (truth and bias)");
  const rows = completeRows(data.nrow, [data.alliance_patient, data.alliance_therapist], (i) =>
    conditionPresent(data, i),
  );
  const center = meanOver(data.alliance_patient, rows);
  const truth_c = data.alliance_patient.map((v) => v - center);
  const judge_c = data.alliance_therapist.map((v) => v - center);
  const frame = buildFrame(data, rows, { time: deriveTime(data), truth_c, judge_c });
  const armList = armsAmong(data, rows);
  const fixed = armList[0] ? "truth_c * condition + time * condition" : "truth_c + time";
  const formula = `judge_c ~ ${fixed} + (1 + truth_c | therapist) + (1 | therapist:patient)`;
  const model = runModel("congruence", formula, frame, options.fit, data.nrow);
  const names = model.fit.fixefNames;
  const at = (arm: Arm | null) => ({
    bias: designRow(names, { truth_c: 0, time: 0 }, arm),
    force: slopeRow(names, "truth_c", { time: 0 }, arm),
  });
  const perArm = armList.map((arm) => {
    const L = at(arm);
    return {
      arm: arm?.label ?? "all",
      bias: contrastEstimate(model.fit, L.bias),
      force: contrastEstimate(model.fit, L.force),
    };
  });
  const ref = armList[0] ?? null;
  const moderation = armList.slice(1).map((arm) => {
    const a = at(arm);
    const r = at(ref);
    return {
      arm: (arm as Arm).label,
      reference: ref?.label ?? "",
      bias: contrastEstimate(
        model.fit,
        a.bias.map((v, i) => v - (r.bias[i] as number)),
      ),
      force: contrastEstimate(
        model.fit,
        a.force.map((v, i) => v - (r.force[i] as number)),
      ),
    };
  });
  const { therapistBias, therapistForce } = attunement(data, model, armList);
  let dyad: DyadCongruence | null = null;
  try {
    dyad = dyadCongruence(data, rows, center, options);
  } catch (err) {
    if (dyadModel === "required") throw err;
  }
  return {
    recipe: "congruence",
    models: dyad ? [model, dyad.model] : [model],
    center,
    arms: perArm,
    moderation,
    therapistBias,
    therapistForce,
    quantities: dyad?.quantities ?? null,
    therapistTemporal: dyad?.therapistTemporal ?? [],
    notes: dyad?.notes ?? ["congruence_dyad could not be fitted on these data"],
  };
}

function attunement(data: PrnData, model: ModelRun, arms: readonly (Arm | null)[]) {
  const re = model.fit.ranef.find((r) => r.group === "therapist");
  if (!re) throw new Error(`congruence: the fit has no random effects for "therapist"`);
  const k = re.terms.length;
  const iBias = re.terms.indexOf("(Intercept)");
  const iForce = re.terms.indexOf("truth_c");
  const armOf = therapistArms(data);
  const mix = therapistArmMix(data);
  const beta = model.fit.fixef.map((f) => f.estimate);
  const names = model.fit.fixefNames;
  const fixedAt = (L: Float64Array) => L.reduce((s, v, i) => s + v * (beta[i] as number), 0);
  const therapistBias: UnitEstimate[] = [];
  const therapistForce: UnitEstimate[] = [];
  re.levels.forEach((unit, l) => {
    const label = armOf.get(unit) ?? null;
    const unitEstimate = (fixed: number, e: number): UnitEstimate => {
      const est = fixed + (e >= 0 ? (re.modes[l * k + e] as number) : 0);
      const sd = e >= 0 ? (re.condSd[l * k + e] as number) : 0;
      return { unit, arm: label, estimate: est, condSd: sd, lower: est - Z * sd, upper: est + Z * sd };
    };
    const shares = mix.get(unit);
    const biasRow = mixedRow(arms, shares, (arm) => designRow(names, { truth_c: 0, time: 0 }, arm));
    const forceRow = mixedRow(arms, shares, (arm) => slopeRow(names, "truth_c", { time: 0 }, arm));
    therapistBias.push(unitEstimate(fixedAt(biasRow), iBias));
    therapistForce.push(unitEstimate(fixedAt(forceRow), iForce));
  });
  return { therapistBias, therapistForce };
}
