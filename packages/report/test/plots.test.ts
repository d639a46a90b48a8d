import type { FittedSurface, RaterGrowth, UnitEstimate } from "@attune/core";
import { describe, expect, it } from "vitest";
import {
  caterpillarPlot,
  normaliseSvg,
  surfaceContourPlot,
  surfaceWireframePlot,
  trajectoryPlot,
} from "../src/index.ts";

const units: UnitEstimate[] = Array.from({ length: 6 }, (_, i) => ({
  unit: `T${i + 1}`,
  arm: i % 2 ? "1" : "0",
  estimate: 0.1 * i - 0.2,
  condSd: 0.05,
  lower: 0.1 * i - 0.3,
  upper: 0.1 * i - 0.1,
}));

const points: Array<readonly [number, number]> = [];
for (let i = 0; i < 30; i++) points.push([3 + ((i * 7) % 19) / 10, 3 + ((i * 11) % 17) / 10]);
const surface: FittedSurface = {
  model: "rsa",
  arm: null,
  b: [3.5, 0.05, 0.15, -0.05, 0.1, -0.05],
  surface: {} as FittedSurface["surface"],
  points,
};

const growth: RaterGrowth = {
  rater: "patient",
  model: "growth_patient",
  slopes: [],
  differences: [],
  trajectory: ["0", "1"].flatMap((arm) =>
    [0, 1, 2, 3].map((t) => ({
      arm,
      time: t,
      session: t + 1,
      fit: 3.8 + (arm === "1" ? 0.08 : 0.05) * t,
      lower: 3.7 + 0.05 * t,
      upper: 3.9 + 0.07 * t,
    })),
  ),
};

const isSvg = (s: string) => {
  expect(s.startsWith("<svg")).toBe(true);
  expect(s).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(s.endsWith("</svg>")).toBe(true);
};

describe("plots render to standalone SVG (normalised snapshots)", () => {
  it("caterpillar plot", () => {
    const svg = caterpillarPlot(units, { label: "truth force", reference: 0 });
    isSvg(svg);
    expect(svg.match(/<circle/g)?.length).toBe(6);
    expect(normaliseSvg(svg)).toMatchSnapshot();
  });

  it("trajectory plot with bands", () => {
    const svg = trajectoryPlot(growth);
    isSvg(svg);
    expect(normaliseSvg(svg)).toMatchSnapshot();
  });

  it("surface contour plot with lines of (in)congruence and the data cloud", () => {
    const svg = surfaceContourPlot(surface, 3.9);
    isSvg(svg);
    expect(svg.match(/<circle/g)?.length).toBe(30);
    expect(svg).toContain('stroke-dasharray="5,4"');
    expect(normaliseSvg(svg)).toMatchSnapshot();
  });

  it("surface wireframe", () => {
    const svg = surfaceWireframePlot(surface, 3.9, { grid: 6 });
    isSvg(svg);
    expect(svg).toContain("therapist (X)");
    expect(normaliseSvg(svg)).toMatchSnapshot();
  });

  it("normaliseSvg removes random class names and float noise", () => {
    expect(normaliseSvg('<svg class="plot-d6a7b5">\n  <path d="M1.23456,-0.0001"/></svg>')).toBe(
      '<svg class="plot"><path d="M1.23,0"/></svg>',
    );
  });
});
