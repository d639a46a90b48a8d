// Long tables one page at a time: a network's completion monitor lists thousands of due forms, and
// drawing them all at once made an 88,000 px page of 16,000 nodes. Rows are cut client-side; the
// counts above each table always describe every row that matches, not only the page shown.
import { html, nothing, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const WORDS = {
  en: {
    pages: (label: string) => `Pages of ${label}`,
    previous: "Previous",
    next: "Next",
    range: (label: string, first: number, last: number, total: number, page: number, pages: number) =>
      `${label} ${first}–${last} of ${total} (page ${page} of ${pages})`,
  },
  fr: {
    pages: (label: string) => `Pages : ${label}`,
    previous: "Précédente",
    next: "Suivante",
    range: (label: string, first: number, last: number, total: number, page: number, pages: number) =>
      `${label} ${first} à ${last} sur ${total} (page ${page} sur ${pages})`,
  },
};

/** Rows per page when a table does not say otherwise. */
export const PAGE_SIZE = 50;

/**
 * One page of `rows`: page numbers start at 0 and are clamped to the pages that exist.
 *
 * @example
 * pageOf([1, 2, 3, 4, 5], 1, 2) // { rows: [3, 4], page: 1, pages: 3 }
 */
export function pageOf<T>(
  rows: readonly T[],
  page: number,
  size = PAGE_SIZE,
): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { rows: rows.slice(p * size, (p + 1) * size), page: p, pages };
}

/**
 * Previous/next buttons and "rows a–b of n" for a paged table, or nothing when it fits on one page.
 * `go` receives the new page number; `id` names the table for the buttons' accessible names; `lang` the words.
 *
 * @example
 * pagerNav("forms", "Forms", 2085, 0, (n) => { page = n; draw(); }) // "Forms 1–50 of 2085 (page 1 of 42)"
 */
export function pagerNav(
  id: string,
  label: string,
  total: number,
  page: number,
  go: (page: number) => void,
  size = PAGE_SIZE,
  lang: Lang = "en",
): TemplateResult | typeof nothing {
  if (total <= size) return nothing;
  const w = WORDS[lang];
  const pages = Math.ceil(total / size);
  const first = page * size + 1;
  const last = Math.min(total, (page + 1) * size);
  return html`<nav class="pager" aria-label=${w.pages(label)} data-testid=${`${id}-pager`}>
    <button type="button" class="secondary" ?disabled=${page === 0} @click=${() => go(page - 1)}>
      ${w.previous}
    </button>
    <span aria-live="polite">${w.range(label, first, last, total, page + 1, pages)}</span>
    <button type="button" class="secondary" ?disabled=${page >= pages - 1} @click=${() => go(page + 1)}>
      ${w.next}
    </button>
  </nav>`;
}
