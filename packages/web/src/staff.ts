// Staff pages: sign-in, the caseload (most urgent first), one patient (both alliance lines with rupture
// markers, congruence, well-being with its expected band, alerts with why and what to do, the
// therapist's own post-session rating, the next session's patient link) and the attunement profile.
// New patient answers arrive by server-sent events and redraw the page without a reload. The therapist's
// pages speak English or French (header switch, remembered per browser; words in staffText.ts); the other
// roles' sections stay English and are marked lang="en".
import { html, nothing, render, type TemplateResult } from "lit-html";
import { api, HttpError, setCsrf } from "./api.ts";
import { lineChart } from "./charts.ts";
import type { Questionnaire } from "./patient/model.ts";
import { loadTherapistForms, newRating, ratingForm, type RatingState } from "./therapistRating.ts";
import type { Me, StaffContext, StaffSection } from "./context.ts";
import { coordinatorSection } from "./coordinator.ts";
import { researcherSection } from "./researcher.ts";
import { coderSection } from "./coder.ts";
import type { Lang } from "./i18n.ts";
import { numbers, setStaffLang, staffLang, staffText, type StaffText } from "./staffText.ts";

/** Pages of the other staff roles, each in its own module: nav entries and a router of their own. */
const SECTIONS: StaffSection[] = [coordinatorSection, researcherSection, coderSection];

interface Point {
  sessionId: string;
  session: number;
  date?: string;
  alliancePatient: number | null;
  allianceTherapist: number | null;
  outcome: number | null;
}
interface Alert {
  kind: string;
  session: number;
  date?: string;
  clearedSession?: number;
  clearedDate?: string;
  acknowledged?: { at: string; by: string };
  severity: string;
  why: Record<string, number | string | boolean | null>;
  message: { en: string; fr: string };
  suggestion: { en: string; fr: string };
  evidence: string;
}
interface CaseRow {
  episodeId: string;
  patientCode: string;
  therapistCode: string;
  lastSession: number | null;
  last: Point | null;
  gap: number | null;
  direction: string | null;
  awaitingTherapist: boolean;
  alerts: Alert[];
}
interface Caseload {
  therapist: { code: string; name: string } | null;
  model: { source: string; note: string };
  patients: CaseRow[];
}
interface Dyad {
  episodeId: string;
  forms: { patient: string[]; therapist: string[] };
  patientCode: string;
  therapistCode: string;
  series: Point[];
  congruence: {
    session: number;
    gap: number | null;
    direction: string | null;
    patient: number | null;
    therapist: number | null;
  }[];
  trend: { label: string | null; gapSlope: number | null };
  alerts: Alert[];
  openAlerts: Alert[];
  band: { session: number; mean: number; lower: number; upper: number }[];
  /** The network's outcome (absent from an older server: well-being). */
  outcome?: { id: string; higherIsBetter: boolean };
  model: { source: string; note: string };
  threshold: number;
}
interface Estimate {
  estimate: number;
  lower: number;
  upper: number;
}
interface Attunement {
  me: {
    therapist: string;
    directionalBias: Estimate;
    truthForce: Estimate;
    temporalCongruence: Estimate | null;
    sessions: number;
    describes?: { session: number; patientRating: number };
    observed?: {
      from: number;
      to: number;
      sessions: number;
      therapistHigher: number;
      patientHigher: number;
      meanGap: number;
    } | null;
  } | null;
  network: {
    therapist: string;
    directionalBias: Estimate;
    truthForce: Estimate;
    temporalCongruence: Estimate | null;
  }[];
}

/** The words and number writers of the language chosen now (the header switch changes it). */
let lang: Lang = staffLang();
let t: StaffText = staffText(lang);
let num = numbers(lang);

function gapText(gap: number | null, direction: string | null): string {
  if (gap === null) return t.patient.gapNone;
  if (direction === "agree") return t.patient.gapAgree(num.signed(gap));
  return direction === "therapist-higher"
    ? t.patient.gapYou(num.fmt(Math.abs(gap)))
    : t.patient.gapPatient(num.fmt(Math.abs(gap)));
}

/** An alert's "why" key in words: the language's label, else the key spelled out ("dropFromMean"). */
const whyLabel = (k: string) => t.whyLabel[k] ?? k.replace(/([A-Z])/g, " $1").toLowerCase();
const whyValue = (v: number | string | boolean) =>
  typeof v === "number" ? num.short(v) : (t.whyValue[String(v)] ?? String(v));

export function staffApp(root: HTMLElement): void {
  let me: Me | null = null;
  let events: EventSource | null = null;
  let refresh: (() => void) | null = null;
  let live = "";
  /** The therapist's rating in progress (kept while live updates redraw the page). */
  let rating: RatingState | null = null;
  /** A confirmation shown on the current page until the next navigation (survives live refreshes). */
  let flash = "";
  /** Redraws the current page in a new language (the sign-in page has no route to re-run). */
  let redrawPage: () => void | Promise<void> = () => route();

  const go = (path: string) => {
    history.pushState(null, "", path);
    void route();
  };
  const link = (path: string, text: string | TemplateResult, cls = "") =>
    html`<a
      class=${cls}
      href=${path}
      @click=${(e: MouseEvent) => {
        if (e.metaKey || e.ctrlKey) return;
        e.preventDefault();
        go(path);
      }}
      >${text}</a
    >`;

  const switchLang = (l: Lang) => {
    if (l === lang) return;
    lang = l;
    t = staffText(l);
    num = numbers(l);
    setStaffLang(l);
    // Signed in: the choice goes with the account, so it follows them to another browser.
    if (me) void api("PUT", "/api/auth/me/language", { language: l }).catch(() => undefined);
    // Keep the keyboard where it was: a re-run route would move focus to the heading.
    void Promise.resolve(redrawPage()).then(() =>
      root.querySelector<HTMLElement>(`.staff-lang [lang="${l}"]`)?.focus(),
    );
  };
  const langSwitch = () =>
    html`<div class="lang staff-lang" role="group" aria-label=${t.language}>
      ${(["en", "fr"] as const).map(
        (l) =>
          html`<button
            type="button"
            class="chip"
            lang=${l}
            aria-pressed=${String(lang === l)}
            @click=${() => switchLang(l)}
          >
            ${l === "en" ? "English" : "Français"}
          </button>`,
      )}
    </div>`;

  /** Draws a page; `english` marks a section page whose words are English whatever the switch says. */
  function shell(title: string, body: TemplateResult, english = false): void {
    document.title = `${title}${t.suffix}`;
    document.documentElement.lang = lang;
    const en = english && lang !== "en" ? "en" : nothing;
    render(
      html`<header class="top">
          <a class="brand" href="/" @click=${(e: Event) => (e.preventDefault(), go("/"))}>attune</a>
          <div class="top-end">
            ${
              me
                ? html`<nav aria-label=${t.nav.label}>
                    ${me.role === "therapist" || me.role === "coordinator" ? link("/patients", t.nav.caseload) : nothing}
                    ${me.role === "therapist" ? link("/attunement", t.nav.attunement) : nothing}
                    ${sectionsOf(me).flatMap((s) =>
                      s
                        .nav(me!)
                        .map(([path, label]) =>
                          link(path, html`<span lang=${lang === "en" ? nothing : "en"}>${label}</span>`),
                        ),
                    )}
                    <span class="who">${me.displayName}</span>
                    <button class="chip" type="button" @click=${signOut}>${t.nav.signOut}</button>
                  </nav>`
                : nothing
            }
            ${langSwitch()}
          </div>
        </header>
        <main id="main" tabindex="-1" lang=${en}>${body}</main>
        <div class="sr-only" role="status" aria-live="polite" .textContent=${live}></div>`,
      root,
    );
  }

  async function signOut(): Promise<void> {
    await api("POST", "/api/auth/logout").catch(() => undefined);
    me = null;
    setCsrf(null);
    events?.close();
    events = null;
    go("/");
  }

  function listen(): void {
    // Only the roles with dashboards get answer notifications (the stream is 403 for the others).
    if (events || (me?.role !== "therapist" && me?.role !== "coordinator")) return;
    events = new EventSource("/api/dashboard/events");
    events.addEventListener("response", (ev) => {
      const d = JSON.parse((ev as MessageEvent<string>).data) as { episodeId: string; rater: string };
      live = t.live(d.rater);
      refresh?.();
    });
  }

  function signInPage(error: unknown = null): void {
    const submit = async (e: SubmitEvent) => {
      e.preventDefault();
      const f = new FormData(e.target as HTMLFormElement);
      try {
        me = await api<Me>("POST", "/api/auth/login", { email: f.get("email"), password: f.get("password") });
        setCsrf(me.csrfToken);
        adoptLanguage(me);
        listen();
        void route();
      } catch (err) {
        signInPage(err);
        root.querySelector<HTMLInputElement>("#email")?.focus();
      }
    };
    refresh = null;
    redrawPage = () => signInPage(error);
    // The server's refusal is English; in French the usual one (wrong email or password) is said in French.
    const message =
      error === null
        ? ""
        : error instanceof HttpError && error.status === 401 && t.signIn.wrong
          ? t.signIn.wrong
          : error instanceof Error
            ? error.message
            : String(error);
    shell(
      t.signIn.title,
      html`<section class="narrow card signin">
        <h1>${t.signIn.title}</h1>
        <p class="muted">${t.signIn.lead}</p>
        ${message ? html`<p class="error-box" role="alert">${message}</p>` : nothing}
        <form @submit=${submit}>
          <label for="email">${t.signIn.email}</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
          <label for="password">${t.signIn.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button class="primary big" type="submit">${t.signIn.button}</button>
        </form>
      </section>`,
    );
  }

  async function caseloadPage(): Promise<void> {
    const c = await api<Caseload>("GET", "/api/dashboard/caseload");
    const need = c.patients.filter((p) => p.alerts.length > 0).length;
    const rows = c.patients.map(
      (p) =>
        html`<li
          class="case ${p.alerts.some((a) => a.severity === "high") ? "urgent" : p.alerts.length ? "watch" : ""}"
        >
          <div class="case-main">
            ${link(`/patients/${p.episodeId}`, html`${t.caseload.patient} <strong>${p.patientCode}</strong>`, "case-link")}
            <span class="muted"
              >${me?.role === "therapist" ? "" : `${p.therapistCode} · `}${t.caseload.session(
                p.lastSession === null ? "—" : String(p.lastSession),
              )}</span
            >
          </div>
          <div class="badges">
            ${p.alerts.map((a) => html`<span class="badge ${a.kind} ${a.severity}">${t.kind[a.kind] ?? a.kind}</span>`)}
            ${p.awaitingTherapist ? html`<span class="badge todo">${t.caseload.due}</span>` : nothing}
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
              <dt>${t.caseload.wellbeing}</dt>
              <dd>${num.fmt(p.last?.outcome)}</dd>
            </div>
          </dl>
        </li>`,
    );
    refresh = () => void caseloadPage();
    const note = c.model.source === "network" ? t.caseload.note(c.model.note) : t.caseload.builtIn;
    shell(
      t.caseload.title,
      html`<h1>${c.therapist ? t.caseload.of(c.therapist.name) : t.caseload.all}</h1>
        <p class="lead">${t.caseload.lead(c.patients.length, need)}</p>
        <ul class="caseload" aria-label=${t.caseload.listLabel}>
          ${rows}
        </ul>
        <p class="muted small">
          ${t.caseload.model} ${note ?? html`<span lang="en">${c.model.note}</span>`}.
        </p>`,
    );
  }

  /** Records the therapist's acknowledgement of an alert and redraws the page. */
  async function acknowledge(episodeId: string, a: Alert): Promise<void> {
    await api("POST", `/api/dashboard/episodes/${encodeURIComponent(episodeId)}/acknowledgements`, {
      kind: a.kind,
      session: a.session,
    });
    flash = t.alert.acknowledgedNow;
    live = t.alert.acknowledgedNow;
    await episodePage(episodeId);
  }

  function alertCard(a: Alert, episodeId?: string): TemplateResult {
    const why = Object.entries(a.why).flatMap(([k, v]) =>
      v === null
        ? []
        : [
            html`<li>
              <span>${whyLabel(k)}</span>
              <b>${whyValue(v)}</b>
            </li>`,
          ],
    );
    return html`<article class="alert ${a.kind} ${a.severity}">
      <h3>
        ${t.kind[a.kind] ?? a.kind}
        <span class="muted"
          >· ${t.alert.session(a.session)}${a.date ? ` ${t.alert.dated(a.date)}` : ""} ·
          ${t.severity[a.severity] ?? a.severity}</span
        >
      </h3>
      <p>${a.message[lang]}</p>
      ${
        a.clearedSession !== undefined
          ? html`<p class="ok-box" data-testid="cleared">
              ${t.alert.cleared(a.clearedSession, a.clearedDate ?? "")}
            </p>`
          : nothing
      }
      ${
        a.acknowledged
          ? html`<p class="muted" data-testid="acknowledged">
              ${t.alert.acknowledged(a.acknowledged.at.slice(0, 10))}
            </p>`
          : episodeId && me?.role === "therapist"
            ? html`<p>
                <button
                  type="button"
                  class="secondary"
                  aria-label=${t.alert.acknowledgeLabel(t.kind[a.kind] ?? a.kind, a.session)}
                  @click=${() => void acknowledge(episodeId, a)}
                >
                  ${t.alert.acknowledge}
                </button>
              </p>`
            : nothing
      }
      <p><strong>${t.alert.helps}</strong> ${a.suggestion[lang]}</p>
      <details>
        <summary>${t.alert.why}</summary>
        <ul class="why">
          ${why}
        </ul>
        <p class="muted small" lang=${lang === "en" ? nothing : "en"}>${a.evidence}</p>
      </details>
    </article>`;
  }

  async function episodePage(id: string): Promise<void> {
    const d = await api<Dyad>("GET", `/api/dashboard/episodes/${encodeURIComponent(id)}`);
    const toRate = [...d.series].reverse().find((s) => s.allianceTherapist === null);
    const forms = me?.role === "therapist" && toRate ? await loadTherapistForms(d.forms.therapist) : [];
    if (toRate && rating?.sessionId !== toRate.sessionId) rating = newRating(toRate.sessionId);
    refresh = () => void episodePage(id);
    redrawPage = () => drawEpisode(d, forms, toRate);
    drawEpisode(d, forms, toRate);
  }

  /** Draws a patient's page from loaded data (typing in the rating form redraws without refetching). */
  function drawEpisode(d: Dyad, forms: Questionnaire[], toRate: Point | undefined): void {
    const notice = flash;
    const tp = t.patient;
    const lastS = d.series.at(-1);
    const xMax = Math.max(lastS?.session ?? 1, ...d.band.map((b) => b.session));
    const ruptures = d.alerts.filter((a) => a.kind === "rupture");
    const cong = d.congruence.at(-1);
    const alliance = lineChart({
      id: "alliance",
      title: tp.allianceTitle(d.patientCode),
      desc: tp.allianceDesc(ruptures.map((r) => r.session).join(", ")),
      xMax,
      lines: [
        {
          label: tp.patientView,
          cls: "patient",
          points: d.series.map((s) => ({ x: s.session, y: s.alliancePatient })),
        },
        {
          label: tp.yourView,
          cls: "therapist",
          dashed: true,
          points: d.series.map((s) => ({ x: s.session, y: s.allianceTherapist })),
        },
      ],
      markers: ruptures.map((r) => ({ x: r.session, label: tp.rupture, cls: "rupture" })),
    });
    // The network's outcome: well-being, or an instrument such as PHQ-9 (named, with its direction).
    const outcomeName =
      !d.outcome || d.outcome.id === "wellbeing"
        ? tp.wellbeing
        : `${d.outcome.id.toUpperCase()} (${d.outcome.higherIsBetter ? "↑" : "↓"} ${tp.better})`;
    const outcome = lineChart({
      id: "outcome",
      title: tp.outcomeTitle(d.patientCode),
      desc: tp.outcomeDesc,
      xMax,
      lines: [
        {
          label: outcomeName,
          cls: "outcome",
          points: d.series.map((s) => ({ x: s.session, y: s.outcome })),
        },
      ],
      band: { label: tp.expected, points: d.band.map((b) => ({ x: b.session, ...b })) },
    });
    shell(
      tp.title(d.patientCode),
      html`<p>${link("/patients", tp.back)}</p>
        <h1>${tp.title(d.patientCode)}</h1>
        ${notice ? html`<p class="ok-box" role="status">${notice}</p>` : nothing}
        <section aria-labelledby="now-h" class="card">
          <h2 id="now-h">${tp.before}</h2>
          ${
            d.openAlerts.length
              ? d.openAlerts.map((a) => alertCard(a, d.episodeId))
              : html`<p class="muted">${tp.noAlerts}</p>`
          }
          ${d.alerts
            .filter((a) => a.kind === "not-on-track" && a.clearedSession !== undefined)
            .slice(-1)
            .map((a) => alertCard(a))}
          <p class="congruence" data-testid="congruence">
            ${tp.congruence(cong ? String(cong.session) : "—")}
            <strong>${gapText(cong?.gap ?? null, cong?.direction ?? null)}</strong
            >${d.trend.label ? tp.trend(tp.trendLabel[d.trend.label] ?? d.trend.label) : nothing}
          </p>
        </section>
        <div class="grid2">
          <section aria-labelledby="al-h" class="card">
            <h2 id="al-h">${tp.allianceH}</h2>
            ${alliance}
          </section>
          <section aria-labelledby="wb-h" class="card">
            <h2 id="wb-h">${outcomeName === tp.wellbeing ? tp.wellbeingH : outcomeName}</h2>
            ${outcome}
          </section>
        </div>
        ${
          me?.role === "therapist" && toRate && rating
            ? ratingForm({
                forms,
                session: toRate,
                state: rating,
                root,
                lang,
                redraw: () => drawEpisode(d, forms, toRate),
                saved: (message) => {
                  flash = message;
                  rating = null;
                  void episodePage(d.episodeId);
                },
              })
            : nothing
        }
        ${me?.role === "therapist" ? nextSession(d) : nothing}
        <section aria-labelledby="tab-h" class="card">
          <h2 id="tab-h">${tp.sessions}</h2>
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="tab-h">
            <table>
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
                    <th scope="row">${s.session}</th>
                    <td>${num.fmt(s.alliancePatient)}</td>
                    <td>${num.fmt(s.allianceTherapist)}</td>
                    <td>${num.signed(g?.gap ?? null)}</td>
                    <td>${num.fmt(s.outcome)}</td>
                    <td>${b ? `${num.fmt(b.lower)}–${num.fmt(b.upper)}` : "—"}</td>
                    <td>
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
        </section>`,
    );
  }

  function nextSession(d: Dyad): TemplateResult {
    const make = async () => {
      const n = (d.series.at(-1)?.session ?? 0) + 1;
      const s = await api<{ id: string }>("POST", `/api/episodes/${d.episodeId}/sessions`, {
        number: n,
        date: new Date().toISOString().slice(0, 10),
      });
      // The patient's forms of this episode's study schedule (the demo forms without one).
      const l = await api<{ url: string }>("POST", `/api/sessions/${s.id}/links`, { forms: d.forms.patient });
      const out = root.querySelector<HTMLOutputElement>("#link-out");
      if (out) out.value = l.url;
      live = t.patient.linkMade(n);
    };
    return html`<section aria-labelledby="next-h" class="card">
      <h2 id="next-h">${t.patient.nextH}</h2>
      <p class="muted">${t.patient.nextLead}</p>
      <button type="button" class="secondary" @click=${make}>${t.patient.nextButton}</button>
      <p><output id="link-out" class="link-out" aria-live="polite"></output></p>
    </section>`;
  }

  async function attunementPage(): Promise<void> {
    const a = await api<Attunement>("GET", "/api/dashboard/attunement");
    refresh = null;
    redrawPage = () => drawAttunement(a);
    drawAttunement(a);
  }

  function drawAttunement(a: Attunement): void {
    const ta = t.attunement;
    const spread = (f: (x: Attunement["network"][number]) => number, d: number) => {
      const v = a.network
        .map(f)
        .filter(Number.isFinite)
        .sort((x, y) => x - y);
      return v.length
        ? ta.network(
            num.fmt(v[0], d),
            num.fmt(v.at(-1), d),
            num.fmt(v[Math.floor(v.length / 2)], d),
            v.length,
          )
        : "";
    };
    shell(
      ta.title,
      html`<h1>${ta.title}</h1>
        <p class="lead">${ta.lead}</p>
        ${
          a.me
            ? html`<div class="grid2">
                <section class="card" aria-labelledby="bias-h">
                  <h2 id="bias-h">${ta.biasH}</h2>
                  <p class="big-num">
                    ${num.signed(a.me.directionalBias.estimate)} <span class="muted">${ta.points}</span>
                  </p>
                  <p data-testid="bias-headline">
                    ${a.me.describes ? ta.at(a.me.describes.session, num.fmt(a.me.describes.patientRating)) : nothing}
                    ${a.me.directionalBias.estimate >= 0 ? ta.higher : ta.lower}
                    ${ta.interval(num.fmt(a.me.directionalBias.lower, 1), num.fmt(a.me.directionalBias.upper, 1))}
                  </p>
                  ${
                    a.me.observed
                      ? html`<p data-testid="bias-observed">
                          ${ta.observed(
                            a.me.observed.from,
                            a.me.observed.to,
                            a.me.observed.sessions,
                            a.me.observed.therapistHigher,
                            a.me.observed.patientHigher,
                            num.signed(a.me.observed.meanGap),
                          )}
                        </p>`
                      : nothing
                  }
                  <p class="muted">
                    ${ta.ideal(num.fmt(0))} ${spread((x) => x.directionalBias.estimate, 1)}.
                  </p>
                </section>
                ${
                  a.me.temporalCongruence
                    ? html`<section class="card" aria-labelledby="tc-h">
                        <h2 id="tc-h">${ta.tcH}</h2>
                        <p class="big-num">${num.fmt(a.me.temporalCongruence.estimate, 2)}</p>
                        <p>
                          ${ta.tc(
                            num.fmt(a.me.temporalCongruence.estimate * 10, 1),
                            num.fmt(a.me.temporalCongruence.lower, 2),
                            num.fmt(a.me.temporalCongruence.upper, 2),
                          )}
                        </p>
                        <p class="muted">
                          ${ta.ideal(num.fmt(1))}
                          ${spread((x) => x.temporalCongruence?.estimate ?? Number.NaN, 2)}.
                        </p>
                      </section>`
                    : nothing
                }
                <section class="card" aria-labelledby="tf-h">
                  <h2 id="tf-h">${ta.tfH}</h2>
                  <p class="big-num">${num.fmt(a.me.truthForce.estimate, 2)}</p>
                  <p>
                    ${ta.tf(
                      num.fmt(a.me.truthForce.estimate * 10, 1),
                      num.fmt(a.me.truthForce.lower, 2),
                      num.fmt(a.me.truthForce.upper, 2),
                    )}
                  </p>
                  <p class="muted">${ta.ideal(num.fmt(1))} ${spread((x) => x.truthForce.estimate, 2)}.</p>
                </section>
              </div>`
            : html`<p>${ta.none}</p>`
        }`,
    );
  }

  const sectionsOf = (m: Me) => SECTIONS.filter((s) => s.roles.includes(m.role));
  const context = (m: Me): StaffContext => ({
    root,
    me: m,
    go,
    link,
    // The other roles' pages are English only: said so to screen readers when the switch is on French.
    shell: (title, body) => shell(title, body, true),
    setRefresh: (r) => {
      refresh = r;
    },
    announce: (message) => {
      live = message;
      const region = root.querySelector<HTMLElement>('[role="status"][aria-live]');
      if (region) region.textContent = message;
    },
  });

  /** The account's language wins over this browser's; a first sign-in keeps the language in use now. */
  function adoptLanguage(m: Me): void {
    if (m.language && m.language !== lang) {
      lang = m.language;
      t = staffText(lang);
      num = numbers(lang);
      setStaffLang(lang);
    } else if (!m.language)
      void api("PUT", "/api/auth/me/language", { language: lang }).catch(() => undefined);
  }

  async function route(): Promise<void> {
    flash = "";
    redrawPage = () => route();
    if (!me) {
      try {
        me = await api<Me>("GET", "/api/auth/me");
        setCsrf(me.csrfToken);
        adoptLanguage(me);
        listen();
      } catch {
        return signInPage();
      }
    }
    let p = location.pathname;
    const sections = sectionsOf(me);
    const home = sections.map((s) => s.home(me!)).find((h) => h !== null);
    if (p === "/" && home) {
      history.replaceState(null, "", home);
      p = home;
    }
    try {
      for (const s of sections)
        if (await s.route(context(me), p, new URLSearchParams(location.search))) {
          focusHeading();
          return;
        }
    } catch (err) {
      return routeError(err);
    }
    if (me.role !== "therapist" && me.role !== "coordinator") {
      refresh = null;
      return shell(
        t.other.title,
        html`<h1>${t.other.heading(me.displayName)}</h1>
          <p class="lead">${t.other.lead(me.role, html`<a href="/api/openapi.json">${t.other.api}</a>`)}</p>`,
      );
    }
    try {
      const m = /^\/patients\/([A-Za-z0-9_-]+)$/.exec(p);
      if (m) await episodePage(m[1]!);
      else if (p === "/attunement") await attunementPage();
      else if (p !== "/" && p !== "/patients") {
        refresh = null;
        shell(
          t.notFound.title,
          html`<h1>${t.notFound.heading}</h1>
            <p>${t.notFound.body(html`<code>${p}</code>`, link("/", t.notFound.start))}</p>`,
        );
      } else await caseloadPage();
      focusHeading();
    } catch (err) {
      routeError(err);
    }
  }

  /**
   * A new page starts at its top with its heading focused (announced by screen readers). The heading
   * needs tabindex=-1 to take focus; without it the focus call did nothing and a page reached from the
   * bottom of another (the run page, from the workspace's Run button) opened scrolled part-way down.
   */
  function focusHeading(): void {
    const h1 = root.querySelector<HTMLElement>("h1");
    if (h1 && !h1.hasAttribute("tabindex")) h1.setAttribute("tabindex", "-1");
    window.scrollTo(0, 0);
    h1?.focus?.({ preventScroll: true });
  }

  function routeError(err: unknown): void {
    if (err instanceof HttpError && err.status === 401) {
      me = null;
      return signInPage();
    }
    redrawPage = () => routeError(err);
    shell(
      t.error.title,
      html`<h1>${t.error.heading}</h1>
        <p class="error-box" role="alert">${err instanceof Error ? err.message : String(err)}</p>`,
    );
  }

  addEventListener("popstate", () => void route());
  void route();
}
