import { InputError } from "@attune/stats";
import { armsOf } from "./arms.ts";
import { completeRows, conditionPresent, deriveOutcomeNext, deriveTime } from "./derive.ts";
import type { FitLike } from "./engine.ts";
import { buildFrame } from "./frame.ts";
import { lagRowsOrThrow } from "./lagRows.ts";
import type { RecipeOptions } from "./options.ts";
import { requireRole, type PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import { subBlock, surfaceParameters, type SurfaceParameters } from "./surface.ts";
import { moderatedSurface, type ModeratedSurface } from "./rsaModerated.ts";
import type { ModelRun } from "./types.ts";

const TERMS = ["X", "Y", "X2", "XY", "Y2"] as const;

/** A fitted surface: coefficients, a1..a5, and what is needed to draw it on the raw rating scale. */
export interface FittedSurface {
  /** Model name (`rsa`, or `rsa_<arm>`). */
  readonly model: string;
  readonly arm: string | null;
  /** b0..b5 with the controls (outcome, time) held at their means folded into b0. */
  readonly b: readonly [number, number, number, number, number, number];
  readonly surface: SurfaceParameters;
  /** Observed (therapist, patient) alliance pairs on the raw scale. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

/** Output of the response-surface recipe. */
export interface RsaResult {
  readonly recipe: "rsa";
  readonly models: readonly ModelRun[];
  /** Pooled mean of therapist and patient alliance over the rows used. */
  readonly center: number;
  readonly surface: SurfaceParameters;
  /** The pooled surface first, then one per arm with `byCondition`. */
  readonly surfaces: readonly FittedSurface[];
  /** With two or more arms: model `rsa_moderated` (last in `models`), a1..a5 per arm and their difference. */
  readonly moderated: ModeratedSurface | null;
}

const FORMULA =
  "outcome_next ~ X + Y + X2 + XY + Y2 + outcome + time + (1 | therapist) + (1 | therapist:patient)";

/**
 * Response surface of next-session outcome on therapist (X) and patient (Y) alliance at the current
 * session, both centred on their pooled mean: `outcome_next ~ X + Y + X2 + XY + Y2 + outcome + time +
 * (1 | therapist) + (1 | therapist:patient)`; a1..a5 with delta-method SEs and z tests. With
 * `byCondition`, each arm is also fitted (same centre). With two or more arms, `rsa_moderated` (see
 * `moderatedSurface`) tests whether the surface differs by arm in one model.
 *
 * @example
 * rsa(data, { fit: fitLmm }).surface.a4; // curvature along the line of incongruence
 */
export function rsa(data: PrnData, options: RecipeOptions): RsaResult {
  requireRole(data, "alliance_therapist", "rsa (the surface of therapist and patient ratings)");
  const outcomeNext = deriveOutcomeNext(data);
  const rows = lagRowsOrThrow(data, outcomeNext, "rsa");
  let s = 0;
  for (const i of rows) s += (data.alliance_therapist[i] as number) + (data.alliance_patient[i] as number);
  const center = s / (2 * rows.length);
  const X = data.alliance_therapist.map((v) => v - center);
  const Y = data.alliance_patient.map((v) => v - center);
  const cols = {
    time: deriveTime(data),
    outcome: data.outcome,
    outcome_next: outcomeNext,
    X,
    Y,
    X2: X.map((v) => v * v),
    XY: X.map((v, i) => v * (Y[i] as number)),
    Y2: Y.map((v) => v * v),
  };
  const fitOne = (name: string, arm: string | null, sub: readonly number[]) => {
    const model = runModel(name, FORMULA, buildFrame(data, sub, cols), options.fit, data.nrow);
    return { model, fitted: describe(model.fit, name, arm, sub, data, cols) };
  };
  const pooled = fitOne("rsa", null, rows);
  const models = [pooled.model];
  const surfaces = [pooled.fitted];
  if (options.byCondition) {
    const withArm = completeRows(data.nrow, [], (i) => conditionPresent(data, i));
    const arms = armsOf(data);
    if (arms.length < 2)
      throw new InputError(`rsa --by condition needs at least two arms, found ${arms.length}`);
    for (const arm of arms) {
      const set = new Set(withArm.filter((i) => String(data.condition[i]) === arm.label));
      const sub = rows.filter((i) => set.has(i));
      const r = fitOne(`rsa_${arm.label}`, arm.label, sub);
      models.push(r.model);
      surfaces.push(r.fitted);
    }
  }
  const armRows = rows.filter((i) => conditionPresent(data, i));
  const moderated = moderatedSurface(data, armRows, buildFrame(data, armRows, cols), options);
  if (moderated) models.push(moderated.model);
  return { recipe: "rsa", models, center, surface: pooled.fitted.surface, surfaces, moderated };
}

function describe(
  fit: FitLike,
  model: string,
  arm: string | null,
  rows: readonly number[],
  data: PrnData,
  cols: { time: Float64Array; outcome: Float64Array },
): FittedSurface {
  const names = fit.fixefNames;
  const beta = fit.fixef.map((f) => f.estimate);
  const { b, V } = subBlock(names, beta, fit.vcov, TERMS);
  const mean = (v: Float64Array) => rows.reduce((acc, i) => acc + (v[i] as number), 0) / rows.length;
  const coef = (t: string) => beta[names.indexOf(t)] ?? 0;
  const b0 = coef("(Intercept)") + coef("outcome") * mean(cols.outcome) + coef("time") * mean(cols.time);
  return {
    model,
    arm,
    b: [b0, b[0] as number, b[1] as number, b[2] as number, b[3] as number, b[4] as number],
    surface: surfaceParameters(b, V),
    points: rows.map(
      (i) => [data.alliance_therapist[i] as number, data.alliance_patient[i] as number] as const,
    ),
  };
}
