import { html, type TemplateResult } from "lit-html";

/**
 * A region that scrolls sideways on a phone, labelled by its heading (axe: scrollable region focusable).
 *
 * @example
 * wrap("fx-rsa", html`<table>…</table>`);
 */
export const wrap = (labelledBy: string, table: TemplateResult): TemplateResult =>
  html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${labelledBy}>${table}</div>`;
