// An explanation beside a hard number: a <details> element (keyboard- and screen-reader-friendly without
// any script: Enter or Space opens it) with the term's short explanation and a link to the glossary.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../i18n.ts";
import { termText, type Term } from "./terms.ts";

const WORDS = {
  en: { what: (name: string) => `What does “${name}” mean?`, more: "More in the glossary" },
  fr: {
    what: (name: string) => `Que veut dire «\u00a0${name}\u00a0»\u00a0?`,
    more: "Plus dans le glossaire",
  },
};

/**
 * The explanation of `term` in `lang`, closed until opened.
 *
 * @example
 * html`<h2>Truth force</h2> ${explain("truth-force", "en")}`
 */
export function explain(term: Term, lang: Lang): TemplateResult {
  const t = termText(term, lang);
  const w = WORDS[lang];
  return html`<details class="explain" data-term=${term}>
    <summary>${w.what(t.name)}</summary>
    <p>${t.short} <a href=${`/glossary#${term}`}>${w.more}</a></p>
  </details>`;
}
