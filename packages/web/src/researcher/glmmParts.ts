// The parts of a run page for generalized models (fitted as lme4's glmer: the deterioration recipe's
// binomial models, custom binomial or Poisson models): what the link's scale and exp(β) are called (the
// fixed-effects table itself is modelTables.ts's), the arms' odds ratios.
import { html, nothing, type TemplateResult } from "lit-html";
import { num, pval } from "./format.ts";
import { wrap } from "./tableWrap.ts";
import type { Results } from "./types.ts";

/**
 * What a link's coefficients are, and what exp(β) is called (null: no ratio is read from it).
 *
 * @example
 * linkReading("logit").ratio; // "Odds ratio"
 */
export function linkReading(link: string | undefined): { scale: string; ratio: string | null; why: string } {
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
