// The parts of a run page for generalized models (fitted as lme4's glmer: the deterioration recipe's
// binomial models, custom binomial or Poisson models): what the link's scale and exp(β) are called (the
// fixed-effects table itself is modelTables.ts's), the arms' odds ratios.
import { html, nothing, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";
import { dataTable } from "./dataTable.ts";
import { formats } from "./format.ts";
import { runWords } from "./runWords.ts";
import type { Results } from "./types.ts";

/**
 * What a link's coefficients are, and what exp(β) is called (null: no ratio is read from it).
 *
 * @example
 * linkReading("logit", "en").ratio; // "Odds ratio"
 */
export function linkReading(
  link: string | undefined,
  lang: Lang,
): { scale: string; ratio: string | null; why: string } {
  const w = runWords(lang).link;
  if (link === "logit" || link === "log" || link === "cloglog") return w[link];
  return w.other(link ?? "link");
}

/**
 * The arms' odds ratios of a deterioration run, with the definitions and the observed events per arm.
 *
 * @example
 * oddsRatioSection(run.results, "en");
 */
export function oddsRatioSection(r: Results, lang: Lang): TemplateResult | typeof nothing {
  if (!r.oddsRatios && !r.rates) return nothing;
  const w = runWords(lang);
  const f = formats(lang);
  const ors = Object.entries(r.oddsRatios ?? {});
  const [model, arm, rows, events, pct] = w.rateCols;
  return html`<section class="card" aria-labelledby="or-h">
    <h2 id="or-h">${w.orH}</h2>
    ${(r.notes ?? []).map((n) => html`<p lang=${lang === "en" ? nothing : "en"}>${w.note(n)}</p>`)}
    ${
      ors.length
        ? dataTable({
            labelledBy: "or-h",
            testid: "odds-ratios",
            caption: w.orCaption,
            rows: ors,
            columns: [
              { label: w.orModel, cell: ([label]) => label },
              { label: w.oddsRatio, cell: ([, o]) => f.num(o.oddsRatio, 3) },
              { label: w.ciH, cell: ([, o]) => f.ci(o.lower, o.upper, 3) },
              { label: "z", cell: ([, o]) => f.num(o.z, 2) },
              { label: "p", cell: ([, o]) => f.pval(o.p) },
            ],
          })
        : html`<p>${w.noCompare}</p>`
    }
    ${
      r.rates
        ? html`<h3 id="rates-h">${w.ratesH}</h3>
            ${dataTable({
              labelledBy: "rates-h",
              testid: "rates",
              rows: Object.entries(r.rates).flatMap(([m, arms]) => arms.map((a) => ({ m, ...a }))),
              columns: [
                { label: model ?? "", cell: (a) => html`<code>${a.m}</code>` },
                { label: arm ?? "", cell: (a) => a.arm },
                { label: rows ?? "", cell: (a) => a.n },
                { label: events ?? "", cell: (a) => a.events },
                { label: pct ?? "", cell: (a) => f.num(100 * a.rate, 1) },
              ],
            })}`
        : nothing
    }
  </section>`;
}
