// The glossary page (/glossary), for every staff role, in English or French: each hard word of the pages
// with its short explanation and how it is computed. Each term has an anchor the inline explanations link to.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../i18n.ts";
import { TERMS, termText } from "./terms.ts";

const WORDS = {
  en: {
    title: "Glossary",
    lead: "The words of attune's pages that need explaining, with how each number is computed. STATS.md in the source has the mathematics.",
    how: "How it is computed",
  },
  fr: {
    title: "Glossaire",
    lead: "Les mots des pages d'attune qui demandent une explication, et comment chaque chiffre est calculé. STATS.md, dans les sources, en donne les mathématiques.",
    how: "Comment il est calculé",
  },
};

/**
 * The glossary's title and body in `lang`, for the shell to draw.
 *
 * @example
 * const g = glossaryPage("fr"); shell(g.title, g.body);
 */
export function glossaryPage(lang: Lang): { title: string; body: TemplateResult } {
  const w = WORDS[lang];
  return {
    title: w.title,
    body: html`<h1>${w.title}</h1>
      <p class="lead">${w.lead}</p>
      ${TERMS.map((term) => {
        const t = termText(term, lang);
        return html`<section class="card glossary" id=${term} aria-labelledby=${`${term}-h`}>
          <h2 id=${`${term}-h`}>${t.name}</h2>
          <p>${t.short}</p>
          <p class="muted"><strong>${w.how}.</strong> ${t.more}</p>
        </section>`;
      })}`,
  };
}
