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
import type { Lang } from "../lang.ts";
import { recordsText } from "./recordsText.ts";

function patientsSpec(sites: Site[], lang: Lang): FindSpec<PatientOut> {
  const w = recordsText(lang).find;
  return {
    id: "records",
    label: w.label,
    search: w.search,
    hint: w.hint,
    text: (p) => [p.code],
    filters: [
      {
        key: "site",
        label: w.site,
        any: w.anySite,
        value: (p) => p.siteId ?? "",
        name: (v) => sites.find((s) => s.id === v)?.name ?? w.noSite,
      },
    ],
    sorts: [{ key: "code", label: w.byCode, compare: byText((p) => p.code) }],
  };
}

/** The list of patients (/patient-records). */
export async function patientRecordsPage(ctx: StaffContext): Promise<void> {
  const [{ patients }, { sites }] = await Promise.all([
    call<{ patients: PatientOut[] }>(ctx, "GET", "/api/patients"),
    call<{ sites: Site[] }>(ctx, "GET", "/api/sites"),
  ]);
  ctx.setRefresh(null);
  const spec = patientsSpec(sites, ctx.lang);
  const find = newFind(spec);
  const w = recordsText(ctx.lang);
  const draw = () => {
    const list = found(patients, spec, find, draw, ctx.lang);
    ctx.shell(
      w.title,
      html`<div class="coord">
        <h1 tabindex="-1">${w.title}</h1>
        <p class="lead">${w.lead(ctx.link("/audit", w.audit))}</p>
        <section class="card" aria-labelledby="records-h">
          <h2 id="records-h">${w.patients}</h2>
          ${list.bar} ${list.count}
          <ul class="plain-list" aria-labelledby="records-h">
            ${list.rows.map((p) => html`<li>${ctx.link(`/patient-records/${p.id}`, w.patient(p.code))}</li>`)}
          </ul>
          ${list.pager}
        </section>
      </div>`,
      true,
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
  const w = recordsText(ctx.lang);
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
      st.saved = w.saved;
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
      if (typed !== patient.code) throw new Error(w.typeExactly(patient.code, typed));
      if (reason.length < 3) throw new Error(w.sayWhy);
      st.erased = await call<ErasureOut>(ctx, "POST", `/api/patients/${encodeURIComponent(id)}/erasure`, {
        reason,
      });
      ctx.announce(w.erasedNote(patient.code));
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
        w.erasedTitle(patient.code),
        html`<div class="coord">
          <h1 tabindex="-1" id="erased-h">${w.erasedH(patient.code)}</h1>
          <p class="ok-box" data-testid="erased">${w.removed(r)}</p>
          <p>${ctx.link("/patient-records", w.backToList)}</p>
        </div>`,
        true,
      );
      return;
    }
    ctx.shell(
      w.patient(patient.code),
      html`<div class="coord">
        <p>${ctx.link("/patient-records", w.back)}</p>
        <h1 tabindex="-1">${w.patient(patient.code)}</h1>
        <section class="card" aria-labelledby="contact-h">
          <h2 id="contact-h">${w.contactH}</h2>
          <p class="muted">${w.contactLead}</p>
          ${st.saved ? html`<p class="ok-box">${st.saved}</p>` : nothing}
          ${errorBox(st.contactError, w.notSaved)}
          <form class="stack-form" @submit=${save} novalidate>
            ${field("c-name", w.name, c?.name ?? null)}
            ${field("c-email", w.email, c?.email ?? null, "email")}
            ${field("c-phone", w.phone, c?.phone ?? null)}
            <div class="field">
              <label for="c-language">${w.language}</label>
              <select id="c-language" name="c-language">
                <option value="en" ?selected=${c?.language !== "fr"}>${w.english}</option>
                <option value="fr" ?selected=${c?.language === "fr"}>${w.french}</option>
              </select>
            </div>
            <button class="primary" type="submit">${w.save}</button>
          </form>
        </section>
        <section class="card danger" aria-labelledby="erase-h">
          <h2 id="erase-h">${w.eraseH}</h2>
          <p>${w.eraseLead}</p>
          ${errorBox(st.eraseError, w.notErased)}
          <form class="stack-form" @submit=${erase} novalidate>
            <div class="field">
              <label for="e-reason">${w.why}</label>
              <input id="e-reason" name="e-reason" type="text" maxlength="500" autocomplete="off" />
            </div>
            <div class="field">
              <label for="e-confirm">${w.confirm(patient.code)}</label>
              <input
                id="e-confirm"
                name="e-confirm"
                type="text"
                class="short"
                maxlength="64"
                autocomplete="off"
              />
            </div>
            <button class="danger-btn" type="submit">${w.erase(patient.code)}</button>
          </form>
        </section>
      </div>`,
      true,
    );
  }
  draw();
}
