// The workspace's network rates: of the chosen data (network or study), the shares of patients reliably
// improved, unchanged and reliably deteriorated (Jacobson–Truax, the outcome's own direction) and the
// share of ended episodes that ended as dropout, by arm and by site (GET /api/rates; counts beside shares).
import type { GroupRatesOut, RatesOut } from "@attune/api";
import { html, nothing, type TemplateResult } from "lit-html";
import { api } from "../api.ts";
import { wrap } from "./tableWrap.ts";

/** The rates last shown (by study id, "" = whole network) and the last refusal, kept across redraws. */
const shown = new Map<string, RatesOut>();
let failure = "";

const pct = (v: number | null, n: number) => (v === null ? "—" : `${(100 * v).toFixed(1)}% (${n})`);

function table(id: string, caption: string, groups: readonly GroupRatesOut[]): TemplateResult {
  return html`<h3 id=${id}>${caption}</h3>
    ${wrap(
      id,
      html`<table>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Patients</th>
            <th scope="col">Rated twice</th>
            <th scope="col">Reliably improved</th>
            <th scope="col">No reliable change</th>
            <th scope="col">Reliably deteriorated</th>
            <th scope="col">Ended</th>
            <th scope="col">Dropout</th>
          </tr>
        </thead>
        <tbody>
          ${groups.map(
            (g) =>
              html`<tr>
                <th scope="row">${g.group === "all" ? "All patients" : g.group}</th>
                <td>${g.patients}</td>
                <td>${g.rated}</td>
                <td>${pct(g.improvedRate, g.improved)}</td>
                <td>${pct(g.noChangeRate, g.noChange)}</td>
                <td>${pct(g.deterioratedRate, g.deteriorated)}</td>
                <td>${g.ended}</td>
                <td>${pct(g.dropoutRate, g.dropout)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}`;
}

/**
 * The rates card for the chosen study ("" = the whole network); `redraw` draws the page again.
 *
 * @example
 * html`${ratesCard(choice.study, draw)}`;
 */
export function ratesCard(study: string, redraw: () => void): TemplateResult {
  const r = shown.get(study);
  const load = async () => {
    try {
      shown.set(
        study,
        await api<RatesOut>("GET", `/api/rates${study ? `?study=${encodeURIComponent(study)}` : ""}`),
      );
      failure = "";
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    redraw();
  };
  return html`<section class="card" aria-labelledby="rates-h" data-testid="rates">
    <h2 id="rates-h">Outcome rates</h2>
    <p class="muted small">
      Reliable improvement, no change and deterioration from each patient's first to last rated session
      (Jacobson–Truax), and dropout among the episodes that ended, for the data chosen above.
    </p>
    <button type="button" class="secondary" @click=${load}>Show outcome rates</button>
    ${failure ? html`<p class="error-box" role="alert">${failure}</p>` : nothing}
    ${
      r
        ? html`${table("rates-all", `Overall (${r.outcome}, reliable change beyond ${r.threshold.toFixed(2)} points)`, [r.overall])}
            ${table("rates-arm", "By arm", r.byArm)} ${table("rates-site", "By site", r.bySite)}
            <ul class="muted small">
              ${r.notes.map((n) => html`<li>${n}</li>`)}
            </ul>`
        : nothing
    }
  </section>`;
}
