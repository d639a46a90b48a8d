// The report's figures, each with its title, caption and the numbers it draws: the HTML and markdown
// reports embed them, and a run page shows the same SVG with the same numbers in a table beside it (the
// server serves them from here), so the page, the CLI report and the download cannot disagree.
import type { FittedSurface, RaterGrowth, UnitSet } from "@attune/core";
import type { Figure } from "./model.ts";
import { titledSvg } from "./render.ts";
import { figureWords, type FigureWords } from "./figureWords.ts";
import { caterpillarPlot } from "./plots/caterpillar.ts";
import { surfaceContourPlot } from "./plots/surfaceContour.ts";
import { surfaceHeight, surfaceRange } from "./plots/surfaceGrid.ts";
import { surfaceWireframePlot } from "./plots/surfaceWireframe.ts";
import { trajectoryPlot } from "./plots/trajectories.ts";

/** A figure whose SVG carries its own title and caption. */
const titled = (f: Figure): Figure => ({ ...f, svg: titledSvg(f.svg, f.title, f.caption) });

/**
 * One set of per-therapist estimates as a caterpillar figure (lowest to highest, 95% intervals), its
 * axis in `words`' language.
 *
 * @example
 * caterpillarFigure("congruence", headline.units[0], "Each therapist's directional bias …").title; // "Each therapist's directional bias"
 */
export function caterpillarFigure(
  model: string,
  u: UnitSet,
  caption: string,
  words: FigureWords = figureWords(),
): Figure {
  const sorted = [...u.units].sort((a, b) => a.estimate - b.estimate);
  return titled({
    title: `Each therapist's ${u.label}`,
    caption,
    kind: "caterpillar",
    model,
    about: u.label,
    svg: caterpillarPlot(u.units, {
      label: words.quantity(u.label),
      ...(u.reference !== undefined ? { reference: u.reference } : {}),
    }),
    data: {
      head: ["therapist", "arm", "estimate", "lower", "upper"],
      rows: sorted.map((x) => [x.unit, x.arm, x.estimate, x.lower, x.upper]),
    },
  });
}

/**
 * One rater's fitted alliance trajectory per arm as a figure (population fit and 95% band per session).
 *
 * @example
 * trajectoryFigure(result.raters[0]).data.head; // ["arm", "session", "fit", "lower", "upper"]
 */
export function trajectoryFigure(g: RaterGrowth, words: FigureWords = figureWords()): Figure {
  return titled({
    title: `Fitted ${g.rater}-rated alliance per arm`,
    caption: `Fitted ${g.rater}-rated alliance per arm (population trajectory, 95% confidence band); blue: reference arm, orange: other arm.`,
    kind: "trajectory",
    model: g.model,
    about: g.rater,
    svg: trajectoryPlot(g, words),
    data: {
      head: ["arm", "session", "fit", "lower", "upper"],
      rows: g.trajectory.map((p) => [p.arm, p.session, p.fit, p.lower, p.upper]),
    },
  });
}

/**
 * The predicted next-session outcome on a grid of both ratings over the observed range (n × n points):
 * the numbers both surface figures draw.
 *
 * @example
 * surfaceGridRows(surface, 3.9, 5).length; // 25
 */
export function surfaceGridRows(s: FittedSurface, center: number, n = 5): [number, number, number][] {
  const r = surfaceRange(s, center);
  const at = (i: number) => r.min + ((r.max - r.min) * i) / (n - 1);
  const rows: [number, number, number][] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) rows.push([at(i), at(j), surfaceHeight(s, at(i), at(j), center)]);
  return rows;
}

/**
 * A fitted response surface as two figures: the 3-D wireframe and its contours (axes in `words`' language).
 *
 * @example
 * surfaceFigures(result.surfaces[0], result.center).map((f) => f.kind); // ["surface", "contour"]
 */
export function surfaceFigures(
  s: FittedSurface,
  center: number,
  words: FigureWords = figureWords(),
): Figure[] {
  const data = {
    head: ["therapist alliance (X)", "patient alliance (Y)", "predicted outcome"],
    rows: surfaceGridRows(s, center),
  };
  const common = { model: s.model, about: s.model, data } as const;
  const figures: Figure[] = [
    {
      ...common,
      title: `Response surface of ${s.model}`,
      caption: `Response surface of ${s.model}: predicted next-session outcome (controls at their means); red solid: line of congruence, red dashed: line of incongruence; dots: observed rating pairs.`,
      kind: "surface",
      svg: surfaceWireframePlot(s, center, { words }),
    },
    {
      ...common,
      title: `Contours of the response surface of ${s.model}`,
      caption: `Contours of the same surface (${s.model}), darker = higher predicted outcome, over the observed range.`,
      kind: "contour",
      svg: surfaceContourPlot(s, center, words),
    },
  ];
  return figures.map(titled);
}
