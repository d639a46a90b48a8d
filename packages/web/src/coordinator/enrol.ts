// Patients of a study on the study page: enrol one (patient code, therapist, first session's day and time →
// its link), and schedule a later session or a new link for the latest one. The session and its link are
// one step on the server (POST /api/episodes/{id}/next-session-link: nothing is stored when it fails); if
// registering the patient or the episode worked and a later step failed, the message says what was stored.
// A session scheduled ahead gets a link that opens on its day.
import { CODE_PATTERN } from "@attune/core/records";
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import type { NextSessionOut } from "@attune/api";
import type { Completion, Link, Randomisations, Study, User } from "./types.ts";
import { copyField, errorBox, focusError, today, when } from "./ui.ts";
import { byText, type FindSpec, type FindState } from "../find/findRows.ts";
import { found } from "../find/findBar.ts";
import type { Lang } from "../lang.ts";
import { enrolText } from "./enrolText.ts";

export interface EnrolView {
  study: Study;
  therapists: User[];
  randomisations: Randomisations;
  completion: Completion;
  /** patientId → the episode in this study and its latest recorded session (from the completion monitor). */
  episodes: Map<string, { episodeId: string; lastSession: number | null }>;
}

export interface EnrolState {
  error: unknown;
  sessionError: unknown;
  /** The latest link made on this page: whom it is for and the link. */
  made: { what: string; link: Pick<Link, "url" | "expiresAt">; opensAt?: string | null; day?: string } | null;
  /** The patients table's search, filters, order and page (find/findRows.ts). */
  find: FindState;
}

type StudyPatient = Completion["patients"][number];

/**
 * The study's patients table: found by patient or therapist code, filtered by therapist, arm and site,
 * ordered by code, therapist, or forms still missing.
 *
 * @example
 * const st: EnrolState = { error: null, sessionError: null, made: null, find: newFind(patientsSpec(new Map())) };
 */
export function patientsSpec(armOf: ReadonlyMap<string, string>, lang: Lang = "en"): FindSpec<StudyPatient> {
  const missing = (p: StudyPatient) => p.counts.open + p.counts.late + p.counts.missed;
  const w = enrolText(lang).find;
  return {
    id: "patients",
    label: w.label,
    search: w.search,
    hint: w.hint,
    text: (p) => [p.patient, p.therapist],
    filters: [
      { key: "therapist", label: w.therapist, any: w.anyTherapist, value: (p) => p.therapist },
      { key: "arm", label: w.arm, any: w.anyArm, value: (p) => armOf.get(p.therapist) ?? "" },
      {
        key: "site",
        label: w.site,
        any: w.anySite,
        value: (p) => p.site,
        name: (v) => (v === "(no site)" ? w.noSite : v),
      },
    ],
    sorts: [
      { key: "patient", label: w.byPatient, compare: byText((p) => p.patient) },
      {
        key: "therapist",
        label: w.byTherapist,
        compare: byText((p) => `${p.therapist} ${p.patient}`),
      },
      { key: "missing", label: w.byMissing, compare: (a, b) => missing(b) - missing(a) },
    ],
    shown: w.shown,
  };
}

const CODE = CODE_PATTERN;

function linkBox(ctx: StaffContext, st: EnrolState): TemplateResult | typeof nothing {
  if (!st.made) return nothing;
  const w = enrolText(ctx.lang);
  return html`<div class="ok-box made">
    <h2 class="h3">${w.ready(st.made.what)}</h2>
    ${copyField(ctx, "patient-link", w.link, st.made.link.url)}
    <p class="small">
      ${w.give(
        st.made.opensAt && Date.parse(st.made.opensAt) > Date.now() ? w.opensOn(st.made.day ?? "") : "",
        when(st.made.link.expiresAt, ctx.lang),
      )}
    </p>
  </div>`;
}

/** The enrolment and sessions sections. */
export function enrolSections(
  ctx: StaffContext,
  v: EnrolView,
  st: EnrolState,
  redraw: () => void,
  reload: () => Promise<void>,
): TemplateResult {
  const w = enrolText(ctx.lang);
  const armOf = new Map(v.randomisations.allocations.map((a) => [a.therapistCode, a.arm]));
  const armName = (code: string | undefined) =>
    code === undefined
      ? w.notAllocated
      : w.armOf(code, v.study.arms.find((a) => a.code === code)?.name ?? "");

  const enrol = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const code = String(f.get("patient-code") ?? "").trim();
    const therapistId = String(f.get("therapist") ?? "");
    const date = String(f.get("first-date") ?? "");
    const time = String(f.get("first-time") ?? "");
    st.error = null;
    let done = "";
    try {
      if (!CODE.test(code)) throw new Error(w.badCode);
      const t = v.therapists.find((x) => x.id === therapistId);
      if (!t) throw new Error(w.chooseTherapist);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(w.firstDate);
      const p = await call<{ id: string }>(ctx, "POST", "/api/patients", {
        code,
        ...(t.siteId ? { siteId: t.siteId } : {}),
      });
      done = w.registered(code);
      const ep = await call<{ id: string }>(ctx, "POST", "/api/episodes", {
        patientId: p.id,
        therapistId: t.id,
        studyId: v.study.id,
      });
      done += w.enrolledWith(t.code);
      const m = await call<NextSessionOut>(ctx, "POST", `/api/episodes/${ep.id}/next-session-link`, {
        date,
        ...(time ? { time } : {}),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      st.made = {
        what: w.enrolled(code, t.code, armName(armOf.get(t.code)), date, time),
        link: m,
        opensAt: m.opensAt,
        day: date,
      };
      form.reset();
      ctx.announce(w.enrolledNote(code));
    } catch (err) {
      st.error = done ? Object.assign(err as object, { stored: `${done}.` }) : err;
    }
    await reload();
    if (st.error) focusError(ctx);
    else ctx.root.querySelector<HTMLInputElement>("#patient-link")?.focus();
  };

  const patients = v.completion.patients;
  // The latest session: due forms name every scheduled session; the episode's own sessions add the
  // unscheduled ones (imports).
  const sessionOf = (patientId: string) => {
    const nums =
      v.completion.patients.find((p) => p.patientId === patientId)?.forms.map((x) => x.session) ?? [];
    const rated = v.episodes.get(patientId)?.lastSession;
    if (rated !== null && rated !== undefined) nums.push(rated);
    return nums.length ? Math.max(...nums) : null;
  };

  const session = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const action = (e.submitter as HTMLButtonElement | null)?.value ?? "next";
    const patientId = String(f.get("session-patient") ?? "");
    const date = String(f.get("session-date") ?? "");
    const time = String(f.get("session-time") ?? "");
    const p = patients.find((x) => x.patientId === patientId);
    st.sessionError = null;
    try {
      const episodeId = v.episodes.get(patientId)?.episodeId;
      if (!p || !episodeId) throw new Error(w.choosePatient);
      if (action === "next" && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(w.sessionDate);
      // One step on the server: the next session and its link, or (again) a new link for the latest session.
      const m = await call<NextSessionOut>(ctx, "POST", `/api/episodes/${episodeId}/next-session-link`, {
        ...(action === "next" ? { date, ...(time ? { time } : {}) } : { reuse: true }),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      const target = { number: m.number, date: m.date, time: m.time };
      st.made = {
        what: w.sessionMade(p.patient, target.number, target.date ?? null, target.time ?? null),
        link: m,
        opensAt: m.opensAt,
        day: m.date ?? "",
      };
      ctx.announce(w.sessionNote(p.patient, target.number));
    } catch (err) {
      st.sessionError = err;
    }
    await reload();
    if (st.sessionError) focusError(ctx);
    else ctx.root.querySelector<HTMLInputElement>("#patient-link")?.focus();
  };
  const table = found(patients, patientsSpec(armOf, ctx.lang), st.find, redraw, ctx.lang);

  const stored = (st.error as { stored?: string } | null)?.stored;
  return html`<section class="card" aria-labelledby="enrol-h">
      <h2 id="enrol-h">${w.enrolH}</h2>
      <p class="muted">${w.enrolLead}</p>
      ${errorBox(st.error, stored ? w.thenStopped(stored) : w.notEnrolled)}
      <form class="stack-form" @submit=${enrol} novalidate>
        <div class="field">
          <label for="patient-code">${w.patientCode}</label>
          <input
            id="patient-code"
            name="patient-code"
            type="text"
            class="short"
            maxlength="64"
            autocomplete="off"
          />
        </div>
        <div class="field">
          <label for="therapist">${w.therapist}</label>
          <select id="therapist" name="therapist">
            <option value="">${w.choose}</option>
            ${v.therapists.map((t) => html`<option value=${t.id}>${t.code} — ${armName(armOf.get(t.code))}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="first-date">${w.firstDateLabel}</label>
          <input id="first-date" name="first-date" type="date" value=${today()} />
        </div>
        <div class="field">
          <label for="first-time">${w.firstTimeLabel}</label>
          <input id="first-time" name="first-time" type="time" />
        </div>
        <button class="primary" type="submit">${w.enrolButton}</button>
      </form>
    </section>
    ${linkBox(ctx, st)}
    <section class="card" aria-labelledby="pat-h">
      <h2 id="pat-h">${w.patientsH}</h2>
      ${
        patients.length
          ? html`${table.bar} ${table.count}
              <div class="table-wrap" tabindex="0" role="region" aria-labelledby="pat-h">
                <table>
                  <thead>
                    <tr>
                      ${w.cols.map((c) => html`<th scope="col">${c}</th>`)}
                    </tr>
                  </thead>
                  <tbody>
                    ${table.rows.map(
                      (p) =>
                        html`<tr>
                          <th scope="row">${p.patient}</th>
                          <td>${p.therapist}</td>
                          <td>${armOf.get(p.therapist) ?? "—"}</td>
                          <td>${p.site === "(no site)" ? w.noSite : p.site}</td>
                          <td>${sessionOf(p.patientId) ?? "—"}</td>
                          <td>${p.counts.done} / ${p.counts.due}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              ${table.pager} ${errorBox(st.sessionError, w.noLink)}
              <form class="inline-form" @submit=${session} novalidate>
                <div class="field">
                  <label for="session-patient">${w.patient}</label>
                  <select id="session-patient" name="session-patient">
                    ${patients.map((p) => html`<option value=${p.patientId}>${p.patient} (${p.therapist})</option>`)}
                  </select>
                </div>
                <div class="field">
                  <label for="session-date">${w.nextDate}</label>
                  <input id="session-date" name="session-date" type="date" value=${today()} />
                </div>
                <div class="field">
                  <label for="session-time">${w.time}</label>
                  <input id="session-time" name="session-time" type="time" />
                </div>
                <button class="primary" type="submit" value="next">${w.next}</button>
                <button class="secondary" type="submit" value="again">${w.again}</button>
              </form>`
          : html`<p class="muted">${w.nonePatients}</p>`
      }
    </section>`;
}
