// Each recipe's headline quantities and per-therapist estimates, chosen and labelled once: the report's
// tables and caterpillar plots, the numbers a run records for its page (server analysis/derived.ts) and
// the run page all read this, so they cannot disagree.
import type { RecipeResult } from "./run.ts";
import type { Estimate, UnitEstimate } from "./types.ts";

/** One headline quantity: what it is, in words, and its estimate with a 95% interval. */
export interface Headline {
  readonly label: string;
  readonly estimate: Estimate;
}

/** One set of per-therapist estimates (a caterpillar plot), with what it shows. */
export interface UnitSet {
  readonly label: string;
  readonly units: readonly UnitEstimate[];
  /** The line drawn across the plot (0 for a bias; the average for a slope). */
  readonly reference?: number;
}

/** The headline quantities and per-therapist estimates of one model of a recipe. */
export interface ModelHeadlines {
  readonly model: string;
  readonly quantities: readonly Headline[];
  readonly units: readonly UnitSet[];
}

const armName = (a: string) => (a === "all" ? "all therapists" : `arm ${a}`);
const h = (label: string, estimate: Estimate): Headline => ({ label, estimate });

/**
 * The headline quantities and per-therapist estimates of a recipe result, by model (models without any
 * are left out; the response surface's a1..a5 and the odds ratios of deterioration have tables of their
 * own).
 *
 * @example
 * headlinesOf(runRecipesOn("congruence", data, {})[0]!)[0]?.quantities[0]?.label; // "directional bias, arm 0"
 */
export function headlinesOf(r: RecipeResult): ModelHeadlines[] {
  const first = r.models[0]?.name ?? r.recipe;
  const out: ModelHeadlines[] = [];
  const add = (model: string, quantities: readonly Headline[], units: readonly UnitSet[] = []) => {
    if (!quantities.length && !units.length) return;
    const i = out.findIndex((m) => m.model === model);
    const had = out[i];
    if (had)
      out[i] = { model, quantities: [...had.quantities, ...quantities], units: [...had.units, ...units] };
    else out.push({ model, quantities, units });
  };
  const levels = (effects: Readonly<Record<string, Estimate>> | undefined) =>
    Object.entries(effects ?? {}).map(([label, e]) => h(label, e));
  switch (r.recipe) {
    case "congruence": {
      add(
        first,
        [
          ...r.arms.flatMap((a) => [
            h(`directional bias, ${armName(a.arm)}`, a.bias),
            h(`truth force, ${armName(a.arm)}`, a.force),
          ]),
          ...r.moderation.flatMap((m) => [
            h(`bias difference, arm ${m.arm} − ${m.reference}`, m.bias),
            h(`truth force difference, arm ${m.arm} − ${m.reference}`, m.force),
          ]),
        ],
        [
          { label: "directional bias", units: r.therapistBias, reference: 0 },
          {
            label: "truth force",
            units: r.therapistForce,
            ...(r.arms[0] ? { reference: r.arms[0].force.estimate } : {}),
          },
        ],
      );
      const q = r.quantities;
      const dyad = r.models[1]?.name;
      if (q && dyad) {
        const rows = (
          [
            ["directional bias", q.directionalBias],
            ["temporal congruence", q.temporalCongruence],
            ["between-dyad force", q.betweenDyadForce],
          ] as const
        ).flatMap(([label, quantity]) =>
          Object.entries(quantity.intervals).map(([arm, e]) =>
            h(`${label}, ${arm.includes(" − ") ? `arm ${arm}` : armName(arm)}`, e),
          ),
        );
        const firstArm = Object.values(q.temporalCongruence.byArm)[0];
        add(dyad, rows, [
          {
            label: "temporal congruence",
            units: r.therapistTemporal,
            ...(firstArm ? { reference: firstArm.estimate } : {}),
          },
        ]);
      }
      break;
    }
    case "growth":
      for (const g of r.raters)
        add(g.model, [
          ...g.slopes.map((s) => h(`alliance change per session, ${armName(s.arm)}`, s.slope)),
          ...g.differences.map((d) => h(`slope difference, arm ${d.arm} − ${d.reference}`, d.difference)),
        ]);
      add(first, levels(r.effects));
      break;
    case "lagged":
      add(first, [
        h("within patient (alliance_wp)", r.within),
        r.betweenTherapists
          ? h("between patients of a therapist (alliance_pb)", r.between)
          : h("between patients (alliance_pm)", r.between),
        ...(r.betweenTherapists ? [h("between therapists (alliance_tm)", r.betweenTherapists)] : []),
        h("contextual (between − within)", r.contextual),
        ...levels(r.effects),
      ]);
      break;
    case "therapist-slopes":
      add(
        first,
        [
          h("average within-patient slope", r.slope),
          ...(r.moderator
            ? [
                h(
                  `slope × ${r.moderator.column} (centred at ${round(r.moderator.center)})`,
                  r.moderator.interaction,
                ),
              ]
            : []),
        ],
        [{ label: "within-patient slope", units: r.therapists, reference: r.slope.estimate }],
      );
      break;
    case "raters":
    case "cross-lagged":
    case "ruptures":
    case "modality":
      add(first, levels(r.effects));
      break;
    case "rsa":
    case "deterioration":
      break;
  }
  return out;
}

/** A centre as a label shows it (three decimals, like the report's numbers). */
function round(x: number): string {
  const s = x.toFixed(3);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
