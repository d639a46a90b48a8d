import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** One linkedom document for all plots (parsing a fresh one per plot costs more than the plot). */
let shared: { document: unknown } | null = null;

/**
 * Renders an Observable Plot specification to a standalone SVG string on the server (linkedom DOM).
 * Legends are not drawn (they would be HTML); describe colours in the caption instead.
 *
 * @example
 * renderSvg({ marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" })] }); // "<svg ...>...</svg>"
 */
export function renderSvg(options: Plot.PlotOptions): string {
  const dom = shared ?? parseHTML("<!DOCTYPE html><html><body></body></html>");
  shared = dom;
  const { document } = dom;
  const node = Plot.plot({
    ...options,
    document: document as unknown as Plot.PlotOptions["document"],
    color: { ...(options.color ?? {}), legend: false },
  }) as unknown as {
    outerHTML: string;
    tagName: string;
    querySelector(s: string): { outerHTML: string } | null;
  };
  const svgNode = node.tagName.toLowerCase() === "svg" ? node : node.querySelector("svg");
  if (!svgNode) throw new Error("renderSvg: Plot produced no SVG element");
  let svg = svgNode.outerHTML;
  if (!/^<svg[^>]*\sxmlns=/.test(svg)) svg = svg.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  return svg;
}

const escXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Gives a standalone SVG its accessible name and description (role="img", <title>, <desc>), so the figure
 * says what it shows wherever it goes: inline in a report, or as a file a page shows as an image.
 *
 * @example
 * titledSvg("<svg xmlns=…>…</svg>", "Each therapist's truth force", "…"); // '<svg role="img" …><title>Each…'
 */
export function titledSvg(svg: string, title: string, desc: string): string {
  return svg.replace(
    /^<svg([^>]*)>/,
    (_, attrs: string) =>
      `<svg role="img"${attrs}><title>${escXml(title)}</title><desc>${escXml(desc)}</desc>`,
  );
}

/**
 * Normalises an SVG for snapshot tests: Plot's random class suffixes replaced, numbers rounded to 2
 * decimals, whitespace between tags removed.
 *
 * @example
 * normaliseSvg('<svg class="plot-d6a7b5"><path d="M1.23456,2"/></svg>'); // '<svg class="plot"><path d="M1.23,2"/></svg>'
 */
export function normaliseSvg(svg: string): string {
  return svg
    .replace(/plot-[0-9a-f]{6}/g, "plot")
    .replace(/-?\d+\.\d+/g, (m) => {
      const v = Number(Number(m).toFixed(2));
      return String(Object.is(v, -0) ? 0 : v);
    })
    .replace(/>\s+</g, "><");
}
