// Small SVG line charts (no chart library): sessions on x, 0–100 on y (or a form's own scale, `y`),
// accessible by a title, a description and a data table beside every chart.
import { svg, html, nothing, type TemplateResult } from "lit-html";

export interface Line {
  label: string;
  cls: string;
  points: { x: number; y: number | null }[];
  dashed?: boolean;
}
export interface Band {
  label: string;
  points: { x: number; lower: number; upper: number; mean: number }[];
}
export interface Marker {
  x: number;
  label: string;
  cls: string;
}

const W = 560;
const H = 260;
const M = { l: 44, r: 16, t: 20, b: 36 };

/**
 * Grid values of a y scale: every whole number on a short scale (1–5, 0–4), else five even steps.
 *
 * @example
 * yTicks(0, 100); // [0, 25, 50, 75, 100]
 * yTicks(1, 5); // [1, 2, 3, 4, 5]
 */
export function yTicks(min: number, max: number): number[] {
  const span = max - min;
  if (Number.isInteger(min) && Number.isInteger(max) && span > 0 && span <= 10)
    return Array.from({ length: span + 1 }, (_, i) => min + i);
  return [0, 1, 2, 3, 4].map((i) => Math.round((min + (i * span) / 4) * 100) / 100);
}

export function lineChart(o: {
  id: string;
  title: string;
  desc: string;
  lines: Line[];
  band?: Band;
  markers?: Marker[];
  xMax: number;
  /** The y scale's ends (default 0–100), e.g. a patient's form on its own 1–5 scale. */
  y?: { min: number; max: number };
}): TemplateResult {
  const xMax = Math.max(2, o.xMax);
  const { min: yMin, max: yMax } = o.y ?? { min: 0, max: 100 };
  const sx = (x: number) => M.l + ((x - 1) / (xMax - 1)) * (W - M.l - M.r);
  const sy = (y: number) => M.t + (1 - (y - yMin) / (yMax - yMin)) * (H - M.t - M.b);
  const path = (pts: { x: number; y: number | null }[]) => {
    let d = "";
    let pen = false;
    for (const p of pts) {
      if (p.y === null) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  const band = o.band?.points.length
    ? `M${o.band.points.map((p) => `${sx(p.x).toFixed(1)},${sy(Math.min(yMax, p.upper)).toFixed(1)}`).join("L")}L${[
        ...o.band.points,
      ]
        .reverse()
        .map((p) => `${sx(p.x).toFixed(1)},${sy(Math.max(yMin, p.lower)).toFixed(1)}`)
        .join("L")}Z`
    : "";
  const ticks = Array.from({ length: xMax }, (_, i) => i + 1);
  return html`<figure class="chart">
    <svg
      viewBox="0 0 ${W} ${H}"
      role="img"
      aria-labelledby="${o.id}-t ${o.id}-d"
      preserveAspectRatio="xMidYMid meet"
    >
      <title id="${o.id}-t">${o.title}</title>
      <desc id="${o.id}-d">${o.desc}</desc>
      ${yTicks(yMin, yMax).map(
        (v) => svg`<line class="grid" x1=${M.l} x2=${W - M.r} y1=${sy(v)} y2=${sy(v)}></line>
          <text class="axis" x=${M.l - 6} y=${sy(v) + 4} text-anchor="end">${v}</text>`,
      )}
      ${ticks.map((t) => svg`<text class="axis" x=${sx(t)} y=${H - 12} text-anchor="middle">${t}</text>`)}
      ${band ? svg`<path class="band" d=${band}></path>` : nothing}
      ${
        o.band?.points.length
          ? svg`<path class="band-mean" d=${path(o.band.points.map((p) => ({ x: p.x, y: p.mean })))}></path>`
          : nothing
      }
      ${(o.markers ?? []).map(
        (
          m,
        ) => svg`<g class="marker ${m.cls}"><line x1=${sx(m.x)} x2=${sx(m.x)} y1=${M.t} y2=${H - M.b}></line>
          <text x=${m.x > xMax - 1 ? sx(m.x) - 4 : sx(m.x) + 4} y=${M.t + 12}
            text-anchor=${m.x > xMax - 1 ? "end" : "start"}>${m.label}</text></g>`,
      )}
      ${o.lines.map(
        (l) => svg`<path class="line ${l.cls} ${l.dashed ? "dashed" : ""}" d=${path(l.points)}></path>
          ${l.points
            .filter((p) => p.y !== null)
            .map(
              (p) => svg`<circle class="dot ${l.cls}" cx=${sx(p.x)} cy=${sy(p.y as number)} r="5"></circle>`,
            )}`,
      )}
    </svg>
    <figcaption class="legend">
      ${o.lines.map((l) => html`<span class="key ${l.cls}"><i aria-hidden="true"></i>${l.label}</span>`)}
      ${o.band?.points.length ? html`<span class="key band"><i aria-hidden="true"></i>${o.band.label}</span>` : nothing}
      ${o.markers?.[0] ? html`<span class="key ${o.markers[0].cls}"><i aria-hidden="true"></i>${o.markers[0].label}</span>` : nothing}
    </figcaption>
  </figure>`;
}
