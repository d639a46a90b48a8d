// The completion monitor (/studies/<id>/completion): which forms the schedule made due, which are done,
// declined, late or missed — in total, per site, therapist and patient — and the reminder list with fresh
// patient links.
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import { loadForms, titleOf, type FormInfo } from "./forms.ts";
import { studyById } from "./study.ts";
import type { Completion, Counts, Reminder, Status } from "./types.ts";
import { deliveryLabel, remindTherapists } from "./delivery.ts";
import { serverOptions } from "../account/options.ts";
import { copyField, errorBox, focusError, pct, when } from "./ui.ts";
import { pageOf, pagerNav } from "../find/pager.ts";
import { completionFilter, matchesForm, matchesPatient, type CompletionFilter } from "./completionFilter.ts";

const STATUS: Record<Status, string> = {
  done: "done",
  declined: "declined by the patient",
  open: "open",
  late: "late",
  missed: "missed",
  upcoming: "upcoming",
};

/** The server's stratum name for staff without a site, in words. */
const siteLabel = (s: string) => (s === "(no site)" ? "no site" : s);

const countCells = (c: Counts) =>
  html`<td>${c.due}</td>
    <td>${c.done}</td>
    <td>${c.declined}</td>
    <td>${c.open}</td>
    <td>${c.late}</td>
    <td>${c.missed}</td>
    <td>${pct(c.rate)}</td>`;

const countHeads = html`<th scope="col">Due</th>
  <th scope="col">Done</th>
  <th scope="col">Declined</th>
  <th scope="col">Open</th>
  <th scope="col">Late</th>
  <th scope="col">Missed</th>
  <th scope="col">Done rate</th>`;

function countTable(
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
            ${first.map((f) => html`<th scope="col">${f}</th>`)} ${countHeads}
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
      if (!/^\d+$/.test(l) || !/^\d+$/.test(m)) throw new Error("Both thresholds are whole numbers of days.");
      if (Number(m) < Number(l)) throw new Error("“Missed after” must be at least “late after”.");
      late = l;
      missed = m;
      await load();
      ctx.announce("Completion updated.");
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
      ctx.announce(
        `${reminders.length} reminder${reminders.length === 1 ? "" : "s"} with fresh links` +
          (send ? `; ${sent} sent to the patients.` : "."),
      );
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
    if (!reminders.length)
      return html`<p id="rem-list-h" tabindex="-1" class="ok-box">
        No patient form is open or late: nobody needs a reminder now.
      </p>`;
    return html`<h3 class="rem-list" id="rem-list-h" tabindex="-1">
        ${reminders.length} reminder${reminders.length === 1 ? "" : "s"}
      </h3>
      <p class="muted small">
        Send each link to its patient. Every press of the button makes new links, shown only here: they cannot
        be shown again later.
      </p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="rem-list-h">
        <table data-testid="reminders">
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Therapist</th>
              <th scope="col">Site</th>
              <th scope="col">Session</th>
              <th scope="col">Forms</th>
              <th scope="col">Status</th>
              <th scope="col">Link (expires)</th>
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
                  <td class="wrap forms-cell">${r.forms.map((f) => titleOf(fs, f)).join(", ")}</td>
                  <td><span class="status ${r.status}">${r.status}</span></td>
                  <td class="link-cell">
                    ${copyField(ctx, `rem-${i}`, `Link for ${r.patient}, session ${r.session}`, r.url, true)}
                    <span class="small muted">expires ${when(r.expiresAt)}</span>
                    ${deliveryLabel(r.delivery)}
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
      `Completion — ${study.name}`,
      html`<div class="coord">
        <p>${ctx.link(`/studies/${id}`, `← Study ${study.name}`)}</p>
        <h1 tabindex="-1">Completion monitor: ${study.name}</h1>
        <p class="lead">
          Which forms the measurement schedule has made due so far, and which came back. A form is
          <strong>late</strong> when it is still unanswered ${late} days after its session (worth a reminder)
          and <strong>missed</strong> after ${missed} days. Patients appear by their codes only.
        </p>
        ${
          study.schedule.length
            ? nothing
            : html`<p class="ok-box">
                This study has no measurement schedule (studies made by an import have none), so no form is
                ever due and there is nothing to remind anyone of.
              </p>`
        }
        <section class="card" aria-labelledby="tot-h">
          <h2 id="tot-h">In total</h2>
          <dl class="totals" data-testid="totals">
            ${(
              [
                ["Due", t.due],
                ["Done", t.done],
                ["Declined", t.declined],
                ["Open", t.open],
                ["Late", t.late],
                ["Missed", t.missed],
                ["Done rate", pct(t.rate)],
              ] as const
            ).map(
              ([k, v]) =>
                html`<div>
                  <dt>${k}</dt>
                  <dd data-count=${k.toLowerCase()}>${v}</dd>
                </div>`,
            )}
          </dl>
          ${errorBox(error, "The thresholds were not changed.")}
          <form class="inline-form" @submit=${thresholds} novalidate>
            <div class="field">
              <label for="late">Late after (days)</label>
              <input id="late" name="late" type="number" min="0" max="365" value=${late} class="short" />
            </div>
            <div class="field">
              <label for="missed">Missed after (days)</label>
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
            <button class="secondary" type="submit">Update</button>
          </form>
        </section>
        <section class="card" aria-labelledby="rem-h">
          <h2 id="rem-h">Needs a reminder</h2>
          <p>
            Lists every session whose patient forms are open or late, each with a new one-time link for
            exactly those forms, ready to send to the patient.
          </p>
          ${errorBox(remindError, "No reminder list was made.")}
          <button class="primary" type="button" @click=${() => void remind()}>Make the reminder list</button>
          ${
            canSend
              ? html`<button class="secondary" type="button" @click=${() => void remind(true)}>
                    Make and send the reminders
                  </button>
                  <button class="secondary" type="button" @click=${() => void therapistReminders()}>
                    Remind therapists of their ratings
                  </button>`
              : html`<p class="small muted">
                  E-mail is not configured on this server: send the links yourself.
                </p>`
          }
          ${therapistNotice ? html`<p class="ok-box" role="status">${therapistNotice}</p>` : nothing}
          ${reminderList(forms)}
        </section>
        ${countTable(
          "sites-h",
          "By site",
          ["Site"],
          data.sites.map((s) => ({ cells: [siteLabel(s.site)], c: s.counts })),
        )}
        ${countTable(
          "ther-h",
          "By therapist",
          ["Therapist", "Site"],
          data.therapists.map((s) => ({ cells: [s.therapist, siteLabel(s.site)], c: s.counts })),
        )}
        ${completionFilter(filter, data, () => {
          patientsPage = 0;
          formsPage = 0;
          draw();
        })}
        ${countTable(
          "pat-h",
          "By patient",
          ["Patient", "Therapist"],
          patients.rows.map((s) => ({ cells: [s.patient, s.therapist], c: s.counts })),
          pagerNav("pat", "Patients", shownPatients.length, patients.page, (n) => {
            patientsPage = n;
            draw();
          }),
        )}
        <section class="card" aria-labelledby="forms-h">
          <h2 id="forms-h">Each due form</h2>
          <p class="muted small">
            <strong>open</strong>: due, not late yet · <strong>late</strong>: still unanswered after ${late}
            days · <strong>missed</strong>: unanswered after ${missed} days · <strong>declined</strong>: the
            patient chose not to answer it. Forms of sessions still to come are not listed.
          </p>
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="forms-h">
            <table data-testid="forms">
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">Session</th>
                  <th scope="col">Form</th>
                  <th scope="col">Answered by</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                ${dueForms.rows.map(
                  ({ p, f }) =>
                    html`<tr data-patient=${p.patient}>
                      <th scope="row">${p.patient}</th>
                      <td>${f.session}</td>
                      <td>${titleOf(forms, f.questionnaire)}</td>
                      <td>${f.rater}</td>
                      <td>
                        <span class="status ${f.status}" data-status=${f.status}>${STATUS[f.status]}</span>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
          ${
            shownForms.length
              ? nothing
              : html`<p class="muted" data-testid="forms-none">No due form matches the filter.</p>`
          }
          ${pagerNav("forms", "Forms", shownForms.length, dueForms.page, (n) => {
            formsPage = n;
            draw();
          })}
        </section>
      </div>`,
    );
  }
  draw();
}
