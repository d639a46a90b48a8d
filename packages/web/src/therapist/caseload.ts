// The caseload: the therapist's patients (all of them for a coordinator), most urgent first, each with its
// alerts, whether the therapist's rating is due and the last session's numbers.
import { html, nothing } from "lit-html";
import { api } from "../api.ts";
import type { TherapistContext } from "./context.ts";
import { outcomeLabel } from "./outcomeLabel.ts";
import type { Caseload } from "./types.ts";
import { findWords, forViewer, scheduleWords } from "./words.ts";
import { dayText, localDay } from "./nextSession.ts";
import type { Lang } from "../i18n.ts";
import { byText, newFind, type FindSpec, type FindState } from "../find/findRows.ts";
import { found } from "../find/findBar.ts";

type Patient = Caseload["patients"][number];

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

/** What the caseload can be found by: the shared search, filter and order mechanism (find/). */
function caseloadSpec(lang: Lang): FindSpec<Patient> {
  const w = findWords(lang);
  return {
    id: "find",
    label: w.table,
    search: w.search,
    hint: w.searchHint,
    text: (p) => [p.patientCode, p.therapistCode],
    filters: [
      {
        key: "attention",
        label: w.attention,
        any: "",
        check: "yes",
        value: (p) => (p.alerts.length > 0 ? "yes" : "no"),
      },
    ],
    // The server sends the most urgent first; a stable sort that keeps every pair keeps that order.
    sorts: [
      { key: "urgent", label: w.urgent, compare: () => 0 },
      { key: "code", label: w.code, compare: byText((p: Patient) => p.patientCode) },
    ],
    shown: w.shown,
  };
}

/** What the caseload is narrowed to (kept while live answers and the language switch redraw it). */
const find: FindState = newFind(caseloadSpec("en"));

function drawCaseload(ctx: TherapistContext, c: Caseload): void {
  const { num, me, link } = ctx;
  const f = found(c.patients, caseloadSpec(ctx.lang), find, () => drawCaseload(ctx, c), ctx.lang);
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
  const rows = f.rows.map(
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
      ${f.bar} ${f.count}
      <ul class="caseload" aria-label=${t.caseload.listLabel}>
        ${rows}
      </ul>
      ${f.pager}
      <p class="muted small">
        ${t.caseload.model} ${note ?? html`<span lang="en">${c.model.note}</span>`}.
      </p>`,
  );
}
