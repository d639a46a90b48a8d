// The report's figures carry their title, caption and numbers; labels from the data (therapist codes, arm
// names) stay text in the SVG, whatever they contain.
import type { FittedSurface, UnitEstimate } from "@attune/core";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { caterpillarFigure, figureWords, surfaceFigures } from "../src/index.ts";
import { surfaceHeight } from "../src/plots/surfaceGrid.ts";

const HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "T&3"];

const units: UnitEstimate[] = HOSTILE.map((unit, i) => ({
  unit,
  arm: i === 1 ? '"><img onerror=alert(3)>' : "<b>arm</b>",
  estimate: 0.3 - 0.2 * i,
  condSd: 0.05,
  lower: 0.2 - 0.2 * i,
  upper: 0.4 - 0.2 * i,
}));

/** The SVG as a browser would parse it (an HTML document holding it inline: the riskier context). */
function parsed(svg: string) {
  return parseHTML(`<!DOCTYPE html><html><body>${svg}</body></html>`).document;
}

describe("report figures", () => {
  it("a caterpillar figure: title and caption in the SVG, its rows lowest first, hostile labels as text", () => {
    const f = caterpillarFigure(
      "congruence",
      { label: "truth force", units, reference: 0 },
      "Each one's force.",
    );
    expect(f.title).toBe("Each therapist's truth force");
    expect(f.kind).toBe("caterpillar");
    expect(f.model).toBe("congruence");
    expect(f.data.rows.map((r) => r[0])).toEqual([...HOSTILE].reverse());
    expect(f.data.rows.map((r) => r[2])).toEqual([-0.1, 0.1, 0.3].map((v) => expect.closeTo(v, 12)));
    const doc = parsed(f.svg);
    expect(doc.querySelector("svg > title")?.textContent).toBe(f.title);
    expect(doc.querySelector("svg > desc")?.textContent).toBe("Each one's force.");
    expect(doc.querySelector("svg")?.getAttribute("role")).toBe("img");
    // One dot per therapist, and no element the data could have smuggled in.
    expect(doc.querySelectorAll("circle").length).toBe(3);
    expect(doc.querySelectorAll("script, img, foreignObject, b").length).toBe(0);
    expect(f.svg).not.toMatch(/<img|<script/i);
    const text = doc.querySelector("svg")?.textContent ?? "";
    for (const h of HOSTILE) expect(text).toContain(h);
  });

  it("a hostile title or caption stays text too", () => {
    const f = caterpillarFigure(
      "m",
      { label: "</title><script>alert(4)</script>", units: units.slice(0, 1) },
      "</desc><img src=x onerror=alert(5)>",
    );
    const doc = parsed(f.svg);
    expect(doc.querySelectorAll("script, img").length).toBe(0);
    expect(doc.querySelector("svg > title")?.textContent).toBe(
      "Each therapist's </title><script>alert(4)</script>",
    );
  });

  it("the surface figures draw the predicted outcome their table gives", () => {
    const points: Array<readonly [number, number]> = [
      [2, 3],
      [4, 5],
      [3, 4],
    ];
    const s: FittedSurface = {
      model: "rsa",
      arm: null,
      b: [3.5, 0.05, 0.15, -0.05, 0.1, -0.05],
      surface: {} as FittedSurface["surface"],
      points,
    };
    const [wire, contour] = surfaceFigures(s, 3.5);
    expect(wire?.kind).toBe("surface");
    expect(contour?.kind).toBe("contour");
    expect(wire?.data.rows.length).toBe(25);
    // The grid spans the observed range of both ratings (2 to 5), and each height is the fitted surface's.
    expect(wire?.data.rows[0]?.slice(0, 2)).toEqual([2, 2]);
    expect(wire?.data.rows[24]?.slice(0, 2)).toEqual([5, 5]);
    for (const [x, y, z] of wire?.data.rows ?? [])
      expect(z).toBeCloseTo(surfaceHeight(s, x as number, y as number, 3.5), 12);
  });

  it("draws the words inside the figures in French when asked, in English otherwise", () => {
    // The text the SVG draws (axis labels, legends, floor labels), not its <title>/<desc>.
    const drawn = (svg: string) =>
      [...parsed(svg).querySelectorAll("text")].map((t) => t.textContent).join(" | ");
    const bias = { label: "directional bias", units, reference: 0 };
    expect(drawn(caterpillarFigure("congruence", bias, "c").svg)).toContain("directional bias");
    const fr = drawn(caterpillarFigure("congruence", bias, "c", figureWords("fr")).svg);
    expect(fr).toContain("biais directionnel");
    expect(fr).not.toContain("directional bias");
    // A quantity without a French name yet keeps core's English one rather than losing its axis.
    const novel = { label: "novel quantity", units };
    expect(drawn(caterpillarFigure("m", novel, "c", figureWords("fr")).svg)).toContain("novel quantity");
    const s: FittedSurface = {
      model: "rsa",
      arm: null,
      b: [3.5, 0.05, 0.15, -0.05, 0.1, -0.05],
      surface: {} as FittedSurface["surface"],
      points: [
        [2, 3],
        [4, 5],
      ],
    };
    const [wireFr, contourFr] = surfaceFigures(s, 3.5, figureWords("fr")).map((f) => drawn(f.svg));
    expect(wireFr).toContain("thérapeute (X)");
    expect(contourFr).toContain("alliance thérapeute (X)");
    expect(contourFr).toContain("alliance patient (Y)");
    expect(contourFr).not.toMatch(/therapist alliance|patient alliance/);
    const [, contourEn] = surfaceFigures(s, 3.5).map((f) => drawn(f.svg));
    expect(contourEn).toContain("therapist alliance (X)");
  });
});
