import * as Plot from "@observablehq/plot";
import type { UnitEstimate } from "@attune/core";
import { renderSvg } from "../render.ts";

/** Options of `caterpillarPlot`. */
export interface CaterpillarOptions {
  /** Label of the x axis, e.g. "truth force" [required]. */
  label: string;
  /** Draw a reference line here (e.g. the fixed effect) [none]. */
  reference?: number;
  /** Plot width in px [640]. */
  width?: number;
}

/**
 * Caterpillar plot: one row per unit (therapist) sorted by estimate, a dot at the estimate and a line
 * for its 95% interval; units of the trained arm (arm "1" or the last arm) in orange.
 *
 * @example
 * caterpillarPlot(result.therapistForce, { label: "truth force" }); // SVG string
 */
export function caterpillarPlot(units: readonly UnitEstimate[], options: CaterpillarOptions): string {
  const sorted = [...units].sort((a, b) => a.estimate - b.estimate);
  const arms = [...new Set(units.map((u) => u.arm ?? "all"))].sort();
  const data = sorted.map((u) => ({ ...u, armLabel: u.arm ?? "all" }));
  const marks: Plot.Markish[] = [
    Plot.ruleY(data, { y: "unit", x1: "lower", x2: "upper", stroke: "armLabel", strokeOpacity: 0.7 }),
    Plot.dot(data, { y: "unit", x: "estimate", fill: "armLabel", r: 3 }),
  ];
  if (options.reference !== undefined)
    marks.unshift(Plot.ruleX([options.reference], { strokeDasharray: "4,3" }));
  return renderSvg({
    width: options.width ?? 640,
    height: Math.max(160, 14 * data.length + 60),
    marginLeft: 60,
    x: { label: options.label, grid: true },
    y: { label: null, domain: data.map((d) => d.unit), tickSize: 0 },
    color: {
      domain: arms,
      range: arms.length > 1 ? ["#4269d0", "#ef8a17", "#3ca951", "#a463f2"] : ["#4269d0"],
    },
    marks,
  });
}
