// The tables of one model on a run page: fixed effects (t tests for lmer fits; glmer fits get
// glmmParts.ts's table), random effects, and the headline quantities core chose (headlinesOf, via the run's
// derived numbers): the rows the report's tables show.
import { html, nothing, type TemplateResult } from "lit-html";
import { explain } from "../help/explain.ts";
import { ci, dfText, num, pval } from "./format.ts";
import { glmmFixefTable } from "./glmmParts.ts";
import { wrap } from "./tableWrap.ts";
import type { Derived, ModelSummary, Quantity } from "./types.ts";

/**
 * The fixed effects of a model with 95% intervals: Satterthwaite t tests for a linear mixed model; a
 * generalized one's table (Wald z, exp(β) on its link's scale) is glmmParts.ts's.
 *
 * @example
 * fixefTable("congruence", run.results.models.congruence, run.results.derived?.congruence);
 */
export function fixefTable(name: string, m: ModelSummary, d: Derived | undefined): TemplateResult {
  if (m.family) return glmmFixefTable(name, m, d);
  const id = `fx-${name}`;
  return html`<h3 id=${id}>Fixed effects</h3>
    ${m.method === "REML" ? explain("reml", "en") : nothing}
    ${m.method === "REML" || m.method === "ML" ? explain("satterthwaite", "en") : nothing}
    ${wrap(
      id,
      html`<table class="num" data-testid="fixef-${name}">
        <thead>
          <tr>
            <th scope="col">Term</th>
            <th scope="col">Estimate</th>
            <th scope="col">SE</th>
            <th scope="col">df</th>
            <th scope="col">t</th>
            <th scope="col">p</th>
            <th scope="col">95% CI</th>
          </tr>
        </thead>
        <tbody>
          ${m.fixef.map((f, i) => {
            const c = d?.ci[i];
            return html`<tr>
              <th scope="row"><code>${f.term}</code></th>
              <td data-col="estimate">${num(f.estimate)}</td>
              <td>${num(f.se)}</td>
              <td>${dfText(f.df)}</td>
              <td>${num(f.t, 2)}</td>
              <td>${pval(f.p)}</td>
              <td>${c && c.term === f.term ? ci(c.lower, c.upper) : "—"}</td>
            </tr>`;
          })}
        </tbody>
      </table>`,
    )}
    <p class="muted small">
      df: Satterthwaite degrees of freedom, as lmerTest; t = estimate / SE; p two-sided; 95% CI = estimate ± t
      quantile × SE.
    </p>`;
}

/**
 * The random effects of a model: each SD and variance, and the correlations in words.
 *
 * @example
 * randomTable("congruence", run.results.models.congruence);
 */
export function randomTable(name: string, m: ModelSummary): TemplateResult {
  const id = `re-${name}`;
  const sds = m.varcorr.filter((v) => v.sd !== undefined);
  const cors = m.varcorr.filter((v) => v.cor !== undefined);
  return html`<h3 id=${id}>Random effects</h3>
    ${wrap(
      id,
      html`<table class="num" data-testid="ranef-${name}">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" class="text">Term</th>
            <th scope="col">SD</th>
            <th scope="col">Variance</th>
          </tr>
        </thead>
        <tbody>
          ${sds.map(
            (v) =>
              html`<tr>
                <th scope="row">${v.group}</th>
                <td class="text"><code>${v.term ?? "—"}</code></td>
                <td>${num(v.sd)}</td>
                <td>${num((v.sd ?? NaN) ** 2)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}
    ${
      cors.length
        ? html`<p class="small">
            ${cors.map(
              (c) =>
                html`Correlation of
                ${(c.terms ?? []).map((t, i) => html`${i ? " and " : ""}<code>${t}</code>`)} within
                ${c.group}: ${num(c.cor, 3)}. `,
            )}
          </p>`
        : nothing
    }`;
}

/**
 * A model's headline quantities with 95% intervals.
 *
 * @example
 * quantityTable("lagged", run.results.derived?.lagged?.quantities ?? []);
 */
export function quantityTable(name: string, qs: Quantity[]): TemplateResult {
  const id = `q-${name}`;
  return html`<h3 id=${id}>Headline quantities</h3>
    ${wrap(
      id,
      html`<table class="num" data-testid="quantities-${name}">
        <thead>
          <tr>
            <th scope="col">Quantity</th>
            <th scope="col">Estimate</th>
            <th scope="col">SE</th>
            <th scope="col">df</th>
            <th scope="col">p</th>
            <th scope="col">95% CI</th>
          </tr>
        </thead>
        <tbody>
          ${qs.map(
            (q) =>
              html`<tr>
                <th scope="row">${q.label}</th>
                <td>${num(q.estimate)}</td>
                <td>${num(q.se)}</td>
                <td>${dfText(q.df)}</td>
                <td>${pval(q.p)}</td>
                <td>${ci(q.lower, q.upper)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}`;
}
