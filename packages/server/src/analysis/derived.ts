// What a run records beside the recipes' JSON contract so the researcher's page can show the numbers the
// report shows without refitting: 95% intervals of every fixed effect, each recipe's headline quantities
// (per-arm bias and truth force, growth slopes, within/between effects, ...) and per-therapist estimates.
// Their shapes are @attune/api's (runs.ts), which the run page reads.
import type { DerivedModel, DerivedQuantity, DerivedUnits } from "@attune/api";
import type { Estimate, RecipeResult, UnitEstimate } from "@attune/core";
import { qNormal, qT } from "@attune/stats";

const q = (label: string, e: Estimate): DerivedQuantity => ({
  label,
  estimate: e.estimate,
  se: e.se,
  df: Number.isFinite(e.df) ? e.df : null,
  p: e.p,
  lower: e.lower,
  upper: e.upper,
});
const units = (label: string, u: readonly UnitEstimate[]): DerivedUnits => ({
  label,
  units: u.map((x) => ({ unit: x.unit, arm: x.arm, estimate: x.estimate, lower: x.lower, upper: x.upper })),
});
const armName = (a: string) => (a === "all" ? "all therapists" : `arm ${a}`);

/**
 * The derived numbers of a run's results, by model name (see DerivedModel).
 *
 * @example
 * derivedOf(runRecipesOn("congruence", data, {})).congruence.quantities[0].label; // "directional bias, arm 0"
 */
export function derivedOf(results: readonly RecipeResult[]): Record<string, DerivedModel> {
  const out: Record<string, DerivedModel> = {};
  const z = qNormal(0.975);
  for (const r of results) {
    for (const m of r.models) {
      out[m.name] = {
        ci: m.summary.fixef.map((f) => {
          const k = Number.isFinite(f.df) && f.df > 0 ? qT(0.975, f.df) : z;
          return { term: f.term, lower: f.estimate - k * f.se, upper: f.estimate + k * f.se };
        }),
        quantities: [],
        units: [],
      };
    }
    // Generalized models (deterioration, custom): Wald intervals on the link's scale.
    if ("glmms" in r)
      for (const m of r.glmms)
        out[m.name] = {
          ci: m.summary.fixef.map((f) => ({
            term: f.term,
            lower: f.estimate - z * f.se,
            upper: f.estimate + z * f.se,
          })),
          quantities: [],
          units: [],
        };
    const first = out[r.models[0]?.name ?? ""];
    if (!first) continue;
    switch (r.recipe) {
      case "congruence":
        first.quantities.push(
          ...r.arms.flatMap((a) => [
            q(`directional bias, ${armName(a.arm)}`, a.bias),
            q(`truth force, ${armName(a.arm)}`, a.force),
          ]),
          ...r.moderation.flatMap((m) => [
            q(`bias difference, arm ${m.arm} − ${m.reference}`, m.bias),
            q(`truth force difference, arm ${m.arm} − ${m.reference}`, m.force),
          ]),
        );
        first.units.push(units("directional bias", r.therapistBias), units("truth force", r.therapistForce));
        {
          const dyad = out["congruence_dyad"];
          if (dyad && r.quantities) {
            for (const [label, quantity] of [
              ["directional bias", r.quantities.directionalBias],
              ["temporal congruence", r.quantities.temporalCongruence],
              ["between-dyad force", r.quantities.betweenDyadForce],
            ] as const) {
              for (const [arm, e] of Object.entries(quantity.intervals)) {
                dyad.quantities.push(q(`${label}, ${arm.includes(" − ") ? `arm ${arm}` : armName(arm)}`, e));
              }
            }
            dyad.units.push(units("temporal congruence", r.therapistTemporal));
          }
        }
        break;
      case "raters":
      case "cross-lagged":
      case "ruptures":
      case "modality":
        first.quantities.push(...Object.entries(r.effects).map(([label, e]) => q(label, e)));
        break;
      case "rsa":
        // The surface parameters a1..a5 are in the contract already (`surface`, `surfaceBy`).
        break;
      case "growth":
        for (const g of r.raters) {
          const d = out[g.model];
          if (!d) continue;
          d.quantities.push(
            ...g.slopes.map((s) => q(`alliance change per session, ${armName(s.arm)}`, s.slope)),
            ...g.differences.map((s) => q(`slope difference, arm ${s.arm} − ${s.reference}`, s.difference)),
          );
        }
        break;
      case "lagged":
        first.quantities.push(
          q("within patient (alliance_wp)", r.within),
          q("between patients (alliance_pm)", r.between),
          q("contextual (between − within)", r.contextual),
        );
        break;
      case "therapist-slopes":
        first.quantities.push(q("average within-patient slope", r.slope));
        if (r.moderator) first.quantities.push(q(`slope × ${r.moderator.column}`, r.moderator.interaction));
        first.units.push(units("within-patient slope", r.therapists));
        break;
    }
  }
  return out;
}
