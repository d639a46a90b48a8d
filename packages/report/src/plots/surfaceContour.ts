import * as Plot from "@observablehq/plot";
import type { FittedSurface } from "@attune/core";
import { renderSvg } from "../render.ts";
import { figureWords, type FigureWords } from "../figureWords.ts";
import { surfaceHeight, surfaceRange } from "./surfaceGrid.ts";

/**
 * Contour plot of a fitted response surface over the observed range: filled contours of predicted
 * next-session outcome, the line of congruence (X = Y, solid) and of incongruence (X − c = −(Y − c),
 * dashed), and the observed rating pairs as a light cloud; axes labelled in `words`' language.
 *
 * @example
 * surfaceContourPlot(result.surfaces[0], result.center); // SVG string
 */
export function surfaceContourPlot(
  s: FittedSurface,
  center: number,
  words: FigureWords = figureWords(),
  width = 440,
): string {
  const r = surfaceRange(s, center);
  const loic = [
    { x: r.min, y: 2 * center - r.min },
    { x: r.max, y: 2 * center - r.max },
  ].filter(() => true);
  return renderSvg({
    width,
    height: width,
    x: { label: words.therapistAllianceX, domain: [r.min, r.max] },
    y: { label: words.patientAllianceY, domain: [r.min, r.max] },
    color: { type: "linear", scheme: "YlGnBu", label: words.predictedOutcome },
    marks: [
      Plot.contour({
        fill: (x: number, y: number) => surfaceHeight(s, x, y, center),
        x1: r.min,
        x2: r.max,
        y1: r.min,
        y2: r.max,
        stroke: "white",
        strokeOpacity: 0.5,
        thresholds: 12,
      }),
      Plot.dot(s.points as (readonly [number, number])[], {
        x: (d: readonly [number, number]) => d[0],
        y: (d: readonly [number, number]) => d[1],
        r: 1.2,
        fill: "black",
        fillOpacity: 0.15,
      }),
      Plot.line(
        [
          { x: r.min, y: r.min },
          { x: r.max, y: r.max },
        ],
        { x: "x", y: "y", stroke: "#b2182b", strokeWidth: 1.5, clip: true },
      ),
      Plot.line(loic, {
        x: "x",
        y: "y",
        stroke: "#b2182b",
        strokeWidth: 1.5,
        strokeDasharray: "5,4",
        clip: true,
      }),
      Plot.frame(),
    ],
  });
}
