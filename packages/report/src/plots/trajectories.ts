import * as Plot from "@observablehq/plot";
import type { RaterGrowth } from "@attune/core";
import { renderSvg } from "../render.ts";
import { figureWords, type FigureWords } from "../figureWords.ts";

/**
 * Fitted population trajectories of one rater's alliance per arm, with 95% confidence bands; axes
 * labelled in `words`' language.
 *
 * @example
 * trajectoryPlot(result.raters[0], figureWords("fr")); // SVG string, y axis "alliance évaluée par le patient"
 */
export function trajectoryPlot(growth: RaterGrowth, words: FigureWords = figureWords(), width = 420): string {
  const arms = [...new Set(growth.trajectory.map((p) => p.arm))].sort();
  const sessions = [...new Set(growth.trajectory.map((p) => p.session))].sort((a, b) => a - b);
  return renderSvg({
    width,
    height: 280,
    x: { label: words.session, ticks: sessions, tickFormat: "d" },
    y: { label: words.raterAlliance(growth.rater), grid: true },
    color: { domain: arms, range: ["#4269d0", "#ef8a17", "#3ca951", "#a463f2"] },
    marks: [
      Plot.areaY(growth.trajectory, {
        x: "session",
        y1: "lower",
        y2: "upper",
        fill: "arm",
        fillOpacity: 0.18,
      }),
      Plot.line(growth.trajectory, { x: "session", y: "fit", stroke: "arm", strokeWidth: 2 }),
      Plot.dot(growth.trajectory, { x: "session", y: "fit", fill: "arm", r: 2.5 }),
    ],
  });
}
