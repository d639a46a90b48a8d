// The table of a dyad's sessions (number and date): both alliance ratings, the gap, well-being with its expected band and the
// alerts of each session (the charts' numbers for those who read tables or screen readers).
import { html, nothing, type TemplateResult } from "lit-html";
import type { TherapistContext } from "./context.ts";
import type { Dyad } from "./types.ts";
import type { StaffText } from "../staffText.ts";

/**
 * The sessions card of a patient's page (`t`: the words for who looks, see forViewer).
 *
 * @example
 * html`${sessionsTable(ctx, dyad)}`;
 */
export function sessionsTable(ctx: TherapistContext, d: Dyad, t: StaffText = ctx.t): TemplateResult {
  const num = ctx.num;
  const tp = t.patient;
  return html`<section aria-labelledby="tab-h" class="card">
    <h2 id="tab-h">${tp.sessions}</h2>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="tab-h">
      <table class="sessions">
        <thead>
          <tr>
            ${tp.cols.map((c) => html`<th scope="col">${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${d.series.map((s) => {
            const b = d.band.find((x) => x.session === s.session);
            const g = d.congruence.find((c) => c.session === s.session);
            return html`<tr>
              <th scope="row">
                ${s.session}${s.date ? html`<span class="date muted small">${s.date}</span>` : nothing}
              </th>
              <td>${num.fmt(s.alliancePatient)}</td>
              <td>${num.fmt(s.allianceTherapist)}</td>
              <td>${num.signed(g?.gap ?? null)}</td>
              <td>${num.fmt(s.outcome)}</td>
              <td>${b ? `${num.fmt(b.lower)}–${num.fmt(b.upper)}` : "—"}</td>
              <td class="wrap">
                ${d.alerts
                  .filter((a) => a.session === s.session)
                  .map((a) => t.kind[a.kind] ?? a.kind)
                  .join(", ")}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </section>`;
}
