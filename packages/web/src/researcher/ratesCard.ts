// The workspace's network rates: of the chosen data (network or study), the shares of patients reliably
// improved, unchanged and reliably deteriorated (Jacobson–Truax, the outcome's own direction) and the
// share of ended episodes that ended as dropout, by arm and by site (GET /api/rates; counts beside shares).
import type { GroupRatesOut, RatesOut } from "@attune/api";
import { html, nothing, type TemplateResult } from "lit-html";
import { api } from "../api.ts";
import type { Lang } from "../lang.ts";
import { dataTable } from "./dataTable.ts";
import { formats } from "./format.ts";
import { workspaceWords } from "./workspaceWords.ts";

/** The rates last shown (by study id, "" = whole network) and the last refusal, kept across redraws. */
const shown = new Map<string, RatesOut>();
let failure = "";

function table(id: string, caption: string, groups: readonly GroupRatesOut[], lang: Lang): TemplateResult {
  const w = workspaceWords(lang);
  const f = formats(lang);
  const cells: ((g: GroupRatesOut) => unknown)[] = [
    (g) => (g.group === "all" ? w.allPatients : g.group),
    (g) => g.patients,
    (g) => g.rated,
    (g) => f.pct(g.improvedRate, g.improved),
    (g) => f.pct(g.noChangeRate, g.noChange),
    (g) => f.pct(g.deterioratedRate, g.deteriorated),
    (g) => g.ended,
    (g) => f.pct(g.dropoutRate, g.dropout),
  ];
  return html`<h3 id=${id}>${caption}</h3>
    ${dataTable({
      labelledBy: id,
      cls: "",
      rows: groups,
      columns: w.rateCols.map((label, i) => ({ label, cell: cells[i] ?? (() => "") })),
    })}`;
}

/**
 * The rates card for the chosen study ("" = the whole network); `redraw` draws the page again.
 *
 * @example
 * html`${ratesCard(choice.study, draw, "en")}`;
 */
export function ratesCard(study: string, redraw: () => void, lang: Lang): TemplateResult {
  const w = workspaceWords(lang);
  const r = shown.get(study);
  const load = async () => {
    try {
      shown.set(
        study,
        await api<RatesOut>("GET", study ? `/api/rates?study=${encodeURIComponent(study)}` : "/api/rates"),
      );
      failure = "";
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    redraw();
  };
  return html`<section class="card" aria-labelledby="rates-h" data-testid="rates">
    <h2 id="rates-h">${w.ratesH}</h2>
    <p class="muted small">${w.ratesLead}</p>
    <button type="button" class="secondary" @click=${load}>${w.showRates}</button>
    ${failure ? html`<p class="error-box" role="alert" lang=${lang === "en" ? nothing : "en"}>${failure}</p>` : nothing}
    ${
      r
        ? html`${table("rates-all", w.overall(r.outcome, formats(lang).num(r.threshold, 2)), [r.overall], lang)}
            ${table("rates-arm", w.byArm, r.byArm, lang)} ${table("rates-site", w.bySite, r.bySite, lang)}
            <ul class="muted small" lang=${lang === "en" ? nothing : "en"}>
              ${r.notes.map((n) => html`<li>${n}</li>`)}
            </ul>`
        : nothing
    }
  </section>`;
}
