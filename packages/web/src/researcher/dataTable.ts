// The one table builder of the researcher pages: a heading-labelled region that scrolls sideways on a
// phone, a header row from the columns, one row per item with the first column as the row's header. The
// fixed effects, random effects, headline quantities, surface parameters, odds ratios, rates and each
// figure's numbers are this table with their own columns.
import { html, nothing, type TemplateResult } from "lit-html";

/** A column: its header, each row's cell, and an optional class ("text": left-aligned words). */
export interface Column<R> {
  label: string;
  cell: (row: R) => unknown;
  cls?: string;
  /** data-col of the cells (a test reads a column by it). */
  col?: string;
}

/**
 * A region that scrolls sideways on a phone, labelled by its heading (axe: scrollable region focusable).
 *
 * @example
 * wrap("fx-rsa", html`<table>…</table>`);
 */
export const wrap = (labelledBy: string, table: TemplateResult): TemplateResult =>
  html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${labelledBy}>${table}</div>`;

/**
 * A table of `rows` in the region labelled by `labelledBy`: `columns[0]` heads each row.
 *
 * @example
 * dataTable({ labelledBy: "q-lagged", testid: "quantities-lagged", rows: qs, columns: [
 *   { label: "Quantity", cell: (q) => q.label }, { label: "Estimate", cell: (q) => f.num(q.estimate) }] });
 */
export function dataTable<R>(o: {
  labelledBy: string;
  testid?: string;
  caption?: string;
  /** "num" (the default): numbers right-aligned. */
  cls?: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
}): TemplateResult {
  const [head, ...rest] = o.columns;
  return wrap(
    o.labelledBy,
    html`<table class=${o.cls ?? "num"} data-testid=${o.testid ?? nothing}>
      ${
        o.caption
          ? html`<caption>
              ${o.caption}
            </caption>`
          : nothing
      }
      <thead>
        <tr>
          ${o.columns.map((c) => html`<th scope="col" class=${c.cls ?? nothing}>${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${o.rows.map(
          (r) =>
            html`<tr>
              ${head ? html`<th scope="row">${head.cell(r)}</th>` : nothing}
              ${rest.map((c) => html`<td class=${c.cls ?? nothing} data-col=${c.col ?? nothing}>${c.cell(r)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}
