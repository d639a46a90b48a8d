// The caseload: the therapist's patients (all of them for a coordinator), most urgent first, each with its
// alerts, whether the therapist's rating is due and the last session's numbers.
import { html, nothing } from "lit-html";
import { api } from "../api.ts";
import type { TherapistContext } from "./context.ts";
import { outcomeLabel } from "./outcomeLabel.ts";
import type { Caseload } from "./types.ts";
import { findWords, forViewer, scheduleWords } from "./words.ts";
import { dayText, localDay } from "./nextSession.ts";

/**
 * Fetches and draws the caseload; a new answer redraws it.
 *
 * @example
 * await caseloadPage(ctx);
 */
export async function caseloadPage(ctx: TherapistContext): Promise<void> {
  const c = await api<Caseload>("GET", "/api/dashboard/caseload");
  ctx.setRefresh(() => void caseloadPage(ctx));
  ctx.setRedraw(() => drawCaseload(ctx, c));
  drawCaseload(ctx, c);
}

/** What the caseload is narrowed to (kept while live answers redraw it). */
const find = { text: "", attention: false, order: "urgent" as "urgent" | "code" };

/** The patients the search, filter and order leave, in that order. */
function found(c: Caseload): Caseload["patients"] {
  const q = find.text.trim().toLowerCase();
  const rows = c.patients.filter(
    (p) =>
      (!q || p.patientCode.toLowerCase().includes(q) || p.therapistCode.toLowerCase().includes(q)) &&
      (!find.attention || p.alerts.length > 0),
  );
  return find.order === "code" ? [...rows].sort((a, b) => a.patientCode.localeCompare(b.patientCode)) : rows;
}

function drawCaseload(ctx: TherapistContext, c: Caseload): void {
  const { num, me, link } = ctx;
  const w = findWords(ctx.lang);
  const shown = found(c);
  const redraw = () => drawCaseload(ctx, c);
  // A coordinator's view: the numbers and the due rating are the therapist's, not "yours".
  const t = forViewer(ctx.t, ctx.lang, me.role === "therapist" ? null : (c.therapist?.name ?? ""));
  const need = c.patients.filter((p) => p.alerts.length > 0).length;
  const sw = scheduleWords(ctx.lang);
  // Sessions from the therapist's own today on (the server sends from yesterday in UTC).
  const today = localDay(new Date());
  const soon = c.patients
    .filter((p) => p.next && p.next.date >= today)
    .sort((a, b) =>
      `${a.next!.date} ${a.next!.time ?? ""}`.localeCompare(`${b.next!.date} ${b.next!.time ?? ""}`),
    );
  const rows = shown.map(
    (p) =>
      html`<li
        class="case ${p.alerts.some((a) => a.severity === "high") ? "urgent" : p.alerts.length ? "watch" : ""}"
      >
        <div class="case-main">
          ${link(`/patients/${p.episodeId}`, html`${t.caseload.patient} <strong>${p.patientCode}</strong>`, "case-link")}
          <span class="muted"
            >${me.role === "therapist" ? "" : `${p.therapistCode} · `}${t.caseload.session(
              p.lastSession === null ? "—" : String(p.lastSession),
            )}</span
          >
        </div>
        <div class="badges">
          ${p.alerts.map((a) => html`<span class="badge ${a.kind} ${a.severity}">${t.kind[a.kind] ?? a.kind}</span>`)}
          ${p.awaitingTherapist ? html`<span class="badge todo">${t.caseload.due}</span>` : nothing}
          ${
            p.next && p.next.date >= today
              ? html`<span class="badge next">${sw.next(dayText(p.next.date, ctx.lang, p.next.time))}</span>`
              : nothing
          }
        </div>
        <dl class="nums">
          <div>
            <dt>${t.caseload.patientAlliance}</dt>
            <dd>${num.fmt(p.last?.alliancePatient)}</dd>
          </div>
          <div>
            <dt>${t.caseload.yourAlliance}</dt>
            <dd>${num.fmt(p.last?.allianceTherapist)}</dd>
          </div>
          <div>
            <dt>${outcomeLabel(c.outcome, t.patient)}</dt>
            <dd>${num.fmt(p.last?.outcome)}</dd>
          </div>
        </dl>
      </li>`,
  );
  const note = c.model.source === "network" ? t.caseload.note(c.model.note) : t.caseload.builtIn;
  ctx.shell(
    t.caseload.title,
    html`<h1>${c.therapist ? t.caseload.of(c.therapist.name) : t.caseload.all}</h1>
      <p class="lead">${t.caseload.lead(c.patients.length, need)}</p>
      ${
        soon.length
          ? html`<section class="card upcoming" aria-labelledby="soon-h">
              <h2 id="soon-h">${sw.upcomingH}</h2>
              <ul aria-label=${sw.upcomingLabel}>
                ${soon.map(
                  (p) =>
                    html`<li>
                      <strong>${dayText(p.next!.date, ctx.lang, p.next!.time)}</strong> ·
                      ${link(`/patients/${p.episodeId}`, sw.item(p.patientCode, p.next!.session))}
                    </li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
      <form class="find" role="search" @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="find-text">${w.search}</label>
          <input
            id="find-text"
            type="search"
            placeholder=${w.searchHint}
            .value=${find.text}
            @input=${(e: Event) => ((find.text = (e.target as HTMLInputElement).value), redraw())}
          />
        </div>
        <label class="check"
          ><input
            type="checkbox"
            .checked=${find.attention}
            @change=${(e: Event) => ((find.attention = (e.target as HTMLInputElement).checked), redraw())}
          />
          ${w.attention}</label
        >
        <div class="field">
          <label for="find-order">${w.sort}</label>
          <select
            id="find-order"
            @change=${(e: Event) => ((find.order = (e.target as HTMLSelectElement).value as "urgent" | "code"), redraw())}
          >
            <option value="urgent" ?selected=${find.order === "urgent"}>${w.urgent}</option>
            <option value="code" ?selected=${find.order === "code"}>${w.code}</option>
          </select>
        </div>
      </form>
      <p class="muted small" role="status" data-testid="found">${w.shown(shown.length, c.patients.length)}</p>
      <ul class="caseload" aria-label=${t.caseload.listLabel}>
        ${rows}
      </ul>
      <p class="muted small">
        ${t.caseload.model} ${note ?? html`<span lang="en">${c.model.note}</span>`}.
      </p>`,
  );
}
