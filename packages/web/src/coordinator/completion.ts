// The completion monitor (/studies/<id>/completion): which forms the schedule made due, which are done,
// declined, late or missed — in total, per site, therapist and patient — and the reminder list with fresh
// patient links.
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import { loadForms, titleMarked, type FormInfo } from "./forms.ts";
import { studyById } from "./study.ts";
import type { Completion, Counts, Reminder } from "./types.ts";
import { deliveryLabel, remindTherapists } from "./delivery.ts";
import { serverOptions } from "../account/options.ts";
import { copyField, errorBox, focusError, pct, when } from "./ui.ts";
import { pageOf, pagerNav } from "../find/pager.ts";
import { completionFilter, matchesForm, matchesPatient, type CompletionFilter } from "./completionFilter.ts";
import { completionText, type CompletionText } from "./completionText.ts";

/** The totals' data-count names (tests and styles read them), in the order of the words' `counts`. */
const COUNT_KEYS = ["due", "done", "declined", "open", "late", "missed", "done rate"];

const countCells = (c: Counts) =>
  html`<td>${c.due}</td>
    <td>${c.done}</td>
    <td>${c.declined}</td>
    <td>${c.open}</td>
    <td>${c.late}</td>
    <td>${c.missed}</td>
    <td>${pct(c.rate)}</td>`;

function countTable(
  w: CompletionText,
  id: string,
  title: string,
  first: string[],
  rows: { cells: string[]; c: Counts }[],
  pager: TemplateResult | typeof nothing = nothing,
) {
  return html`<section class="card" aria-labelledby=${id}>
    <h2 id=${id}>${title}</h2>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby=${id}>
      <table data-testid=${id}>
        <thead>
          <tr>
            ${[...first, ...w.counts].map((f) => html`<th scope="col">${f}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <th scope="row">${r.cells[0]}</th>
                ${r.cells.slice(1).map((c) => html`<td>${c}</td>`)} ${countCells(r.c)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${pager}
  </section>`;
}

/** The completion monitor page. */
export async function completionPage(ctx: StaffContext, id: string, search: URLSearchParams): Promise<void> {
  const [study, forms] = await Promise.all([studyById(ctx, id), loadForms(ctx)]);
  const w = completionText(ctx.lang);
  /** The server's stratum name for staff without a site, in words. */
  const siteLabel = (s: string) => (s === "(no site)" ? w.noSite : s);
  let late = search.get("lateAfterDays") ?? "2";
  let missed = search.get("missedAfterDays") ?? "14";
  let data: Completion;
  let reminders: Reminder[] | null = null;
  /** Whether the server can send (e-mail or SMS), and what the therapists' reminder did. */
  const canSend = await serverOptions().then((o) => o.email || o.sms);
  let therapistNotice = "";
  let error: unknown = null;
  let remindError: unknown = null;
  // "Late only", by site or therapist, a patient's code: the monitor of a whole network is long.
  const filter: CompletionFilter = {
    status: (search.get("status") as CompletionFilter["status"] | null) ?? "all",
    site: search.get("site") ?? "",
    therapist: search.get("therapist") ?? "",
    patient: "",
  };
  let patientsPage = 0;
  let formsPage = 0;

  const load = async () => {
    data = await call<Completion>(
      ctx,
      "GET",
      `/api/studies/${id}/completion?lateAfterDays=${encodeURIComponent(late)}&missedAfterDays=${encodeURIComponent(missed)}`,
    );
  };
  await load();
  ctx.setRefresh(() => void load().then(draw));

  const thresholds = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const l = String(f.get("late") ?? "");
    const m = String(f.get("missed") ?? "");
    error = null;
    try {
      if (!/^\d+$/.test(l) || !/^\d+$/.test(m)) throw new Error(w.wholeDays);
      if (Number(m) < Number(l)) throw new Error(w.order);
      late = l;
      missed = m;
      await load();
      ctx.announce(w.updated);
    } catch (err) {
      error = err;
    }
    draw();
    if (error) focusError(ctx);
  };

  const remind = async (send = false) => {
    remindError = null;
    try {
      const r = await call<{ reminders: Reminder[] }>(ctx, "POST", `/api/studies/${id}/reminders`, {
        lateAfterDays: Number(late),
        missedAfterDays: Number(missed),
        ...(send ? { send: true } : {}),
      });
      reminders = r.reminders;
      const sent = reminders.filter((x) => x.delivery).length;
      ctx.announce(w.made(reminders.length, send ? sent : null));
    } catch (err) {
      remindError = err;
    }
    draw();
    if (remindError) focusError(ctx);
    else ctx.root.querySelector<HTMLElement>("#rem-list-h")?.focus();
  };

  const therapistReminders = async () => {
    remindError = null;
    try {
      therapistNotice = await remindTherapists(ctx, id, {
        lateAfterDays: Number(late),
        missedAfterDays: Number(missed),
      });
      ctx.announce(therapistNotice);
    } catch (err) {
      remindError = err;
    }
    draw();
    if (remindError) focusError(ctx);
  };

  const reminderList = (fs: FormInfo[]): TemplateResult | typeof nothing => {
    if (!reminders) return nothing;
    if (!reminders.length) return html`<p id="rem-list-h" tabindex="-1" class="ok-box">${w.nobody}</p>`;
    return html`<h3 class="rem-list" id="rem-list-h" tabindex="-1">${w.reminders(reminders.length)}</h3>
      <p class="muted small">${w.remindersLead}</p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="rem-list-h">
        <table data-testid="reminders">
          <thead>
            <tr>
              ${w.reminderCols.map((c) => html`<th scope="col">${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${reminders.map(
              (r, i) =>
                html`<tr>
                  <th scope="row">${r.patient}</th>
                  <td>${r.therapist}</td>
                  <td>${siteLabel(r.site)}</td>
                  <td>${r.session}</td>
                  <td class="wrap forms-cell">
                    ${r.forms.map((f, k) => [k ? ", " : "", titleMarked(fs, f, ctx.lang)])}
                  </td>
                  <td><span class="status ${r.status}">${w.status[r.status]}</span></td>
                  <td class="link-cell">
                    ${copyField(ctx, `rem-${i}`, w.linkFor(r.patient, r.session), r.url, true)}
                    <span class="small muted">${w.expires(when(r.expiresAt, ctx.lang))}</span>
                    ${deliveryLabel(r.delivery, ctx.lang)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  };

  function draw(): void {
    const t = data.totals;
    const shownPatients = data.patients.filter((p) => matchesPatient(filter, p));
    const patients = pageOf(shownPatients, patientsPage);
    const shownForms = shownPatients.flatMap((p) =>
      p.forms.filter((f) => f.status !== "upcoming" && matchesForm(filter, f)).map((f) => ({ p, f })),
    );
    const dueForms = pageOf(shownForms, formsPage);
    ctx.shell(
      w.title(study.name),
      html`<div class="coord">
        <p>${ctx.link(`/studies/${id}`, w.back(study.name))}</p>
        <h1 tabindex="-1">${w.heading(study.name)}</h1>
        <p class="lead">${w.lead(late, missed)}</p>
        ${study.schedule.length ? nothing : html`<p class="ok-box">${w.noSchedule}</p>`}
        <section class="card" aria-labelledby="tot-h">
          <h2 id="tot-h">${w.totalH}</h2>
          <dl class="totals" data-testid="totals">
            ${([t.due, t.done, t.declined, t.open, t.late, t.missed, pct(t.rate)] as const).map(
              (v, i) =>
                html`<div>
                  <dt>${w.counts[i]}</dt>
                  <dd data-count=${COUNT_KEYS[i]}>${v}</dd>
                </div>`,
            )}
          </dl>
          ${errorBox(error, w.notChanged)}
          <form class="inline-form" @submit=${thresholds} novalidate>
            <div class="field">
              <label for="late">${w.lateAfter}</label>
              <input id="late" name="late" type="number" min="0" max="365" value=${late} class="short" />
            </div>
            <div class="field">
              <label for="missed">${w.missedAfter}</label>
              <input
                id="missed"
                name="missed"
                type="number"
                min="0"
                max="3650"
                value=${missed}
                class="short"
              />
            </div>
            <button class="secondary" type="submit">${w.update}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="rem-h">
          <h2 id="rem-h">${w.remindH}</h2>
          <p>${w.remindLead}</p>
          ${errorBox(remindError, w.noList)}
          <button class="primary" type="button" @click=${() => void remind()}>${w.makeList}</button>
          ${
            canSend
              ? html`<button class="secondary" type="button" @click=${() => void remind(true)}>
                    ${w.makeSend}
                  </button>
                  <button class="secondary" type="button" @click=${() => void therapistReminders()}>
                    ${w.remindTherapists}
                  </button>`
              : html`<p class="small muted">${w.noEmail}</p>`
          }
          ${therapistNotice ? html`<p class="ok-box" role="status">${therapistNotice}</p>` : nothing}
          ${reminderList(forms)}
        </section>
        ${countTable(
          w,
          "sites-h",
          w.bySite,
          [w.site],
          data.sites.map((s) => ({ cells: [siteLabel(s.site)], c: s.counts })),
        )}
        ${countTable(
          w,
          "ther-h",
          w.byTherapist,
          [w.therapist, w.site],
          data.therapists.map((s) => ({ cells: [s.therapist, siteLabel(s.site)], c: s.counts })),
        )}
        ${completionFilter(
          filter,
          data,
          () => {
            patientsPage = 0;
            formsPage = 0;
            draw();
          },
          ctx.lang,
        )}
        ${countTable(
          w,
          "pat-h",
          w.byPatient,
          [w.patient, w.therapist],
          patients.rows.map((s) => ({ cells: [s.patient, s.therapist], c: s.counts })),
          pagerNav(
            "pat",
            w.patients,
            shownPatients.length,
            patients.page,
            (n) => {
              patientsPage = n;
              draw();
            },
            undefined,
            ctx.lang,
          ),
        )}
        <section class="card" aria-labelledby="forms-h">
          <h2 id="forms-h">${w.formsH}</h2>
          <p class="muted small">${w.formsKey(late, missed)}</p>
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="forms-h">
            <table data-testid="forms">
              <thead>
                <tr>
                  ${w.formCols.map((c) => html`<th scope="col">${c}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${dueForms.rows.map(
                  ({ p, f }) =>
                    html`<tr data-patient=${p.patient}>
                      <th scope="row">${p.patient}</th>
                      <td>${f.session}</td>
                      <td>${titleMarked(forms, f.questionnaire, ctx.lang)}</td>
                      <td>${w.rater[f.rater] ?? f.rater}</td>
                      <td>
                        <span class="status ${f.status}" data-status=${f.status}>${w.status[f.status]}</span>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
          ${shownForms.length ? nothing : html`<p class="muted" data-testid="forms-none">${w.noForm}</p>`}
          ${pagerNav(
            "forms",
            w.forms,
            shownForms.length,
            dueForms.page,
            (n) => {
              formsPage = n;
              draw();
            },
            undefined,
            ctx.lang,
          )}
        </section>
      </div>`,
      true,
    );
  }
  draw();
}
