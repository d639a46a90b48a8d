// What a run records beside the recipes' JSON contract so the researcher's page can show the numbers the
// report shows without refitting: 95% intervals of every fixed effect, and each recipe's headline
// quantities and per-therapist estimates as core chooses and labels them (headlinesOf, which the report
// reads too). Their shapes are @attune/api's (runs.ts), which the run page reads.
import type { DerivedModel, DerivedQuantity, DerivedUnits } from "@attune/api";
import { headlinesOf, type Headline, type RecipeResult, type UnitSet } from "@attune/core";
import { qNormal, qT } from "@attune/stats";

const q = ({ label, estimate: e }: Headline): DerivedQuantity => ({
  label,
  estimate: e.estimate,
  se: e.se,
  df: Number.isFinite(e.df) ? e.df : null,
  p: e.p,
  lower: e.lower,
  upper: e.upper,
});
const units = ({ label, units: u }: UnitSet): DerivedUnits => ({
  label,
  units: u.map((x) => ({ unit: x.unit, arm: x.arm, estimate: x.estimate, lower: x.lower, upper: x.upper })),
});

/**
 * The derived numbers of a run's results, by model name (see DerivedModel): each fixed effect's 95%
 * interval, and the headline quantities and per-therapist estimates core chooses (headlinesOf).
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
    for (const h of headlinesOf(r)) {
      const d = out[h.model];
      if (!d) continue;
      d.quantities.push(...h.quantities.map(q));
      d.units.push(...h.units.map(units));
    }
  }
  return out;
}
