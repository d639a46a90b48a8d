// A patient's printable progress report (case conferences, supervision): both alliance lines, the outcome
// against its expected band, the sessions, and every alert with its date and what was done (acknowledged
// with the therapist's note, cleared, resolved). Drawn from the same answer and the same charts and table
// as the patient's page, so the report cannot show other figures; the PDF download is the server's
// rendering of that same answer (report.pdf). The therapist is named rather than "you": the report is
// read by others.
import { html, nothing } from "lit-html";
import { progressWords } from "@attune/core/progress";
import { api } from "../api.ts";
import type { TherapistContext } from "./context.ts";
import { dyadCharts } from "./dyadCharts.ts";
import { sessionsTable } from "./sessionsTable.ts";
import type { Dyad } from "./types.ts";
import { forViewer } from "./words.ts";

/**
 * Fetches and draws the progress report of one patient.
 *
 * @example
 * await reportPage(ctx, "ep_123");
 */
export async function reportPage(ctx: TherapistContext, id: string): Promise<void> {
  const d = await api<Dyad>("GET", `/api/dashboard/episodes/${encodeURIComponent(id)}`);
  ctx.setRefresh(() => void reportPage(ctx, id));
  ctx.setRedraw(() => drawReport(ctx, d));
  drawReport(ctx, d);
}

function drawReport(ctx: TherapistContext, d: Dyad): void {
  const { lang, link } = ctx;
  const w = progressWords(lang);
  const t = forViewer(ctx.t, lang, d.therapistName);
  const { alliance, outcome, outcomeName } = dyadCharts(d, t);
  const today = new Date().toISOString().slice(0, 10);
  const pdf = `/api/dashboard/episodes/${encodeURIComponent(d.episodeId)}/report.pdf?lang=${lang}`;
  ctx.shell(
    w.title(d.patientCode),
    html`<div class="report-page">
      <p class="report-tools">
        ${link(`/patients/${d.episodeId}`, w.back(d.patientCode))}
        <button type="button" class="secondary" @click=${() => window.print()}>${w.print}</button>
        <a class="button secondary" href=${pdf} download>${w.pdf}</a>
      </p>
      <h1>${w.title(d.patientCode)}</h1>
      <p class="muted">${w.subtitle(d.therapistName, d.therapistCode, today, outcomeName)}</p>
      <section aria-labelledby="al-h" class="card">
        <h2 id="al-h">${w.allianceH}</h2>
        ${alliance}
      </section>
      <section aria-labelledby="wb-h" class="card">
        <h2 id="wb-h">${w.outcomeH(outcomeName)}</h2>
        ${outcome}
      </section>
      ${sessionsTable(ctx, d, t)}
      <section aria-labelledby="alerts-h" class="card">
        <h2 id="alerts-h">${w.alertsH}</h2>
        ${
          d.alerts.length === 0
            ? html`<p class="muted">${w.noAlerts}</p>`
            : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="alerts-h">
                <table class="report-alerts" data-testid="report-alerts">
                  <thead>
                    <tr>
                      ${w.alertCols.map((c) => html`<th scope="col">${c}</th>`)}
                    </tr>
                  </thead>
                  <tbody>
                    ${d.alerts.map(
                      (a) =>
                        html`<tr class=${a.acknowledged ? "acked" : nothing}>
                          <td>${a.date ?? "—"}</td>
                          <td>${a.session}</td>
                          <th scope="row">${w.kind[a.kind] ?? a.kind}</th>
                          <td>${w.severity[a.severity] ?? a.severity}</td>
                          <td class="wrap">${a.message[lang]}</td>
                          <td class="wrap">${w.done(a, d.alerts)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
        }
      </section>
      <p class="muted small">${w.footer(d.model.source, d.threshold)}</p>
    </div>`,
  );
}
