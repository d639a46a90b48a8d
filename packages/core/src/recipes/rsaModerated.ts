// One response-surface model in which the arm interacts with every polynomial term, so that "does the
// surface differ by arm" is tested directly (a1..a5 per arm and their differences), instead of reading
// two separate fits where a surface "significant in one arm only" invites the classic error.
import { pTwoSidedZ } from "@attune/stats";
import { armsAmong } from "./arms.ts";
import type { DataFrame } from "./engine.ts";
import { quadraticForm, slopeRow } from "./design.ts";
import type { RecipeOptions } from "./options.ts";
import type { PrnData } from "./prepare.ts";
import { runModel } from "./runModel.ts";
import { SURFACE_CONTRASTS, type SurfaceParameter, type SurfaceParameters } from "./surface.ts";
import type { Arm, ModelRun } from "./types.ts";

const TERMS = ["X", "Y", "X2", "XY", "Y2"] as const;
const KEYS = ["a1", "a2", "a3", "a4", "a5"] as const;

/** The arm-moderated surface: a1..a5 per arm and the difference between two arms. */
export interface ModeratedSurface {
  readonly model: ModelRun;
  readonly byArm: Readonly<Record<string, SurfaceParameters>>;
  /** Second arm minus the reference arm (exactly two arms). */
  readonly difference: (SurfaceParameters & { readonly contrast: string }) | null;
  /** Contrast vectors over the model's fixed effects (rows a1..a5), per arm label and for the difference. */
  readonly contrasts: Readonly<Record<string, Readonly<Record<(typeof KEYS)[number], Float64Array>>>>;
}

export const RSA_MODERATED_FORMULA =
  "outcome_next ~ (X + Y + X2 + XY + Y2) * condition + outcome + time + (1 | therapist) + (1 | therapist:patient)";

/**
 * Fits `rsa_moderated` = `outcome_next ~ (X + Y + X2 + XY + Y2) * condition + outcome + time +
 * (1 | therapist) + (1 | therapist:patient)` on the rsa frame, and gives a1..a5 in each arm and their
 * difference with delta-method SEs (L'VL over the full fixed-effect covariance), z tests and normal p.
 * Null with fewer than two arms among the rows.
 *
 * @example
 * const m = moderatedSurface(data, rows, frame, {});
 * m?.difference?.a4; // does the penalty for disagreement differ by arm?
 */
export function moderatedSurface(
  data: PrnData,
  rows: readonly number[],
  frame: DataFrame,
  options: RecipeOptions,
): ModeratedSurface | null {
  const arms = armsAmong(data, rows);
  if (!arms[0]) return null;
  const model = runModel("rsa_moderated", RSA_MODERATED_FORMULA, frame, options.fit, data.nrow);
  const names = model.fit.fixefNames;
  const origin = { X: 0, Y: 0, X2: 0, XY: 0, Y2: 0, outcome: 0, time: 0 };
  const rowsOf = (arm: Arm | null) => {
    const b = TERMS.map((t) => slopeRow(names, t, origin, arm));
    return Object.fromEntries(
      KEYS.map((k) => {
        const c = SURFACE_CONTRASTS[k];
        const L = new Float64Array(names.length);
        b.forEach((row, j) => row.forEach((v, i) => (L[i] = (L[i] as number) + (c[j] as number) * v)));
        return [k, L];
      }),
    ) as Record<(typeof KEYS)[number], Float64Array>;
  };
  const beta = model.fit.fixef.map((f) => f.estimate);
  const param = (L: Float64Array): SurfaceParameter => {
    const estimate = L.reduce((s, v, i) => s + v * (beta[i] as number), 0);
    const se = Math.sqrt(quadraticForm(L, model.fit.vcov));
    const z = estimate / se;
    return { estimate, se, z, p: pTwoSidedZ(z) };
  };
  const surfaceOf = (Ls: Record<(typeof KEYS)[number], Float64Array>) =>
    Object.fromEntries(KEYS.map((k) => [k, param(Ls[k])])) as unknown as SurfaceParameters;
  const contrasts: Record<string, Record<(typeof KEYS)[number], Float64Array>> = {};
  const byArm: Record<string, SurfaceParameters> = {};
  for (const arm of arms as Arm[]) {
    contrasts[arm.label] = rowsOf(arm);
    byArm[arm.label] = surfaceOf(contrasts[arm.label]!);
  }
  let difference: ModeratedSurface["difference"] = null;
  const [a, b] = arms as Arm[];
  if (arms.length === 2 && a && b) {
    const contrast = `${b.label} − ${a.label}`;
    const la = contrasts[a.label]!;
    const lb = contrasts[b.label]!;
    contrasts[contrast] = Object.fromEntries(
      KEYS.map((k) => [k, lb[k].map((v, i) => v - (la[k][i] as number))]),
    ) as Record<(typeof KEYS)[number], Float64Array>;
    difference = { contrast, ...surfaceOf(contrasts[contrast]!) };
  }
  return { model, byArm, difference, contrasts };
}
