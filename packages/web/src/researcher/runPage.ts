// One run at /runs/<id>: its record (who, when, version, selection, rows, data hash), every model's tables
// and the recipe's headline quantities, plots, and the downloads that reproduce it in R.
import { html, nothing, type TemplateResult } from "lit-html";
import { api } from "../api.ts";
import type { StaffContext } from "../context.ts";
import { ci, CRIT_DECIMALS, num, rowsRedacted, when } from "./format.ts";
import { oddsRatioSection } from "./glmmParts.ts";
import { congruenceLead, unitsPlot } from "./headlineParts.ts";
import { fixefTable, quantityTable, randomTable } from "./modelTables.ts";
import { intervalPlot } from "./plots.ts";
import { surfaceTable } from "./surfaceParts.ts";
import { modelCaption, modelShort, recipeName, selectionText } from "./text.ts";
import type { ModelSummary, Run } from "./types.ts";

function modelSection(run: Run, name: string, m: ModelSummary): TemplateResult {
  const d = run.results.derived?.[name];
  const surface =
    name === "rsa"
      ? run.results.surface
      : name.startsWith("rsa_")
        ? run.results.surfaceBy?.[name.slice(4)]
        : undefined;
  const hid = `m-${name}`;
  const groups = Object.entries(m.groups);
  const qs = d?.quantities ?? [];
  return html`<section class="card model" aria-labelledby=${hid} data-model=${name}>
    <h2 id=${hid}>Model <code>${name}</code></h2>
    <p>${modelCaption(name)}</p>
    <p class="formula"><code>${m.formula}</code></p>
    <dl class="facts">
      <div>
        <dt>Observations</dt>
        <dd>${m.nobs}</dd>
      </div>
      ${groups.map(
        ([g, n]) =>
          html`<div>
            <dt>Groups: ${g}</dt>
            <dd>${n}</dd>
          </div>`,
      )}
      ${
        m.family
          ? html`<div>
                <dt>Family</dt>
                <dd data-testid="family-${name}">
                  ${m.family} (${m.link} link),
                  glmer${m.nAGQ !== undefined && m.nAGQ !== 1 ? `, nAGQ = ${m.nAGQ}` : ""}
                </dd>
              </div>
              <div>
                <dt>Log-likelihood</dt>
                <dd data-testid="loglik-${name}">${num(m.logLik, CRIT_DECIMALS)}</dd>
              </div>`
          : html`<div>
                <dt>${m.method === "REML" ? "REML criterion" : "Deviance"}</dt>
                <dd data-testid="reml-${name}">${num(m.deviance, CRIT_DECIMALS)}</dd>
              </div>
              <div>
                <dt>Residual SD</dt>
                <dd>${num(m.sigma)}</dd>
              </div>`
      }
    </dl>
    ${m.singular ? html`<p class="warn-box">Singular fit: a variance is estimated at (or near) zero.</p>` : nothing}
    ${(m.warnings ?? []).map((w) => html`<p class="warn-box">${w}</p>`)}
    ${
      qs.length
        ? html`${name === "congruence" ? congruenceLead(qs) : nothing}${quantityTable(name, qs)}
          ${intervalPlot({
            id: `qplot-${name}`,
            title: `Headline quantities of ${name} with 95% intervals`,
            desc: qs.map((q) => `${q.label}: ${num(q.estimate)} ${ci(q.lower, q.upper)}`).join("; "),
            rows: qs.map((q) => ({ label: q.label, estimate: q.estimate, lower: q.lower, upper: q.upper })),
            reference: 0,
            xLabel: "estimate with 95% interval (dashed: 0)",
            labelWidth: 300,
          })}`
        : nothing
    }
    ${surface ? surfaceTable(name, surface) : nothing} ${fixefTable(name, m, d)} ${randomTable(name, m)}
    ${(d?.units ?? []).map((u, i) => unitsPlot(name, i, u))}
  </section>`;
}

/**
 * The banner of a run whose data were redacted after an erasure: the page shows the recorded numbers, the
 * downloads are computed from the redacted data, so the two may differ slightly.
 */
function redactedBanner(run: Run): TemplateResult | typeof nothing {
  const last = run.redactions.at(-1);
  if (!last) return nothing;
  const rows = rowsRedacted(run.redactions);
  return html`<section class="warn-box" aria-labelledby="redacted-h" data-testid="redacted">
    <h2 id="redacted-h">Data redacted after erasure</h2>
    <p>
      After this run was recorded, ${rows} row${rows === 1 ? "" : "s"} (patient × session) of
      ${run.redactions.length === 1 ? "a patient" : `${run.redactions.length} patients`} whose data were
      erased on request ${rows === 1 ? "was" : "were"} removed from its data (latest ${when(last.at)}). The
      numbers on this page are the ones recorded when the run was made. The downloads — data, report, R script
      and model data — are computed from the redacted data, so their numbers may differ slightly from the
      recorded ones.
    </p>
    <p>
      The data download's fingerprint is now <code class="hash" data-testid="sha256-now">${last.after}</code>.
    </p>
  </section>`;
}

/**
 * Renders the page of one run (GET /api/runs/{id}).
 *
 * @example
 * await runPage(ctx, "01J…");
 */
export async function runPage(ctx: StaffContext, id: string): Promise<void> {
  const run = await api<Run>("GET", `/api/runs/${encodeURIComponent(id)}`);
  ctx.setRefresh(null);
  const base = `/api/runs/${encodeURIComponent(run.id)}`;
  const models = Object.entries(run.results.models);
  const scriptName = `attune-run-${run.id}.R`;
  const modelsName = `attune-run-${run.id}-models.csv`;
  ctx.shell(
    `Run ${run.id}`,
    html`<p>${ctx.link("/runs", "← All runs")} · ${ctx.link("/research", "New run")}</p>
      <h1>${recipeName(run.recipe)}: run <span class="run-id">${run.id}</span></h1>
      <p class="lead">
        ${
          run.redactions.length
            ? "The numbers of one recorded analysis. The run keeps the data it analysed, less the rows of " +
              "patients erased since (see below): to cite a number from this page, give the run id and the " +
              "data fingerprint (sha256) recorded below."
            : "The numbers of one recorded analysis. The run keeps exactly the data it analysed: to cite a " +
              "number from this page, give the run id and the data fingerprint (sha256) below — anyone with " +
              "the downloaded data can check the fingerprint and refit every model in R."
        }
      </p>
      ${redactedBanner(run)}
      <section class="card" aria-labelledby="rec-h">
        <h2 id="rec-h">The record</h2>
        <dl class="record">
          <div>
            <dt>Run id</dt>
            <dd><code data-testid="run-id">${run.id}</code></dd>
          </div>
          <div>
            <dt>Run by</dt>
            <dd>${run.runBy}</dd>
          </div>
          <div>
            <dt>When</dt>
            <dd>${when(run.runAt)}</dd>
          </div>
          <div>
            <dt>attune version</dt>
            <dd>${run.attuneVersion}</dd>
          </div>
          <div>
            <dt>Analysis (recipe)</dt>
            <dd>${recipeName(run.recipe)} · <code>${run.recipe}</code></dd>
          </div>
          <div>
            <dt>Data</dt>
            <dd data-testid="selection">${selectionText(run.selection, run.recipe)}</dd>
          </div>
          <div>
            <dt>Rows (patient × session)</dt>
            <dd data-testid="rows">${run.rows}</dd>
          </div>
          ${
            run.redactions.length
              ? html`<div>
                  <dt>Rows removed after erasure</dt>
                  <dd data-testid="rows-redacted">${rowsRedacted(run.redactions)}</dd>
                </div>`
              : nothing
          }
          <div class="wide">
            <dt>Data fingerprint (sha256 of the CSV analysed)</dt>
            <dd><code class="hash" data-testid="sha256">${run.dataSha256}</code></dd>
          </div>
        </dl>
      </section>
      <section class="card" aria-labelledby="dl-h">
        <h2 id="dl-h">Downloads</h2>
        <ul class="downloads">
          <li><a download href="${base}/report.html?download=1">Report (HTML, with all plots)</a></li>
          <li>
            <a download href="${base}/data.csv"
              >${
                run.redactions.length
                  ? "Data analysed, less the erased patients' rows (tidy CSV; its sha256 is the fingerprint now, above)"
                  : "Data analysed (tidy CSV; its sha256 is the fingerprint above)"
              }</a
            >
          </li>
          <li><a download href="${base}/script.R">R script (lme4 + lmerTest)</a></li>
          <li><a download href="${base}/models.csv">Model data for the R script (CSV)</a></li>
          <li><a download href="${base}/fhir">FHIR Bundle of the selection (JSON)</a></li>
        </ul>
        <p>
          To reproduce every model in R (with the packages lme4 and lmerTest), save the R script and the model
          data in one folder and run there:
        </p>
        <pre class="cmd"><code>Rscript ${scriptName} ${modelsName}</code></pre>
        <p>It refits each model and prints lme4's numbers beside attune's.</p>
        <p>
          <a href="${base}/report.html">Open the full report</a> for every plot, including the 3-D response
          surfaces and the alliance trajectories.
        </p>
      </section>
      ${
        models.length > 1
          ? html`<nav class="card" aria-labelledby="toc-h">
              <h2 id="toc-h">Models in this run</h2>
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
                      — ${modelShort(name)}
                    </li>`,
                )}
              </ul>
            </nav>`
          : nothing
      }
      ${oddsRatioSection(run.results)} ${models.map(([name, m]) => modelSection(run, name, m))}`,
  );
}
