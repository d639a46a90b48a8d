// The search form above a long table (findRows.ts decides which rows match) and the line that says how many
// rows are shown, with the pages (pager.ts) under it. Each change starts again at the first page.
import { html, nothing, type TemplateResult } from "lit-html";
import type { Lang } from "../i18n.ts";
import { filterChoices, findRows, type FindSpec, type FindState } from "./findRows.ts";
import { pageOf, pagerNav } from "./pager.ts";

const WORDS = {
  en: { sort: "Order", shown: (n: number, of: number) => `${n} of ${of} shown.` },
  fr: { sort: "Ordre", shown: (n: number, of: number) => `${n} sur ${of} affichés.` },
};

/** A table's rows after the search: the page to draw, the form, and the count and pager lines. */
export interface Found<T> {
  rows: T[];
  bar: TemplateResult;
  count: TemplateResult;
  pager: TemplateResult | typeof nothing;
}

/**
 * Searches, filters, sorts and pages `rows` by `state`, and draws the controls that change it; `redraw`
 * is called after every change (the page keeps `state`).
 *
 * @example
 * const f = found(users, staffSpec, find, draw);
 * html`${f.bar}${f.count}<table>${f.rows.map(row)}</table>${f.pager}`
 */
export function found<T>(
  rows: readonly T[],
  spec: FindSpec<T>,
  state: FindState,
  redraw: () => void,
  lang: Lang = "en",
): Found<T> {
  const w = WORDS[lang];
  const all = findRows(rows, spec, state);
  const page = pageOf(all, state.page);
  state.page = page.page;
  const change = (apply: (v: string) => void) => (e: Event) => {
    apply((e.target as HTMLInputElement | HTMLSelectElement).value);
    state.page = 0;
    redraw();
  };
  const id = (k: string) => `${spec.id}-${k}`;
  const bar = html`<form
    class="find"
    role="search"
    aria-label=${spec.label}
    @submit=${(e: Event) => e.preventDefault()}
  >
    <div class="field">
      <label for=${id("text")}>${spec.search}</label>
      <input
        id=${id("text")}
        type="search"
        placeholder=${spec.hint}
        .value=${state.text}
        @input=${change((v) => (state.text = v))}
      />
    </div>
    ${spec.filters.map((f) =>
      f.check !== undefined
        ? html`<label class="check"
            ><input
              id=${id(f.key)}
              type="checkbox"
              .checked=${state.filters[f.key] === f.check}
              @change=${(e: Event) => {
                state.filters[f.key] = (e.target as HTMLInputElement).checked ? f.check! : "";
                state.page = 0;
                redraw();
              }}
            />
            ${f.label}</label
          >`
        : html`<div class="field">
            <label for=${id(f.key)}>${f.label}</label>
            <select id=${id(f.key)} @change=${change((v) => (state.filters[f.key] = v))}>
              <option value="" ?selected=${!state.filters[f.key]}>${f.any}</option>
              ${filterChoices(rows, f).map(
                ([v, name]) =>
                  html`<option value=${v} ?selected=${state.filters[f.key] === v}>${name}</option>`,
              )}
            </select>
          </div>`,
    )}
    ${
      spec.sorts.length > 1
        ? html`<div class="field">
            <label for=${id("sort")}>${w.sort}</label>
            <select id=${id("sort")} @change=${change((v) => (state.sort = v))}>
              ${spec.sorts.map((s) => html`<option value=${s.key} ?selected=${state.sort === s.key}>${s.label}</option>`)}
            </select>
          </div>`
        : nothing
    }
  </form>`;
  const count = html`<p class="muted small" role="status" data-testid=${id("found")}>
    ${(spec.shown ?? w.shown)(all.length, rows.length)}
  </p>`;
  const pager = pagerNav(
    spec.id,
    spec.label,
    all.length,
    page.page,
    (n) => {
      state.page = n;
      redraw();
    },
    undefined,
    lang,
  );
  return { rows: page.rows, bar, count, pager };
}
