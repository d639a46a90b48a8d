// The report's figures on a run page: the server draws them with the report's own code from the run's data
// (GET /api/runs/{id}/figures), and the page shows each SVG as an <img> (an SVG shown as an image runs no
// script, whatever its labels hold) with its description as alt text and its numbers in a table beside it.
// So the page, the CLI report and the HTML download draw one and the same figure.
import type { FigureOut } from "@attune/api";
import { html, nothing, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";
import { dataTable } from "./dataTable.ts";
import { formats } from "./format.ts";
import { runWords } from "./runWords.ts";

/** The run's figures as the page holds them while they load. */
export type Figures =
  { state: "loading" } | { state: "ready"; list: readonly FigureOut[] } | { state: "failed"; why: string };

/**
 * The figures of one model (in the report's order), each with its numbers; nothing while they load.
 *
 * @example
 * html`${modelFigures("/api/runs/01J…", figures, "congruence", "en")}`;
 */
export function modelFigures(base: string, figures: Figures, model: string, lang: Lang): TemplateResult[] {
  if (figures.state !== "ready") return [];
  const mine = figures.list.filter((f) => f.model === model);
  return mine.map((f, i) => figure(base, f, lang, i > 0 ? mine[i - 1] : undefined));
}

/**
 * The figures whose model has no section on the page (drawn after the models), or the loading or failure
 * line.
 *
 * @example
 * html`${otherFigures(base, figures, new Set(["rsa"]), "en")}`;
 */
export function otherFigures(
  base: string,
  figures: Figures,
  models: ReadonlySet<string>,
  lang: Lang,
): TemplateResult | typeof nothing {
  const w = runWords(lang);
  if (figures.state === "loading")
    return html`<p class="muted small" data-testid="figures-status">${w.figuresLoading}</p>`;
  if (figures.state === "failed")
    return html`<p class="warn-box" data-testid="figures-status">${w.figuresFailed(figures.why)}</p>`;
  const rest = figures.list.filter((f) => !models.has(f.model));
  return rest.length
    ? html`<section class="card">${rest.map((f) => figure(base, f, lang))}</section>`
    : nothing;
}

/** One figure: the image, its title, and its numbers (unless they are the figure before's). */
function figure(base: string, f: FigureOut, lang: Lang, before?: FigureOut): TemplateResult {
  const w = runWords(lang);
  const about = w.about[f.about] ?? f.about;
  const title = w.figureTitle[f.kind]?.(about) ?? f.title;
  const id = `fig-${f.index}`;
  const same = before !== undefined && JSON.stringify(before.data) === JSON.stringify(f.data);
  return html`<figure class="report-figure" data-testid=${id} data-kind=${f.kind}>
      <img
        src="${base}/figures/${f.index}?lang=${lang}"
        alt=${w.figureAlt(f.kind, f.about, f.caption)}
        loading="lazy"
      />
      <figcaption id=${id}>${title}</figcaption>
    </figure>
    ${same ? html`<p class="muted small">${w.sameNumbers}</p>` : numbers(f, id, lang)}`;
}

/** The numbers a figure draws, in a table that opens under it. */
function numbers(f: FigureOut, id: string, lang: Lang): TemplateResult {
  const w = runWords(lang);
  const fm = formats(lang);
  const cell = (v: string | number | null) => (v === null ? "—" : typeof v === "number" ? fm.num(v) : v);
  return html`<details class="figure-numbers">
    <summary>${w.figureNumbers}</summary>
    ${dataTable({
      labelledBy: id,
      testid: `${id}-numbers`,
      rows: f.data.rows,
      columns: f.data.head.map((h, i) => ({
        label: w.figureHead[h] ?? h,
        cell: (r: FigureOut["data"]["rows"][number]) => cell(r[i] ?? null),
      })),
    })}
  </details>`;
}
