// The parts of a run page for generalized models (fitted as lme4's glmer: the deterioration recipe's
// binomial models, custom binomial or Poisson models): fixed effects on the link's scale with Wald z
// tests and exp(β) where it has a name (odds ratio, rate ratio, hazard ratio), the arms' odds ratios.
import { html, nothing, type TemplateResult } from "lit-html";
import { ci, num, pval } from "./format.ts";
import { wrap } from "./tableWrap.ts";
import type { Derived, ModelSummary, Results } from "./types.ts";

/** What a link's coefficients are, and what exp(β) is called (null: no ratio is read from it). */
function linkReading(link: string | undefined): { scale: string; ratio: string | null; why: string } {
  switch (link) {
    case "logit":
      return { scale: "log-odds", ratio: "Odds ratio", why: "odds ratio = exp(estimate)" };
    case "log":
      return {
        scale: "log rate",
        ratio: "Rate ratio",
        why: "rate ratio = exp(estimate): the count's multiplier",
      };
    case "cloglog":
      return {
        scale: "complementary log-log",
        ratio: "Hazard ratio",
        why: "hazard ratio = exp(estimate) (discrete-time reading of the cloglog link)",
      };
    default:
      return {
        scale: `${link ?? "link"} scale`,
        ratio: null,
        why: "no ratio: a probit coefficient is in latent SD units",
      };
  }
}

/**
 * The fixed effects of a GLMM on its link's scale: estimate, SE, z, p, the Wald 95% interval and exp(β)
 * where it has a name (odds ratio for logit, rate ratio for log, hazard ratio for cloglog).
 *
 * @example
 * glmmFixefTable("dropout", run.results.models.dropout, run.results.derived?.dropout);
 */
export function glmmFixefTable(name: string, m: ModelSummary, d: Derived | undefined): TemplateResult {
  const id = `fx-${name}`;
  const r = linkReading(m.link);
  const approx =
    m.nAGQ !== undefined && m.nAGQ > 1
      ? `adaptive Gauss–Hermite quadrature with ${m.nAGQ} points`
      : m.nAGQ === 0
        ? "Laplace deviance with β from PIRLS (nAGQ = 0)"
        : "Laplace approximation";
  return html`<h3 id=${id}>Fixed effects (${r.scale})</h3>
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
            ${r.ratio ? html`<th scope="col">${r.ratio}</th>` : nothing}
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
              ${r.ratio ? html`<td>${num(Math.exp(f.estimate), 3)}</td>` : nothing}
            </tr>`;
          })}
        </tbody>
      </table>`,
    )}
    <p class="muted small">
      ${m.family} family, ${m.link} link, maximum likelihood (${approx}) as lme4's glmer; z = estimate / SE
      (Wald), p two-sided; 95% CI = estimate ± 1.96 × SE on the ${r.scale} scale; ${r.why}.
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
