import { InputError } from "@attune/stats";
import { congruence, type CongruenceResult } from "./congruence.ts";
import type { DataFrame } from "./engine.ts";
import { growth, type GrowthResult } from "./growth.ts";
import { lagged, type LaggedResult } from "./lagged.ts";
import type { RecipeOptions } from "./options.ts";
import { quantityJson } from "./quantities.ts";
import { preparePrnData, type PrnData } from "./prepare.ts";
import { resolveRoles } from "./roles.ts";
import { rsa, type RsaResult } from "./rsa.ts";
import { therapistSlopes, type TherapistSlopesResult } from "./therapistSlopes.ts";
import { raters, type RatersResult } from "./raters.ts";
import { crossLagged, type CrossLaggedResult } from "./crossLagged.ts";
import { ruptures, type RupturesResult } from "./ruptures.ts";
import { modality, type ModalityResult } from "./modality.ts";
import { deterioration, type DeteriorationResult } from "./deterioration.ts";
import { custom, type CustomResult } from "./custom.ts";
import type { Estimate } from "./types.ts";

export type RecipeResult =
  | CongruenceResult
  | RsaResult
  | GrowthResult
  | LaggedResult
  | TherapistSlopesResult
  | RatersResult
  | CrossLaggedResult
  | RupturesResult
  | ModalityResult
  | DeteriorationResult
  | CustomResult;

export const RECIPES = {
  congruence,
  rsa,
  growth,
  lagged,
  "therapist-slopes": therapistSlopes,
  raters,
  "cross-lagged": crossLagged,
  ruptures,
  modality,
  deterioration,
  custom,
} as const satisfies Record<string, (data: PrnData, options: RecipeOptions) => RecipeResult>;

export type RecipeName = keyof typeof RECIPES;
export const RECIPE_NAMES = Object.keys(RECIPES) as RecipeName[];
/** What `all` runs: the recipes of DESIGN.md's table, which need only the role columns. */
export const CORE_RECIPES: readonly RecipeName[] = [
  "congruence",
  "rsa",
  "growth",
  "lagged",
  "therapist-slopes",
];

/**
 * Validates the data and runs one recipe (or `"all"`, every recipe in turn).
 *
 * @example
 * const [result] = runRecipes("rsa", df, { fit: fitLmm, roles: { outcome: "wellbeing" } });
 * result.models[0].summary.fixef;
 */
export function runRecipes(name: RecipeName | "all", df: DataFrame, options: RecipeOptions): RecipeResult[] {
  if (name !== "all" && !(name in RECIPES)) {
    throw new InputError(
      `unknown recipe "${String(name)}"; choose one of: ${[...RECIPE_NAMES, "all"].join(", ")}`,
    );
  }
  const data = preparePrnData(df, resolveRoles(options.roles), {
    outcomeDirection: options.outcomeDirection,
  });
  return runRecipesOn(name, data, options);
}

/**
 * Runs one recipe (or `"all"`) on already validated data.
 *
 * @example
 * const data = preparePrnData(df, resolveRoles());
 * runRecipesOn("all", data, {}).length; // 5
 */
export function runRecipesOn(
  name: RecipeName | "all",
  data: PrnData,
  options: RecipeOptions,
): RecipeResult[] {
  if (name !== "all" && !(name in RECIPES)) {
    throw new InputError(
      `unknown recipe "${String(name)}"; choose one of: ${[...RECIPE_NAMES, "all"].join(", ")}`,
    );
  }
  const names = name === "all" ? CORE_RECIPES : [name];
  return names.map((n) => RECIPES[n](data, options));
}

/**
 * The JSON contract of `attune analyze --json`: `{recipe, models: {<name>: summary}, surface?, center?}`.
 * For several recipes, models are merged, `surface` is the rsa one and `centers` lists each centre.
 * With `data`, `outcome: {column, direction}` says which outcome was analysed and which way is good.
 *
 * @example
 * JSON.stringify(recipeJson("rsa", results));
 */
export function recipeJson(
  name: string,
  results: readonly RecipeResult[],
  data?: PrnData,
): Record<string, unknown> {
  const models: Record<string, unknown> = {};
  for (const r of results) {
    for (const m of r.models) models[m.name] = m.summary;
    if ("glmms" in r) for (const m of r.glmms) models[m.name] = m.summary;
  }
  const out: Record<string, unknown> = { recipe: name, models };
  if (data && !data.absent.has("outcome")) {
    out.outcome = { column: data.roles.outcome, direction: data.outcomeDirection };
  }
  const rsaResult = results.find((r): r is RsaResult => r.recipe === "rsa");
  if (rsaResult) {
    out.surface = rsaResult.surface;
    const m = rsaResult.moderated;
    if (m) {
      out.surfaceModerated = m.byArm;
      if (m.difference) out.surfaceDifference = m.difference;
    }
    if (rsaResult.surfaces.length > 1) {
      out.surfaceBy = Object.fromEntries(rsaResult.surfaces.slice(1).map((s) => [s.arm ?? "", s.surface]));
    }
  }
  const cong = results.find((r): r is CongruenceResult => r.recipe === "congruence");
  if (cong?.quantities) {
    const q = cong.quantities;
    out.quantities = {
      directionalBias: quantityJson(q.directionalBias),
      temporalCongruence: quantityJson(q.temporalCongruence),
      betweenDyadForce: quantityJson(q.betweenDyadForce),
    };
  }
  const det = results.find((r): r is DeteriorationResult => r.recipe === "deterioration");
  if (det) {
    out.oddsRatios = Object.fromEntries(
      det.oddsRatios.map(({ model, ...o }) => [`${model}: ${o.contrast}`, o]),
    );
    out.rates = det.rates;
    out.rci = det.rci;
    out.plannedSessions = det.plannedSessions;
    out.notes = det.notes;
  }
  const cust = results.find((r): r is CustomResult => r.recipe === "custom");
  if (cust) out.notes = cust.notes;
  const effects: Record<string, unknown> = {};
  for (const r of results) {
    if (!("effects" in r) || !r.effects) continue;
    for (const [k, e] of Object.entries(r.effects))
      effects[k] = { estimate: e.estimate, se: e.se, df: e.df, p: e.p };
  }
  if (Object.keys(effects).length) out.effects = effects;
  const lag = results.find((r): r is LaggedResult => r.recipe === "lagged");
  if (lag?.betweenTherapists) {
    const e = (x: Estimate) => ({ estimate: x.estimate, se: x.se, df: x.df, p: x.p });
    out.lagged = {
      within: e(lag.within),
      betweenPatients: e(lag.between),
      betweenTherapists: e(lag.betweenTherapists),
    };
  }
  const centers = results.filter((r): r is CongruenceResult | RsaResult => "center" in r);
  if (results.length === 1 && centers[0]) out.center = centers[0].center;
  else if (centers.length) out.centers = Object.fromEntries(centers.map((r) => [r.recipe, r.center]));
  return out;
}
