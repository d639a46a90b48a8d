// The tables of one model on a run page: fixed effects (one builder: t tests for lmer fits, Wald z and
// exp(β) for glmer fits), random effects, and the headline quantities core chose (headlinesOf, via the run's
// derived numbers): the rows the report's tables show.
import { html, nothing, type TemplateResult } from "lit-html";
import { explain } from "../help/explain.ts";
import { ci, dfText, num, pval } from "./format.ts";
import { linkReading } from "./glmmParts.ts";
import { wrap } from "./tableWrap.ts";
import type { Derived, ModelSummary, Quantity } from "./types.ts";

/** One coefficient of a model's fixed-effects table. */
type Coefficient = ModelSummary["fixef"][number];
/** A column of the fixed-effects table: its header and each coefficient's cell. */
interface CoefficientColumn {
  label: string;
  cell: (f: Coefficient) => string;
}

/**
 * The one fixed-effects table of the run page: term, estimate, SE, the test's own columns (`statistic`:
 * df and t, or z), p, the 95% interval and any columns read from the estimate (`after`: exp(β)).
 *
 * @example
 * coefficientTable("dropout", "Fixed effects (log-odds)", m, d, [{ label: "z", cell: (f) => num(f.z, 2) }], [], note);
 */
export function coefficientTable(
  name: string,
  heading: string,
  m: ModelSummary,
  d: Derived | undefined,
  statistic: readonly CoefficientColumn[],
  after: readonly CoefficientColumn[],
  note: TemplateResult,
  intro: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  const id = `fx-${name}`;
  return html`<h3 id=${id}>${heading}</h3>
    ${intro}
    ${wrap(
      id,
      html`<table class="num" data-testid="fixef-${name}">
        <thead>
          <tr>
            <th scope="col">Term</th>
            <th scope="col">Estimate</th>
            <th scope="col">SE</th>
            ${statistic.map((s) => html`<th scope="col">${s.label}</th>`)}
            <th scope="col">p</th>
            <th scope="col">95% CI</th>
            ${after.map((s) => html`<th scope="col">${s.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${m.fixef.map((f, i) => {
            const c = d?.ci[i];
            return html`<tr>
              <th scope="row"><code>${f.term}</code></th>
              <td data-col="estimate">${num(f.estimate)}</td>
              <td>${num(f.se)}</td>
              ${statistic.map((s) => html`<td>${s.cell(f)}</td>`)}
              <td>${pval(f.p)}</td>
              <td>${c && c.term === f.term ? ci(c.lower, c.upper) : "—"}</td>
              ${after.map((s) => html`<td>${s.cell(f)}</td>`)}
            </tr>`;
          })}
        </tbody>
      </table>`,
    )}
    ${note}`;
}

/**
 * The fixed effects of a model with 95% intervals: Satterthwaite t tests for a linear mixed model; a
 * generalized one's columns (Wald z, exp(β) on its link's scale) are glmmParts.ts's.
 *
 * @example
 * fixefTable("congruence", run.results.models.congruence, run.results.derived?.congruence);
 */
export function fixefTable(name: string, m: ModelSummary, d: Derived | undefined): TemplateResult {
  if (m.family) return glmmFixefTable(name, m, d);
  return coefficientTable(
    name,
    "Fixed effects",
    m,
    d,
    [
      { label: "df", cell: (f) => dfText(f.df) },
      { label: "t", cell: (f) => num(f.t, 2) },
    ],
    [],
    html`<p class="muted small">
      df: Satterthwaite degrees of freedom, as lmerTest; t = estimate / SE; p two-sided; 95% CI = estimate ± t
      quantile × SE.
    </p>`,
    html`${m.method === "REML" ? explain("reml", "en") : nothing}
    ${m.method === "REML" || m.method === "ML" ? explain("satterthwaite", "en") : nothing}`,
  );
}

/**
 * The fixed effects of a GLMM on its link's scale: estimate, SE, z, p, the Wald 95% interval and exp(β)
 * where it has a name (odds ratio for logit, rate ratio for log, hazard ratio for cloglog).
 *
 * @example
 * glmmFixefTable("dropout", run.results.models.dropout, run.results.derived?.dropout);
 */
export function glmmFixefTable(name: string, m: ModelSummary, d: Derived | undefined): TemplateResult {
  const r = linkReading(m.link);
  const approx =
    m.nAGQ !== undefined && m.nAGQ > 1
      ? `adaptive Gauss–Hermite quadrature with ${m.nAGQ} points`
      : m.nAGQ === 0
        ? "Laplace deviance with β from PIRLS (nAGQ = 0)"
        : "Laplace approximation";
  return coefficientTable(
    name,
    `Fixed effects (${r.scale})`,
    m,
    d,
    [{ label: "z", cell: (f) => num(f.z, 2) }],
    r.ratio ? [{ label: r.ratio, cell: (f) => num(Math.exp(f.estimate), 3) }] : [],
    html`<p class="muted small">
      ${m.family} family, ${m.link} link, maximum likelihood (${approx}) as lme4's glmer; z = estimate / SE
      (Wald), p two-sided; 95% CI = estimate ± 1.96 × SE on the ${r.scale} scale; ${r.why}.
    </p>`,
  );
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
