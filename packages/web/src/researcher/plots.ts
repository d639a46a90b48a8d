// The run page's plots as small inline SVGs (no chart library, as charts.ts): estimates with 95%
// intervals, and the response surface cut along the lines of agreement and disagreement. Each has a
// title and description; the numbers are in tables beside them.
import { svg, html, nothing, type TemplateResult } from "lit-html";
import type { Surface } from "./types.ts";

/** About five round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, n = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw) as number;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

export interface IntervalRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  /** "arm-a" (default) or "arm-b": colours the reference arm and the other arms differently. */
  cls?: string;
}

const W = 640;

/**
 * Dots with 95% interval whiskers, one row per estimate, and a dashed reference line (e.g. 0).
 *
 * @example
 * intervalPlot({ id: "q", title: "Truth force", desc: "…", rows, reference: 0 });
 */
export function intervalPlot(o: {
  id: string;
  title: string;
  desc: string;
  rows: IntervalRow[];
  reference?: number;
  xLabel: string;
  labelWidth?: number;
}): TemplateResult {
  const L = o.labelWidth ?? 230;
  const R = 20;
  const rowH = o.rows.length > 12 ? 17 : 26;
  const top = 10;
  const H = top + rowH * o.rows.length + 44;
  const vals = o.rows.flatMap((r) => [r.lower, r.upper]).filter(Number.isFinite);
  if (o.reference !== undefined) vals.push(o.reference);
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  const pad = (hi - lo || 1) * 0.06;
  lo -= pad;
  hi += pad;
  const sx = (v: number) => L + ((v - lo) / (hi - lo)) * (W - L - R);
  const yOf = (i: number) => top + rowH * i + rowH / 2;
  const base = top + rowH * o.rows.length;
  return html`<figure class="chart interval-plot">
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${o.id}-t ${o.id}-d">
      <title id="${o.id}-t">${o.title}</title>
      <desc id="${o.id}-d">${o.desc}</desc>
      ${niceTicks(lo, hi).map(
        (v) => svg`<line class="grid" x1=${sx(v)} x2=${sx(v)} y1=${top} y2=${base}></line>
          <text class="axis" x=${sx(v)} y=${base + 16} text-anchor="middle">${v}</text>`,
      )}
      <text class="axis" x=${(L + W - R) / 2} y=${base + 36} text-anchor="middle">${o.xLabel}</text>
      ${
        o.reference !== undefined
          ? svg`<line class="zero" x1=${sx(o.reference)} x2=${sx(o.reference)} y1=${top} y2=${base}></line>`
          : nothing
      }
      ${o.rows.map(
        (r, i) => svg`<g class="row ${r.cls ?? "arm-a"}">
          <text class="label" x=${L - 8} y=${yOf(i) + 4} text-anchor="end">${r.label}</text>
          <line class="whisker" x1=${sx(r.lower)} x2=${sx(r.upper)} y1=${yOf(i)} y2=${yOf(i)}></line>
          <circle class="est" cx=${sx(r.estimate)} cy=${yOf(i)} r=${rowH >= 20 ? 5 : 3.5}></circle>
        </g>`,
      )}
    </svg>
  </figure>`;
}

/**
 * The response surface along the line of agreement (X = Y = s) and of disagreement (X = s, Y = −s):
 * predicted change of the next-session outcome against both ratings at the centre, a1·s + a2·s² and
 * a3·s + a4·s², for s from −span to +span scale points.
 *
 * @example
 * surfaceLines({ id: "rsa", surface: results.surface, span: 1 });
 */
export function surfaceLines(o: {
  id: string;
  title: string;
  surface: Surface;
  span?: number;
}): TemplateResult {
  const span = o.span ?? 1;
  const H = 280;
  const M = { l: 56, r: 16, t: 16, b: 48 };
  const s = Array.from({ length: 41 }, (_, i) => -span + (2 * span * i) / 40);
  const a = o.surface;
  const agree = s.map((x) => a.a1.estimate * x + a.a2.estimate * x * x);
  const disagree = s.map((x) => a.a3.estimate * x + a.a4.estimate * x * x);
  const all = [...agree, ...disagree, 0];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const pad = (hi - lo || 0.1) * 0.08;
  lo -= pad;
  hi += pad;
  const sx = (x: number) => M.l + ((x + span) / (2 * span)) * (W - M.l - M.r);
  const sy = (y: number) => M.t + (1 - (y - lo) / (hi - lo)) * (H - M.t - M.b);
  const path = (ys: number[]) =>
    ys.map((y, i) => `${i ? "L" : "M"}${sx(s[i]!).toFixed(1)},${sy(y).toFixed(1)}`).join("");
  return html`<figure class="chart surface-lines">
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${o.id}-t ${o.id}-d">
      <title id="${o.id}-t">${o.title}</title>
      <desc id="${o.id}-d">
        Predicted change of next-session outcome when both ratings move together (agreement: a1 =
        ${a.a1.estimate.toFixed(3)}, a2 = ${a.a2.estimate.toFixed(3)}) and when they move apart (disagreement:
        a3 = ${a.a3.estimate.toFixed(3)}, a4 = ${a.a4.estimate.toFixed(3)}), from −${span} to +${span} scale
        points.
      </desc>
      ${niceTicks(lo, hi).map(
        (v) => svg`<line class="grid" x1=${M.l} x2=${W - M.r} y1=${sy(v)} y2=${sy(v)}></line>
          <text class="axis" x=${M.l - 6} y=${sy(v) + 4} text-anchor="end">${v}</text>`,
      )}
      ${niceTicks(-span, span, 4).map(
        (v) => svg`<text class="axis" x=${sx(v)} y=${H - M.b + 18} text-anchor="middle">${v}</text>`,
      )}
      <text class="axis" x=${(M.l + W - M.r) / 2} y=${H - 8} text-anchor="middle">
        s: scale points from the centre
      </text>
      <text class="axis" transform="translate(14 ${(M.t + H - M.b) / 2}) rotate(-90)" text-anchor="middle">
        change in outcome
      </text>
      <path class="line agree" d=${path(agree)}></path>
      <path class="line disagree dashed" d=${path(disagree)}></path>
    </svg>
    <figcaption class="legend">
      <span class="key agree"><i aria-hidden="true"></i>Agreement (X = Y)</span>
      <span class="key disagree"><i aria-hidden="true"></i>Disagreement (X = −Y)</span>
    </figcaption>
  </figure>`;
}
