// One run at /runs/<id>: its record (who, when, version, selection, rows, data hash), every model's tables
// and the recipe's headline quantities, plots, and the downloads that reproduce it in R.
import { explain } from "../help/explain.ts";
import { html, nothing, type TemplateResult } from "lit-html";
import { api } from "../api.ts";
import type { StaffContext } from "../context.ts";
import { ci, CRIT_DECIMALS, dfText, num, pval, rowsRedacted, when } from "./format.ts";
import { glmmFixefTable, oddsRatioSection } from "./glmmParts.ts";
import { wrap } from "./tableWrap.ts";
import { intervalPlot, surfaceLines } from "./plots.ts";
import { modelCaption, modelShort, recipeName, selectionText } from "./text.ts";
import type { Derived, ModelSummary, Quantity, Run, Surface } from "./types.ts";

const SURFACE_MEANING: Record<keyof Surface, string> = {
  a1: "slope along the line of agreement: do higher ratings by both go with better next-session well-being?",
  a2: "curvature along the line of agreement",
  a3: "slope along the line of disagreement: is it better when the therapist rates higher than the patient (positive) or lower (negative)?",
  a4: "curvature along the line of disagreement: negative means agreement itself goes with better well-being",
  a5: "X² − Y² asymmetry of the curvature",
};

function fixefTable(name: string, m: ModelSummary, d: Derived | undefined): TemplateResult {
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

function randomTable(name: string, m: ModelSummary): TemplateResult {
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

function quantityTable(name: string, qs: Quantity[]): TemplateResult {
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

function congruenceLead(qs: Quantity[]): TemplateResult | typeof nothing {
  const bias = qs.find((q) => q.label.startsWith("directional bias"));
  const force = qs.find((q) => q.label.startsWith("truth force,"));
  if (!bias || !force) return nothing;
  return html`<p class="plain">
    In plain words (${bias.label.replace("directional bias, ", "")}): at an average patient rating, therapists
    rate the alliance
    <strong>${num(Math.abs(bias.estimate), 2)} points ${bias.estimate < 0 ? "lower" : "higher"}</strong> than
    their patients (directional bias ${num(bias.estimate)}); when a patient's rating is 1 point higher, the
    therapist's is on average <strong>${num(force.estimate, 2)} points</strong> higher (truth force
    ${num(force.estimate)}; 1 would be perfect tracking, 0 none).
  </p>`;
}

function surfaceTable(name: string, s: Surface): TemplateResult {
  const id = `s-${name}`;
  return html`<h3 id=${id}>Response-surface parameters</h3>
    ${explain("surface", "en")}
    ${wrap(
      id,
      html`<table class="num" data-testid="surface-${name}">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Estimate</th>
            <th scope="col">SE</th>
            <th scope="col">z</th>
            <th scope="col">p</th>
            <th scope="col" class="text">Meaning</th>
          </tr>
        </thead>
        <tbody>
          ${(["a1", "a2", "a3", "a4", "a5"] as const).map(
            (k) =>
              html`<tr>
                <th scope="row">${k}</th>
                <td>${num(s[k].estimate)}</td>
                <td>${num(s[k].se)}</td>
                <td>${num(s[k].z, 2)}</td>
                <td>${pval(s[k].p)}</td>
                <td class="wrap">${SURFACE_MEANING[k]}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}
    <p class="muted small">
      a1 = b1 + b2, a2 = b3 + b4 + b5, a3 = b1 − b2, a4 = b3 − b4 + b5, a5 = b3 − b5 from the fixed effects X,
      Y, X2, XY, Y2; delta-method SEs and z tests.
    </p>
    <h3>The surface along the lines of agreement and disagreement</h3>
    <p class="plain">
      In plain words: if agreement itself went with better well-being, the dashed curve would bend down on
      both sides of 0 (a4 negative). Here a4 = ${num(s.a4.estimate)} (p
      ${pval(s.a4.p).startsWith("<") ? pval(s.a4.p) : `= ${pval(s.a4.p)}`}); along the line of agreement, a1 =
      ${num(s.a1.estimate)} (p ${pval(s.a1.p).startsWith("<") ? pval(s.a1.p) : `= ${pval(s.a1.p)}`}).
    </p>
    ${surfaceLines({
      id: `plot-${name}`,
      title: `Response surface of ${name} along the lines of agreement and disagreement`,
      surface: s,
    })}
    <p class="muted small">
      Predicted change in next-session well-being compared with both rating the alliance at the centre: solid,
      both ratings s points from it (agreement); dashed, the therapist's s above and the patient's s below
      (disagreement; negative s: the patient rates higher). The full 3-D surface and its contours are in the
      report.
    </p>`;
}

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
    ${surface ? surfaceTable(name, surface) : nothing}
    ${m.family ? glmmFixefTable(name, m, d) : fixefTable(name, m, d)} ${randomTable(name, m)}
    ${(d?.units ?? []).map((u, i) => unitsPlot(name, i, u))}
  </section>`;
}

function unitsPlot(name: string, i: number, u: Derived["units"][number]): TemplateResult {
  const sorted = [...u.units].sort((a, b) => a.estimate - b.estimate);
  // Sorted codes, so the reference arm (first) has the same colour in every plot.
  const arms = [...new Set(sorted.map((x) => x.arm ?? ""))].sort();
  const lo = sorted[0];
  const hi = sorted.at(-1);
  return html`<div>
    <h3>Each therapist's ${u.label}</h3>
    ${intervalPlot({
      id: `units-${name}-${i}`,
      title: `Each therapist's ${u.label}, lowest to highest, with 95% intervals`,
      desc: `${sorted.length} therapists${lo && hi ? `, from ${lo.unit} (${num(lo.estimate, 2)}) to ${hi.unit} (${num(hi.estimate, 2)})` : ""}.`,
      rows: sorted.map((x) => ({
        label: `${x.unit}${x.arm !== null ? ` (arm ${x.arm})` : ""}`,
        estimate: x.estimate,
        lower: x.lower,
        upper: x.upper,
        cls: arms.indexOf(x.arm ?? "") === 0 ? "arm-a" : "arm-b",
      })),
      xLabel: `${u.label} (fixed part of the arm + the therapist's own deviation)`,
      labelWidth: 130,
    })}
    <p class="muted small">
      ${arms.length > 1 ? `Blue: arm ${arms[0]}; orange: arm ${arms.slice(1).join(", ")}. ` : ""}Intervals
      from the conditional SD (as lme4's condVar). Therapists by code.
    </p>
  </div>`;
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
