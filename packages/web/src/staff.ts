// Staff pages: sign-in, the caseload (most urgent first), one patient (both alliance lines with rupture
// markers, congruence, well-being with its expected band, alerts with why and what to do, the
// therapist's own post-session rating, the next session's patient link) and the attunement profile.
// New patient answers arrive by server-sent events and redraw the page without a reload.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { api, HttpError, setCsrf } from "./api.ts";
import { lineChart } from "./charts.ts";
import type { Questionnaire } from "./patient/model.ts";
import { loadTherapistForms, newRating, ratingForm, type RatingState } from "./therapistRating.ts";
import type { Me, StaffContext, StaffSection } from "./context.ts";
import { coordinatorSection } from "./coordinator.ts";
import { researcherSection } from "./researcher.ts";
import { coderSection } from "./coder.ts";

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
  model: { source: string; note: string };
  threshold: number;
}
interface Estimate {
  estimate: number;
  lower: number;
  upper: number;
}
interface Attunement {
  me: { therapist: string; directionalBias: Estimate; truthForce: Estimate; sessions: number } | null;
  network: { therapist: string; directionalBias: Estimate; truthForce: Estimate }[];
}

const KIND: Record<string, string> = {
  rupture: "Rupture",
  "rupture-resolved": "Rupture resolved",
  "not-on-track": "Not on track",
  incongruence: "Views differ",
};
const fmt = (v: number | null | undefined, d = 0) => (v === null || v === undefined ? "—" : v.toFixed(d));
const signed = (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : ""}${v.toFixed(0)}`);

function gapText(gap: number | null, direction: string | null): string {
  if (gap === null) return "not both rated yet";
  if (direction === "agree") return `you agree (gap ${signed(gap)})`;
  return direction === "therapist-higher"
    ? `you rate ${Math.abs(gap).toFixed(0)} points higher than your patient`
    : `your patient rates ${Math.abs(gap).toFixed(0)} points higher than you`;
}

export function staffApp(root: HTMLElement): void {
  let me: Me | null = null;
  let events: EventSource | null = null;
  let refresh: (() => void) | null = null;
  let live = "";
  /** The therapist's rating in progress (kept while live updates redraw the page). */
  let rating: RatingState | null = null;
  /** A confirmation shown on the current page until the next navigation (survives live refreshes). */
  let flash = "";

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

  function shell(title: string, body: TemplateResult): void {
    document.title = `${title} — attune`;
    render(
      html`<header class="top">
          <a class="brand" href="/" @click=${(e: Event) => (e.preventDefault(), go("/"))}>attune</a>
          ${
            me
              ? html`<nav aria-label="Main">
                  ${me.role === "therapist" || me.role === "coordinator" ? link("/patients", "Caseload") : nothing}
                  ${me.role === "therapist" ? link("/attunement", "My attunement") : nothing}
                  ${sectionsOf(me).flatMap((s) => s.nav(me!).map(([path, label]) => link(path, label)))}
                  <span class="who">${me.displayName}</span>
                  <button class="chip" type="button" @click=${signOut}>Sign out</button>
                </nav>`
              : nothing
          }
        </header>
        <main id="main" tabindex="-1">${body}</main>
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
      live = `New ${d.rater === "patient" ? "patient" : "therapist"} answer received.`;
      refresh?.();
    });
  }

  function signInPage(error = ""): void {
    const submit = async (e: SubmitEvent) => {
      e.preventDefault();
      const f = new FormData(e.target as HTMLFormElement);
      try {
        me = await api<Me>("POST", "/api/auth/login", { email: f.get("email"), password: f.get("password") });
        setCsrf(me.csrfToken);
        listen();
        void route();
      } catch (err) {
        signInPage(err instanceof Error ? err.message : String(err));
        root.querySelector<HTMLInputElement>("#email")?.focus();
      }
    };
    shell(
      "Sign in",
      html`<section class="narrow card signin">
        <h1>Sign in</h1>
        <p class="muted">
          For therapists, coordinators and researchers of the network. Patients answer through the link they
          receive.
        </p>
        ${error ? html`<p class="error-box" role="alert">${error}</p>` : nothing}
        <form @submit=${submit}>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button class="primary big" type="submit">Sign in</button>
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
            ${link(`/patients/${p.episodeId}`, html`Patient <strong>${p.patientCode}</strong>`, "case-link")}
            <span class="muted"
              >${me?.role === "therapist" ? "" : `${p.therapistCode} · `}session ${p.lastSession ?? "—"}</span
            >
          </div>
          <div class="badges">
            ${p.alerts.map((a) => html`<span class="badge ${a.kind} ${a.severity}">${KIND[a.kind] ?? a.kind}</span>`)}
            ${p.awaitingTherapist ? html`<span class="badge todo">Your rating is due</span>` : nothing}
          </div>
          <dl class="nums">
            <div>
              <dt>Patient alliance</dt>
              <dd>${fmt(p.last?.alliancePatient)}</dd>
            </div>
            <div>
              <dt>Your alliance</dt>
              <dd>${fmt(p.last?.allianceTherapist)}</dd>
            </div>
            <div>
              <dt>Well-being</dt>
              <dd>${fmt(p.last?.outcome)}</dd>
            </div>
          </dl>
        </li>`,
    );
    refresh = () => void caseloadPage();
    shell(
      "Caseload",
      html`<h1>${c.therapist ? `Caseload of ${c.therapist.name}` : "All patients"}</h1>
        <p class="lead">
          ${c.patients.length} patients; <strong>${need}</strong> need attention. Most urgent first. Scores
          are on a 0–100 scale (higher = better).
        </p>
        <ul class="caseload" aria-label="Patients, most urgent first">
          ${rows}
        </ul>
        <p class="muted small">
          Not-on-track uses the expected-recovery model:
          ${c.model.source === "network" ? c.model.note : "the built-in model (the network has too little data yet)"}.
        </p>`,
    );
  }

  function alertCard(a: Alert): TemplateResult {
    const why = Object.entries(a.why)
      .filter(([, v]) => v !== null)
      .map(
        ([k, v]) =>
          html`<li>
            <span>${k.replace(/([A-Z])/g, " $1").toLowerCase()}</span>
            <b>${typeof v === "number" ? v.toFixed(1) : String(v)}</b>
          </li>`,
      );
    return html`<article class="alert ${a.kind} ${a.severity}">
      <h3>${KIND[a.kind] ?? a.kind} <span class="muted">· session ${a.session} · ${a.severity}</span></h3>
      <p>${a.message.en}</p>
      <p><strong>What helps:</strong> ${a.suggestion.en}</p>
      <details>
        <summary>Why this alert</summary>
        <ul class="why">
          ${why}
        </ul>
        <p class="muted small">${a.evidence}</p>
      </details>
    </article>`;
  }

  async function episodePage(id: string): Promise<void> {
    const d = await api<Dyad>("GET", `/api/dashboard/episodes/${encodeURIComponent(id)}`);
    const toRate = [...d.series].reverse().find((s) => s.allianceTherapist === null);
    const forms = me?.role === "therapist" && toRate ? await loadTherapistForms(d.forms.therapist) : [];
    if (toRate && rating?.sessionId !== toRate.sessionId) rating = newRating(toRate.sessionId);
    refresh = () => void episodePage(id);
    drawEpisode(d, forms, toRate);
  }

  /** Draws a patient's page from loaded data (typing in the rating form redraws without refetching). */
  function drawEpisode(d: Dyad, forms: Questionnaire[], toRate: Point | undefined): void {
    const notice = flash;
    const lastS = d.series.at(-1);
    const xMax = Math.max(lastS?.session ?? 1, ...d.band.map((b) => b.session));
    const ruptures = d.alerts.filter((a) => a.kind === "rupture");
    const cong = d.congruence.at(-1);
    const alliance = lineChart({
      id: "alliance",
      title: `Working alliance of patient ${d.patientCode}, both views`,
      desc: `Patient's and therapist's ratings per session on 0–100. ${ruptures.length ? `Ruptures at session ${ruptures.map((r) => r.session).join(", ")}.` : "No ruptures."}`,
      xMax,
      lines: [
        {
          label: "Patient's view",
          cls: "patient",
          points: d.series.map((s) => ({ x: s.session, y: s.alliancePatient })),
        },
        {
          label: "Your view",
          cls: "therapist",
          dashed: true,
          points: d.series.map((s) => ({ x: s.session, y: s.allianceTherapist })),
        },
      ],
      markers: ruptures.map((r) => ({ x: r.session, label: "rupture", cls: "rupture" })),
    });
    const outcome = lineChart({
      id: "outcome",
      title: `Well-being of patient ${d.patientCode} with the expected band`,
      desc: `Well-being per session on 0–100 and the range expected for a patient with this intake score (95%).`,
      xMax,
      lines: [
        {
          label: "Well-being",
          cls: "outcome",
          points: d.series.map((s) => ({ x: s.session, y: s.outcome })),
        },
      ],
      band: { label: "Expected range", points: d.band.map((b) => ({ x: b.session, ...b })) },
    });
    shell(
      `Patient ${d.patientCode}`,
      html`<p>${link("/patients", "← Caseload")}</p>
        <h1>Patient ${d.patientCode}</h1>
        ${notice ? html`<p class="ok-box" role="status">${notice}</p>` : nothing}
        <section aria-labelledby="now-h" class="card">
          <h2 id="now-h">Before the next session</h2>
          ${d.openAlerts.length ? d.openAlerts.map(alertCard) : html`<p class="muted">No open alerts.</p>`}
          <p class="congruence" data-testid="congruence">
            Congruence, session ${cong?.session ?? "—"}:
            <strong>${gapText(cong?.gap ?? null, cong?.direction ?? null)}</strong
            >${d.trend.label ? html` · trend: ${d.trend.label}` : nothing}
          </p>
        </section>
        <div class="grid2">
          <section aria-labelledby="al-h" class="card">
            <h2 id="al-h">Alliance: your view and your patient's</h2>
            ${alliance}
          </section>
          <section aria-labelledby="wb-h" class="card">
            <h2 id="wb-h">Well-being</h2>
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
          <h2 id="tab-h">Sessions</h2>
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="tab-h">
            <table>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">Patient alliance</th>
                  <th scope="col">Your alliance</th>
                  <th scope="col">Gap (you − patient)</th>
                  <th scope="col">Well-being</th>
                  <th scope="col">Expected well-being</th>
                  <th scope="col">Alerts</th>
                </tr>
              </thead>
              <tbody>
                ${d.series.map((s) => {
                  const b = d.band.find((x) => x.session === s.session);
                  const g = d.congruence.find((c) => c.session === s.session);
                  return html`<tr>
                    <th scope="row">${s.session}</th>
                    <td>${fmt(s.alliancePatient)}</td>
                    <td>${fmt(s.allianceTherapist)}</td>
                    <td>${signed(g?.gap ?? null)}</td>
                    <td>${fmt(s.outcome)}</td>
                    <td>${b ? `${fmt(b.lower)}–${fmt(b.upper)}` : "—"}</td>
                    <td>
                      ${d.alerts
                        .filter((a) => a.session === s.session)
                        .map((a) => KIND[a.kind])
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
      live = `Link for session ${n} created.`;
    };
    return html`<section aria-labelledby="next-h" class="card">
      <h2 id="next-h">Next session</h2>
      <p class="muted">Create the session and a one-time link for your patient's post-session form.</p>
      <button type="button" class="secondary" @click=${make}>New session and patient link</button>
      <p><output id="link-out" class="link-out" aria-live="polite"></output></p>
    </section>`;
  }

  async function attunementPage(): Promise<void> {
    const a = await api<Attunement>("GET", "/api/dashboard/attunement");
    refresh = null;
    const n = a.network.length;
    const spread = (f: (x: Attunement["network"][number]) => number, d: number) => {
      const v = a.network.map(f).sort((x, y) => x - y);
      return v.length
        ? `network: ${fmt(v[0], d)} to ${fmt(v.at(-1), d)}, median ${fmt(v[Math.floor(v.length / 2)], d)} (${n} therapists)`
        : "";
    };
    shell(
      "My attunement",
      html`<h1>My attunement</h1>
        <p class="lead">
          How closely your alliance ratings follow your patients' ratings, from the truth-and-bias model
          fitted on the whole network's data.
        </p>
        ${
          a.me
            ? html`<div class="grid2">
                <section class="card" aria-labelledby="bias-h">
                  <h2 id="bias-h">Directional bias</h2>
                  <p class="big-num">
                    ${signed(a.me.directionalBias.estimate)} <span class="muted">points</span>
                  </p>
                  <p>
                    ${a.me.directionalBias.estimate >= 0 ? "You tend to rate the alliance higher than your patients do" : "You tend to rate the alliance lower than your patients do"}
                    (95% interval ${fmt(a.me.directionalBias.lower, 1)} to
                    ${fmt(a.me.directionalBias.upper, 1)}).
                  </p>
                  <p class="muted">Ideal: 0. ${spread((x) => x.directionalBias.estimate, 1)}.</p>
                </section>
                <section class="card" aria-labelledby="tf-h">
                  <h2 id="tf-h">Truth force</h2>
                  <p class="big-num">${fmt(a.me.truthForce.estimate, 2)}</p>
                  <p>
                    How much your rating follows your patient's: when a patient's rating is 10 points higher,
                    yours is on average ${fmt(a.me.truthForce.estimate * 10, 1)} points higher (95% interval
                    ${fmt(a.me.truthForce.lower, 2)} to ${fmt(a.me.truthForce.upper, 2)}).
                  </p>
                  <p class="muted">Ideal: 1. ${spread((x) => x.truthForce.estimate, 2)}.</p>
                </section>
              </div>`
            : html`<p>Not enough rated sessions yet for a profile.</p>`
        }`,
    );
  }

  const sectionsOf = (m: Me) => SECTIONS.filter((s) => s.roles.includes(m.role));
  const context = (m: Me): StaffContext => ({
    root,
    me: m,
    go,
    link,
    shell,
    setRefresh: (r) => {
      refresh = r;
    },
    announce: (message) => {
      live = message;
      const region = root.querySelector<HTMLElement>('[role="status"][aria-live]');
      if (region) region.textContent = message;
    },
  });

  async function route(): Promise<void> {
    flash = "";
    if (!me) {
      try {
        me = await api<Me>("GET", "/api/auth/me");
        setCsrf(me.csrfToken);
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
          root.querySelector<HTMLElement>("h1")?.focus?.();
          return;
        }
    } catch (err) {
      return routeError(err);
    }
    if (me.role !== "therapist" && me.role !== "coordinator") {
      refresh = null;
      return shell(
        "Signed in",
        html`<h1>Signed in as ${me.displayName}</h1>
          <p class="lead">
            The ${me.role} role has no dashboard pages yet. Use the API (<a href="/api/openapi.json"
              >its description</a
            >) or the <code>attune</code> command.
          </p>`,
      );
    }
    try {
      const m = /^\/patients\/([A-Za-z0-9_-]+)$/.exec(p);
      if (m) await episodePage(m[1]!);
      else if (p === "/attunement") await attunementPage();
      else if (p !== "/" && p !== "/patients") {
        refresh = null;
        shell(
          "Not found",
          html`<h1>Page not found</h1>
            <p>There is no page at <code>${p}</code>. ${link("/", "Go to the start page")}.</p>`,
        );
      } else await caseloadPage();
      root.querySelector<HTMLElement>("h1")?.focus?.();
    } catch (err) {
      routeError(err);
    }
  }

  function routeError(err: unknown): void {
    if (err instanceof HttpError && err.status === 401) {
      me = null;
      return signInPage();
    }
    shell(
      "Error",
      html`<h1>Something went wrong</h1>
        <p class="error-box" role="alert">${err instanceof Error ? err.message : String(err)}</p>`,
    );
  }

  addEventListener("popstate", () => void route());
  void route();
}
