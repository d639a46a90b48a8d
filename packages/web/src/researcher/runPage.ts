// One run at /runs/<id>: its record (who, when, version, selection, rows, data hash), every model's tables,
// the recipe's headline quantities, the report's own figures, and the downloads that reproduce it in R.
import { html, nothing, type TemplateResult } from "lit-html";
import type { RunFiguresOut } from "@attune/api";
import { api } from "../api.ts";
import type { StaffContext } from "../context.ts";
import type { Lang } from "../lang.ts";
import { CRIT_DECIMALS, formats, rowsRedacted, when } from "./format.ts";
import { oddsRatioSection } from "./glmmParts.ts";
import { congruenceLead } from "./headlineParts.ts";
import { fixefTable, quantityTable, randomTable } from "./modelTables.ts";
import { modelFigures, otherFigures, type Figures } from "./runFigures.ts";
import { runWords } from "./runWords.ts";
import { surfaceTable } from "./surfaceParts.ts";
import { modelCaption, modelShort, recipeName, selectionText } from "./words.ts";
import type { ModelSummary, Run } from "./types.ts";

function modelSection(run: Run, name: string, m: ModelSummary, figures: Figures, lang: Lang): TemplateResult {
  const w = runWords(lang);
  const f = formats(lang);
  const d = run.results.derived?.[name];
  const surface =
    name === "rsa"
      ? run.results.surface
      : name.startsWith("rsa_")
        ? run.results.surfaceBy?.[name.slice(4)]
        : undefined;
  const hid = `m-${name}`;
  const qs = d?.quantities ?? [];
  const fact = (dt: string, dd: unknown, testid?: string) =>
    html`<div>
      <dt>${dt}</dt>
      <dd data-testid=${testid ?? nothing}>${dd}</dd>
    </div>`;
  return html`<section class="card model" aria-labelledby=${hid} data-model=${name}>
    <h2 id=${hid}>${w.model} <code>${name}</code></h2>
    <p>${modelCaption(name, lang)}</p>
    <p class="formula"><code>${m.formula}</code></p>
    <dl class="facts">
      ${fact(w.facts.nobs, m.nobs)} ${Object.entries(m.groups).map(([g, n]) => fact(w.facts.groups(g), n))}
      ${
        m.family
          ? html`${fact(
              w.facts.family,
              `${w.facts.familyIs(m.family, m.link ?? "")}${m.nAGQ !== undefined && m.nAGQ !== 1 ? `, nAGQ = ${m.nAGQ}` : ""}`,
              `family-${name}`,
            )}
            ${fact(w.facts.loglik, f.num(m.logLik, CRIT_DECIMALS), `loglik-${name}`)}`
          : html`${fact(
              m.method === "REML" ? w.facts.reml : w.facts.deviance,
              f.num(m.deviance, CRIT_DECIMALS),
              `reml-${name}`,
            )}
            ${fact(w.facts.sigma, f.num(m.sigma))}`
      }
    </dl>
    ${m.singular ? html`<p class="warn-box">${w.singular}</p>` : nothing}
    ${(m.warnings ?? []).map((x) => html`<p class="warn-box" lang=${lang === "en" ? nothing : "en"}>${w.warning(x)}</p>`)}
    ${qs.length ? html`${name === "congruence" ? congruenceLead(qs, lang) : nothing}${quantityTable(name, qs, lang)}` : nothing}
    ${surface ? surfaceTable(name, surface, lang) : nothing} ${fixefTable(name, m, d, lang)}
    ${randomTable(name, m, lang)}
    ${modelFigures(`/api/runs/${encodeURIComponent(run.id)}`, figures, name, lang)}
  </section>`;
}

/**
 * The banner of a run whose data were redacted after an erasure: the page shows the recorded numbers, the
 * downloads are computed from the redacted data, so the two may differ slightly.
 */
function redactedBanner(run: Run, lang: Lang): TemplateResult | typeof nothing {
  const last = run.redactions.at(-1);
  if (!last) return nothing;
  const w = runWords(lang);
  return html`<section class="warn-box" aria-labelledby="redacted-h" data-testid="redacted">
    <h2 id="redacted-h">${w.redactedH}</h2>
    <p>${w.redacted(rowsRedacted(run.redactions), run.redactions.length, when(last.at))}</p>
    <p>${w.fingerprintNow} <code class="hash" data-testid="sha256-now">${last.after}</code>.</p>
  </section>`;
}

/** The run's record: who, when, which version, which data and its fingerprint. */
function record(run: Run, lang: Lang): TemplateResult {
  const w = runWords(lang).record;
  const item = (dt: string, dd: TemplateResult | string | number, cls?: string) =>
    html`<div class=${cls ?? nothing}>
      <dt>${dt}</dt>
      <dd>${dd}</dd>
    </div>`;
  return html`<section class="card" aria-labelledby="rec-h">
    <h2 id="rec-h">${runWords(lang).recordH}</h2>
    <dl class="record">
      ${item(w.id, html`<code data-testid="run-id">${run.id}</code>`)} ${item(w.by, run.runBy)}
      ${item(w.when, when(run.runAt))} ${item(w.version, run.attuneVersion)}
      ${item(w.recipe, html`${recipeName(run.recipe, lang)} · <code>${run.recipe}</code>`)}
      ${item(w.data, html`<span data-testid="selection">${selectionText(run.selection, run.recipe, lang)}</span>`)}
      ${item(w.rows, html`<span data-testid="rows">${run.rows}</span>`)}
      ${
        run.redactions.length
          ? item(w.removed, html`<span data-testid="rows-redacted">${rowsRedacted(run.redactions)}</span>`)
          : nothing
      }
      ${item(w.sha, html`<code class="hash" data-testid="sha256">${run.dataSha256}</code>`, "wide")}
    </dl>
  </section>`;
}

/** The downloads that reproduce the run, and how to run the R script. */
function downloads(run: Run, base: string, lang: Lang): TemplateResult {
  const w = runWords(lang);
  return html`<section class="card" aria-labelledby="dl-h">
    <h2 id="dl-h">${w.downloadsH}</h2>
    <ul class="downloads">
      <li><a download href="${base}/report.html?download=1">${w.dl.report}</a></li>
      <li>
        <a download href="${base}/data.csv">${run.redactions.length ? w.dl.dataRedacted : w.dl.data}</a>
      </li>
      <li><a download href="${base}/script.R">${w.dl.script}</a></li>
      <li><a download href="${base}/models.csv">${w.dl.models}</a></li>
      <li><a download href="${base}/fhir">${w.dl.fhir}</a></li>
    </ul>
    <p>${w.reproduce}</p>
    <pre class="cmd"><code>Rscript attune-run-${run.id}.R attune-run-${run.id}-models.csv</code></pre>
    <p>${w.refits}</p>
    <p><a href="${base}/report.html">${w.openReport}</a> ${w.openReportRest}</p>
  </section>`;
}

/**
 * Renders the page of one run (GET /api/runs/{id}), then its figures as the server draws them.
 *
 * @example
 * await runPage(ctx, "01J…");
 */
export async function runPage(ctx: StaffContext, id: string): Promise<void> {
  const run = await api<Run>("GET", `/api/runs/${encodeURIComponent(id)}`);
  ctx.setRefresh(null);
  const base = `/api/runs/${encodeURIComponent(run.id)}` as const;
  const path = `/runs/${id}`;
  const models = Object.entries(run.results.models);
  let figures: Figures = { state: "loading" };

  const draw = () => {
    const lang = ctx.lang;
    const w = runWords(lang);
    ctx.shell(
      w.title(run.id),
      html`<p>${ctx.link("/runs", w.allRuns)} · ${ctx.link("/research", w.newRun)}</p>
        <h1>${recipeName(run.recipe, lang)}: ${w.run} <span class="run-id">${run.id}</span></h1>
        <p class="lead">${run.redactions.length ? w.leadRedacted : w.lead}</p>
        ${redactedBanner(run, lang)} ${record(run, lang)} ${downloads(run, base, lang)}
        ${models.length > 1 ? toc(ctx, models, lang) : nothing} ${oddsRatioSection(run.results, lang)}
        ${models.map(([name, m]) => modelSection(run, name, m, figures, lang))}
        ${otherFigures(base, figures, new Set(models.map(([n]) => n)), lang)}`,
      true,
    );
  };
  draw();
  // Not awaited: the router scrolls to the top and focuses the heading once the page is drawn, without
  // waiting for the figures.
  void (async () => {
    try {
      figures = {
        state: "ready",
        list: (await api<RunFiguresOut>("GET", `${base}/figures?lang=${ctx.lang}`)).figures,
      };
    } catch (e) {
      figures = { state: "failed", why: e instanceof Error ? e.message : String(e) };
    }
    // Drawn again only if the run is still the page shown (the user may have moved on meanwhile).
    if (location.pathname === path) draw();
  })();
}

/** The list of a run's models, each a link to its section. */
function toc(ctx: StaffContext, models: [string, ModelSummary][], lang: Lang): TemplateResult {
  return html`<nav class="card" aria-labelledby="toc-h">
    <h2 id="toc-h">${runWords(lang).modelsH}</h2>
    <ul class="toc">
      ${models.map(
        ([name]) =>
          html`<li>
            <a
              href="#m-${name}"
              @click=${(e: Event) => {
                // Scroll here rather than change the URL: a hash change would re-route the app.
                e.preventDefault();
                const h = ctx.root.querySelector<HTMLElement>(`#m-${CSS.escape(name)}`);
                h?.scrollIntoView();
                h?.setAttribute("tabindex", "-1");
                h?.focus();
              }}
              ><code>${name}</code></a
            >
            — ${modelShort(name, lang)}
          </li>`,
      )}
    </ul>
  </nav>`;
}
