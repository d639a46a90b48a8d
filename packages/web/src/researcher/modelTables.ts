// The tables of one model on a run page: fixed effects (t tests for lmer fits, Wald z and exp(β) for glmer
// fits), random effects, and the headline quantities core chose (headlinesOf, via the run's derived
// numbers): the rows the report's tables show, each the one dataTable with its columns.
import { html, nothing, type TemplateResult } from "lit-html";
import { explain } from "../help/explain.ts";
import type { Lang } from "../lang.ts";
import { dataTable, type Column } from "./dataTable.ts";
import { formats } from "./format.ts";
import { linkReading } from "./glmmParts.ts";
import { headlineLabel, runWords } from "./runWords.ts";
import type { Derived, ModelSummary, Quantity } from "./types.ts";

/** One coefficient of a model's fixed-effects table. */
type Coefficient = ModelSummary["fixef"][number];

/**
 * The one fixed-effects table of the run page: term, estimate, SE, the test's own columns (`statistic`:
 * df and t, or z), p, the 95% interval and any columns read from the estimate (`after`: exp(β)).
 *
 * @example
 * coefficientTable("dropout", "Fixed effects (log-odds)", m, d, [{ label: "z", cell: (f) => num(f.z, 2) }], [], note, "en");
 */
export function coefficientTable(
  name: string,
  heading: string,
  m: ModelSummary,
  d: Derived | undefined,
  statistic: readonly Column<Coefficient>[],
  after: readonly Column<Coefficient>[],
  note: string,
  lang: Lang,
  intro: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  const w = runWords(lang);
  const f = formats(lang);
  const id = `fx-${name}`;
  const ciOf = (c: Coefficient) => {
    const x = d?.ci[m.fixef.indexOf(c)];
    return x && x.term === c.term ? f.ci(x.lower, x.upper) : "—";
  };
  return html`<h3 id=${id}>${heading}</h3>
    ${intro}
    ${dataTable({
      labelledBy: id,
      testid: `fixef-${name}`,
      rows: m.fixef,
      columns: [
        { label: w.term, cell: (c) => html`<code>${c.term}</code>` },
        { label: w.estimate, cell: (c) => f.num(c.estimate), col: "estimate" },
        { label: w.se, cell: (c) => f.num(c.se) },
        ...statistic,
        { label: "p", cell: (c) => f.pval(c.p) },
        { label: w.ciH, cell: ciOf },
        ...after,
      ],
    })}
    <p class="muted small">${note}</p>`;
}

/**
 * The fixed effects of a model with 95% intervals: Satterthwaite t tests for a linear mixed model; a
 * generalized one's columns (Wald z, exp(β) on its link's scale) are glmmFixefTable's.
 *
 * @example
 * fixefTable("congruence", run.results.models.congruence, run.results.derived?.congruence, "en");
 */
export function fixefTable(
  name: string,
  m: ModelSummary,
  d: Derived | undefined,
  lang: Lang,
): TemplateResult {
  if (m.family) return glmmFixefTable(name, m, d, lang);
  const w = runWords(lang);
  const f = formats(lang);
  return coefficientTable(
    name,
    w.fixefH,
    m,
    d,
    [
      { label: w.df, cell: (c) => f.df(c.df) },
      { label: "t", cell: (c) => f.num(c.t, 2) },
    ],
    [],
    w.lmerNote,
    lang,
    html`${m.method === "REML" ? explain("reml", lang) : nothing}
    ${m.method === "REML" || m.method === "ML" ? explain("satterthwaite", lang) : nothing}`,
  );
}

/**
 * The fixed effects of a GLMM on its link's scale: estimate, SE, z, p, the Wald 95% interval and exp(β)
 * where it has a name (odds ratio for logit, rate ratio for log, hazard ratio for cloglog).
 *
 * @example
 * glmmFixefTable("dropout", run.results.models.dropout, run.results.derived?.dropout, "en");
 */
export function glmmFixefTable(
  name: string,
  m: ModelSummary,
  d: Derived | undefined,
  lang: Lang,
): TemplateResult {
  const w = runWords(lang);
  const f = formats(lang);
  const r = linkReading(m.link, lang);
  const approx =
    m.nAGQ !== undefined && m.nAGQ > 1
      ? w.approx.agq(m.nAGQ)
      : m.nAGQ === 0
        ? w.approx.pirls
        : w.approx.laplace;
  return coefficientTable(
    name,
    w.fixefOnScale(r.scale),
    m,
    d,
    [{ label: "z", cell: (c) => f.num(c.z, 2) }],
    r.ratio ? [{ label: r.ratio, cell: (c) => f.num(Math.exp(c.estimate), 3) }] : [],
    w.glmerNote(m.family ?? "", m.link ?? "", approx, r.scale, r.why),
    lang,
  );
}

/**
 * The random effects of a model: each SD and variance, and the correlations in words.
 *
 * @example
 * randomTable("congruence", run.results.models.congruence, "en");
 */
export function randomTable(name: string, m: ModelSummary, lang: Lang): TemplateResult {
  const w = runWords(lang);
  const f = formats(lang);
  const id = `re-${name}`;
  const cors = m.varcorr.filter((v) => v.cor !== undefined);
  return html`<h3 id=${id}>${w.ranefH}</h3>
    ${dataTable({
      labelledBy: id,
      testid: `ranef-${name}`,
      rows: m.varcorr.filter((v) => v.sd !== undefined),
      columns: [
        { label: w.group, cell: (v) => v.group },
        { label: w.term, cell: (v) => html`<code>${v.term ?? "—"}</code>`, cls: "text" },
        { label: w.sd, cell: (v) => f.num(v.sd) },
        { label: w.variance, cell: (v) => f.num((v.sd ?? NaN) ** 2) },
      ],
    })}
    ${
      cors.length
        ? html`<p class="small">
            ${cors.map((c) =>
              w.correlation(
                html`${(c.terms ?? []).map((t, i) => html`${i ? w.and : ""}<code>${t}</code>`)}`,
                c.group,
                f.num(c.cor, 3),
              ),
            )}
          </p>`
        : nothing
    }`;
}

/**
 * A model's headline quantities with 95% intervals.
 *
 * @example
 * quantityTable("lagged", run.results.derived?.lagged?.quantities ?? [], "en");
 */
export function quantityTable(name: string, qs: readonly Quantity[], lang: Lang): TemplateResult {
  const w = runWords(lang);
  const f = formats(lang);
  const id = `q-${name}`;
  return html`<h3 id=${id}>${w.quantitiesH}</h3>
    ${dataTable({
      labelledBy: id,
      testid: `quantities-${name}`,
      rows: qs,
      columns: [
        { label: w.quantity, cell: (q) => headlineLabel(q.label, lang) },
        { label: w.estimate, cell: (q) => f.num(q.estimate) },
        { label: w.se, cell: (q) => f.num(q.se) },
        { label: w.df, cell: (q) => f.df(q.df) },
        { label: "p", cell: (q) => f.pval(q.p) },
        { label: w.ciH, cell: (q) => f.ci(q.lower, q.upper) },
      ],
    })}`;
}
