// The parts of a run page for generalized models (binomial GLMMs of the deterioration recipe, fitted as
// lme4's glmer): fixed effects with Wald z tests and odds ratios, the arms' odds ratios, the definitions.
import { html, nothing, type TemplateResult } from "lit-html";
import { ci, num, pval } from "./format.ts";
import type { Derived, ModelSummary, Results } from "./types.ts";

const wrap = (labelledBy: string, table: TemplateResult) =>
  html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${labelledBy}>${table}</div>`;

/**
 * The fixed effects of a GLMM: log-odds, SE, z, p, the Wald 95% interval and the odds ratio exp(β).
 *
 * @example
 * glmmFixefTable("dropout", run.results.models.dropout, run.results.derived?.dropout);
 */
export function glmmFixefTable(name: string, m: ModelSummary, d: Derived | undefined): TemplateResult {
  const id = `fx-${name}`;
  return html`<h3 id=${id}>Fixed effects (log-odds)</h3>
    ${wrap(
      id,
      html`<table class="num" data-testid="fixef-${name}">
        <thead>
          <tr>
            <th scope="col">Term</th>
            <th scope="col">Estimate</th>
            <th scope="col">SE</th>
            <th scope="col">z</th>
            <th scope="col">p</th>
            <th scope="col">95% CI</th>
            <th scope="col">Odds ratio</th>
          </tr>
        </thead>
        <tbody>
          ${m.fixef.map((f, i) => {
            const c = d?.ci[i];
            return html`<tr>
              <th scope="row"><code>${f.term}</code></th>
              <td data-col="estimate">${num(f.estimate)}</td>
              <td>${num(f.se)}</td>
              <td>${num(f.z, 2)}</td>
              <td>${pval(f.p)}</td>
              <td>${c && c.term === f.term ? ci(c.lower, c.upper) : "—"}</td>
              <td>${num(Math.exp(f.estimate), 3)}</td>
            </tr>`;
          })}
        </tbody>
      </table>`,
    )}
    <p class="muted small">
      ${m.family} family, ${m.link} link, maximum likelihood (Laplace approximation) as lme4's glmer; z =
      estimate / SE (Wald), p two-sided; 95% CI = estimate ± 1.96 × SE on the log-odds scale; odds ratio =
      exp(estimate).
    </p>`;
}

/**
 * The arms' odds ratios of a deterioration run, with the definitions and the observed events per arm.
 *
 * @example
 * oddsRatioSection(run.results);
 */
export function oddsRatioSection(r: Results): TemplateResult | typeof nothing {
  if (!r.oddsRatios && !r.rates) return nothing;
  const ors = Object.entries(r.oddsRatios ?? {});
  return html`<section class="card" aria-labelledby="or-h">
    <h2 id="or-h">Reliable deterioration and dropout by arm</h2>
    ${(r.notes ?? []).map((n) => html`<p>${n}</p>`)}
    ${
      ors.length
        ? wrap(
            "or-h",
            html`<table class="num" data-testid="odds-ratios">
              <caption>
                Odds ratio of each arm against the reference arm (Wald 95% interval), with therapist (and
                patient) random effects
              </caption>
              <thead>
                <tr>
                  <th scope="col">Model: arm</th>
                  <th scope="col">Odds ratio</th>
                  <th scope="col">95% CI</th>
                  <th scope="col">z</th>
                  <th scope="col">p</th>
                </tr>
              </thead>
              <tbody>
                ${ors.map(
                  ([label, o]) =>
                    html`<tr>
                      <th scope="row">${label}</th>
                      <td>${num(o.oddsRatio, 3)}</td>
                      <td>[${num(o.lower, 3)}, ${num(o.upper, 3)}]</td>
                      <td>${num(o.z, 2)}</td>
                      <td>${pval(o.p)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`,
          )
        : html`<p>No model could compare the arms (see the notes above).</p>`
    }
    ${
      r.rates
        ? html`<h3 id="rates-h">Observed events per arm</h3>
            ${wrap(
              "rates-h",
              html`<table class="num" data-testid="rates">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Arm</th>
                    <th scope="col">Rows</th>
                    <th scope="col">Events</th>
                    <th scope="col">%</th>
                  </tr>
                </thead>
                <tbody>
                  ${Object.entries(r.rates).flatMap(([model, arms]) =>
                    arms.map(
                      (a) =>
                        html`<tr>
                          <th scope="row"><code>${model}</code></th>
                          <td>${a.arm}</td>
                          <td>${a.n}</td>
                          <td>${a.events}</td>
                          <td>${num(100 * a.rate, 1)}</td>
                        </tr>`,
                    ),
                  )}
                </tbody>
              </table>`,
            )}`
        : nothing
    }
  </section>`;
}
