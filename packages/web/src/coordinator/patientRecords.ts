// A patient's identifying record, for coordinators: the list of patients (found by code or site), and one
// patient's page (/patient-records/<id>) with their contact details and message language to edit, and the
// erasure a patient may ask for — typed confirmation, a reason, then the report of what was removed.
// Opening a patient's page reads their contact details, which the server records in the audit log.
import { html, nothing, type TemplateResult } from "lit-html";
import type { ContactOut, ErasureOut, PatientOut } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { byText, newFind, type FindSpec } from "../find/findRows.ts";
import { found } from "../find/findBar.ts";
import { ApiProblem, call } from "./http.ts";
import type { Site } from "./types.ts";
import { errorBox, focusError } from "./ui.ts";

function patientsSpec(sites: Site[]): FindSpec<PatientOut> {
  return {
    id: "records",
    label: "Patients",
    search: "Find a patient",
    hint: "patient code",
    text: (p) => [p.code],
    filters: [
      {
        key: "site",
        label: "Site",
        any: "Every site",
        value: (p) => p.siteId ?? "",
        name: (v) => sites.find((s) => s.id === v)?.name ?? "No site",
      },
    ],
    sorts: [{ key: "code", label: "Code", compare: byText((p) => p.code) }],
  };
}

/** The list of patients (/patient-records). */
export async function patientRecordsPage(ctx: StaffContext): Promise<void> {
  const [{ patients }, { sites }] = await Promise.all([
    call<{ patients: PatientOut[] }>(ctx, "GET", "/api/patients"),
    call<{ sites: Site[] }>(ctx, "GET", "/api/sites"),
  ]);
  ctx.setRefresh(null);
  const spec = patientsSpec(sites);
  const find = newFind(spec);
  const draw = () => {
    const list = found(patients, spec, find, draw);
    ctx.shell(
      "Patient records",
      html`<div class="coord">
        <h1 tabindex="-1">Patient records</h1>
        <p class="lead">
          Each patient's contact details (kept apart from their pseudonymous code, and only coordinators see
          them) and the erasure a patient may ask for. Every look at contact details is recorded in the
          ${ctx.link("/audit", "audit log")}.
        </p>
        <section class="card" aria-labelledby="records-h">
          <h2 id="records-h">Patients</h2>
          ${list.bar} ${list.count}
          <ul class="plain-list" aria-labelledby="records-h">
            ${list.rows.map((p) => html`<li>${ctx.link(`/patient-records/${p.id}`, `Patient ${p.code}`)}</li>`)}
          </ul>
          ${list.pager}
        </section>
      </div>`,
    );
  };
  draw();
}

interface RecordState {
  contact: ContactOut | null;
  saved: string;
  contactError: unknown;
  eraseError: unknown;
  erased: ErasureOut | null;
}

/** One patient's record (/patient-records/<id>). */
export async function patientRecordPage(ctx: StaffContext, id: string): Promise<void> {
  const patient = await call<PatientOut>(ctx, "GET", `/api/patients/${encodeURIComponent(id)}`);
  const st: RecordState = { contact: null, saved: "", contactError: null, eraseError: null, erased: null };
  try {
    st.contact = await call<ContactOut>(ctx, "GET", `/api/patients/${encodeURIComponent(id)}/contact`);
  } catch (err) {
    // No contact details yet: the form starts empty.
    if (!(err instanceof ApiProblem && err.status === 404)) throw err;
  }
  ctx.setRefresh(null);

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(f.get(k) ?? "").trim();
    st.contactError = null;
    st.saved = "";
    try {
      const language = get("c-language");
      st.contact = await call<ContactOut>(ctx, "PUT", `/api/patients/${encodeURIComponent(id)}/contact`, {
        name: get("c-name") || null,
        email: get("c-email") || null,
        phone: get("c-phone") || null,
        language: language === "en" || language === "fr" ? language : null,
      });
      st.saved = "Contact details saved.";
      ctx.announce(st.saved);
    } catch (err) {
      st.contactError = err;
    }
    draw();
    if (st.contactError) focusError(ctx);
  };

  const erase = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const typed = String(f.get("e-confirm") ?? "").trim();
    const reason = String(f.get("e-reason") ?? "").trim();
    st.eraseError = null;
    try {
      if (typed !== patient.code)
        throw new Error(
          `To confirm, type the patient's code exactly: ${patient.code} (you typed "${typed}").`,
        );
      if (reason.length < 3)
        throw new Error("Say why, in a few words (for example: the patient asked on 3 May).");
      st.erased = await call<ErasureOut>(ctx, "POST", `/api/patients/${encodeURIComponent(id)}/erasure`, {
        reason,
      });
      ctx.announce(`Patient ${patient.code} was erased.`);
    } catch (err) {
      st.eraseError = err;
    }
    draw();
    if (st.eraseError) focusError(ctx);
    else ctx.root.querySelector<HTMLElement>("#erased-h")?.focus();
  };

  const field = (
    key: string,
    label: string,
    value: string | null,
    type = "text",
    extra: TemplateResult | typeof nothing = nothing,
  ) =>
    html`<div class="field">
      <label for=${key}>${label}</label>
      <input id=${key} name=${key} type=${type} maxlength="200" autocomplete="off" .value=${value ?? ""} />
      ${extra}
    </div>`;

  function draw(): void {
    const c = st.contact;
    if (st.erased) {
      const r = st.erased;
      ctx.shell(
        `Patient ${patient.code} erased`,
        html`<div class="coord">
          <h1 tabindex="-1" id="erased-h">Patient ${patient.code} was erased</h1>
          <p class="ok-box" data-testid="erased">
            Removed: ${r.responses} answers, ${r.sessions} sessions, ${r.episodes} courses of therapy and the
            contact details; ${r.runsRedacted} recorded analysis run${r.runsRedacted === 1 ? "" : "s"} had
            their rows removed. The audit log keeps that it happened, not what was removed.
          </p>
          <p>${ctx.link("/patient-records", "Back to the patient records")}</p>
        </div>`,
      );
      return;
    }
    ctx.shell(
      `Patient ${patient.code}`,
      html`<div class="coord">
        <p>${ctx.link("/patient-records", "← Patient records")}</p>
        <h1 tabindex="-1">Patient ${patient.code}</h1>
        <section class="card" aria-labelledby="contact-h">
          <h2 id="contact-h">Contact details</h2>
          <p class="muted">
            Used only to send the patient their links and reminders (e-mail first, else SMS). Leave a field
            empty to remove it.
          </p>
          ${st.saved ? html`<p class="ok-box">${st.saved}</p>` : nothing}
          ${errorBox(st.contactError, "The contact details were not saved.")}
          <form class="stack-form" @submit=${save} novalidate>
            ${field("c-name", "Name", c?.name ?? null)}
            ${field("c-email", "E-mail", c?.email ?? null, "email")}
            ${field("c-phone", "Mobile phone (for SMS)", c?.phone ?? null)}
            <div class="field">
              <label for="c-language">Language of their messages</label>
              <select id="c-language" name="c-language">
                <option value="en" ?selected=${c?.language !== "fr"}>English</option>
                <option value="fr" ?selected=${c?.language === "fr"}>French (français)</option>
              </select>
            </div>
            <button class="primary" type="submit">Save the contact details</button>
          </form>
        </section>
        <section class="card danger" aria-labelledby="erase-h">
          <h2 id="erase-h">Erase this patient</h2>
          <p>
            When a patient asks to be forgotten: their answers, sessions, courses of therapy, links and
            contact details are deleted, and their rows are removed from recorded analysis runs.
            <strong>This cannot be undone.</strong>
          </p>
          ${errorBox(st.eraseError, "Nothing was erased.")}
          <form class="stack-form" @submit=${erase} novalidate>
            <div class="field">
              <label for="e-reason">Why (kept in the erasure record)</label>
              <input id="e-reason" name="e-reason" type="text" maxlength="500" autocomplete="off" />
            </div>
            <div class="field">
              <label for="e-confirm">Type the patient's code, ${patient.code}, to confirm</label>
              <input
                id="e-confirm"
                name="e-confirm"
                type="text"
                class="short"
                maxlength="64"
                autocomplete="off"
              />
            </div>
            <button class="danger-btn" type="submit">Erase patient ${patient.code}</button>
          </form>
        </section>
      </div>`,
    );
  }
  draw();
}
