import * as Plot from "@observablehq/plot";
import type { FittedSurface } from "@attune/core";
import { renderSvg } from "../render.ts";
import { figureWords, type FigureWords } from "../figureWords.ts";
import { surfaceHeight, surfaceRange } from "./surfaceGrid.ts";

/** Options of `surfaceWireframePlot`. */
export interface WireframeOptions {
  /** Grid lines per axis [15]. */
  grid?: number;
  /** Rotation about the vertical axis, degrees [-25: both lines of (in)congruence visible]. */
  azimuth?: number;
  /** Elevation of the viewer, degrees [25]. */
  elevation?: number;
  /** Plot width in px [440]. */
  width?: number;
  /** The floor axes' words [English]. */
  words?: FigureWords;
}

interface Projected {
  u: number;
  v: number;
  line: string;
  kind: "grid" | "loc" | "loic" | "axis" | "point";
}

/**
 * 3-D wireframe of a fitted response surface over the observed range (orthographic projection drawn
 * with Plot lines): the grid of predicted outcome, the line of congruence (red, solid) and incongruence
 * (red, dashed) on the surface, the floor axes, and the observed pairs as a light cloud on the floor.
 *
 * @example
 * surfaceWireframePlot(result.surfaces[0], result.center); // SVG string
 */
export function surfaceWireframePlot(
  s: FittedSurface,
  center: number,
  options: WireframeOptions = {},
): string {
  const n = options.grid ?? 15;
  const az = ((options.azimuth ?? -25) * Math.PI) / 180;
  const el = ((options.elevation ?? 25) * Math.PI) / 180;
  const r = surfaceRange(s, center);
  const span = r.max - r.min || 1;
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      const z = surfaceHeight(s, r.min + (span * i) / n, r.min + (span * j) / n, center);
      zMin = Math.min(zMin, z);
      zMax = Math.max(zMax, z);
    }
  }
  const zSpan = zMax - zMin || 1;
  const project = (x: number, y: number, z: number): [number, number] => {
    const px = (x - r.min) / span - 0.5;
    const py = (y - r.min) / span - 0.5;
    const pz = ((z - zMin) / zSpan - 0.5) * 0.8;
    const rx = px * Math.cos(az) - py * Math.sin(az);
    const ry = px * Math.sin(az) + py * Math.cos(az);
    return [rx, pz * Math.cos(el) + ry * Math.sin(el)];
  };
  const floor = zMin - 0.15 * zSpan;
  const pts: Projected[] = [];
  const path = (line: string, kind: Projected["kind"], xy: Array<[number, number, number]>) => {
    for (const [x, y, z] of xy) {
      const [u, v] = project(x, y, z);
      pts.push({ u, v, line, kind });
    }
  };
  const steps = Array.from({ length: n + 1 }, (_, i) => r.min + (span * i) / n);
  steps.forEach((a, i) => {
    path(
      `x${i}`,
      "grid",
      steps.map((b) => [a, b, surfaceHeight(s, a, b, center)]),
    );
    path(
      `y${i}`,
      "grid",
      steps.map((b) => [b, a, surfaceHeight(s, b, a, center)]),
    );
  });
  path(
    "loc",
    "loc",
    steps.map((a) => [a, a, surfaceHeight(s, a, a, center)]),
  );
  const loic = steps
    .map((a): [number, number, number] => [a, 2 * center - a, surfaceHeight(s, a, 2 * center - a, center)])
    .filter(([, y]) => y >= r.min && y <= r.max);
  path("loic", "loic", loic);
  path("axisX", "axis", [
    [r.min, r.min, floor],
    [r.max, r.min, floor],
  ]);
  path("axisY", "axis", [
    [r.min, r.min, floor],
    [r.min, r.max, floor],
  ]);
  const cloud = s.points.map(([x, y]) => {
    const [u, v] = project(x, y, floor);
    return { u, v };
  });
  const [ux, vx] = project(r.max, r.min, floor);
  const [uy, vy] = project(r.min, r.max, floor);
  const width = options.width ?? 440;
  return renderSvg({
    width,
    height: Math.round(width * 0.85),
    x: { axis: null, inset: 20 },
    y: { axis: null, inset: 20 },
    marks: [
      Plot.dot(cloud, { x: "u", y: "v", r: 1, fill: "black", fillOpacity: 0.12 }),
      Plot.line(
        pts.filter((p) => p.kind === "axis"),
        { x: "u", y: "v", z: "line", stroke: "#555" },
      ),
      Plot.line(
        pts.filter((p) => p.kind === "grid"),
        { x: "u", y: "v", z: "line", stroke: "#4269d0", strokeWidth: 0.8, strokeOpacity: 0.8 },
      ),
      Plot.line(
        pts.filter((p) => p.kind === "loc"),
        { x: "u", y: "v", stroke: "#b2182b", strokeWidth: 2 },
      ),
      Plot.line(
        pts.filter((p) => p.kind === "loic"),
        { x: "u", y: "v", stroke: "#b2182b", strokeWidth: 2, strokeDasharray: "5,4" },
      ),
      Plot.text(
        [
          { u: ux, v: vx, t: (options.words ?? figureWords()).therapistX },
          { u: uy, v: vy, t: (options.words ?? figureWords()).patientY },
        ],
        { x: "u", y: "v", text: "t", dy: 12, fontSize: 11 },
      ),
    ],
  });
}
