// The staff app's shell: sign-in, the header with its nav and language switch, the router that hands each
// path to a role's section (the therapist's pages in therapist/section.ts, the others' in coordinator.ts,
// researcher.ts, coder.ts, therapistData.ts), the live region, and the server-sent events that redraw a
// page when a patient's answer arrives.
// The therapist's pages speak English or French (header switch, remembered per browser; words in
// staffText.ts); the other roles' sections stay English and are marked lang="en".
import { html, nothing, render, type TemplateResult } from "lit-html";
import { api, HttpError, setCsrf } from "./api.ts";
import type { Me, StaffContext, StaffSection } from "./context.ts";
import { coordinatorSection } from "./coordinator.ts";
import { researcherSection } from "./researcher.ts";
import { coderSection } from "./coder.ts";
import { therapistDataSection } from "./therapistData.ts";
import { accountPage } from "./account/accountPage.ts";
import type { AccountHost } from "./account/enrolment.ts";
import { isLoginStep, nextSignInStep, type LoginStep } from "./account/signInSteps.ts";
import { accountText } from "./account/text.ts";
import type { Lang } from "./i18n.ts";
import { setStaffLang, staffLang } from "./staffLang.ts";
import { staffText, type StaffText } from "./staffText.ts";
import { therapistSection } from "./therapist/section.ts";
import "./therapist/therapist.css";
import { idleNotice, isIdleSignOut, watchIdle, type IdleWatch } from "./account/idle.ts";
import { serverOptions } from "./account/options.ts";
import { glossaryPage } from "./help/glossary.ts";
import { navMenu } from "./navMenu.ts";

/** Pages of the other staff roles, each in its own module: nav entries and a router of their own. */
const SECTIONS: StaffSection[] = [coordinatorSection, researcherSection, coderSection, therapistDataSection];
/**
 * The therapist's section comes first in the nav (the caseload leads) and last in routing: "/" and
 * "/patients" are the caseload only when no other section claimed the path.
 */
const NAV_ORDER = [therapistSection, ...SECTIONS];
const ROUTE_ORDER = [...SECTIONS, therapistSection];

/** The words of the language chosen now (the header switch changes them). */
let lang: Lang = staffLang();
let t: StaffText = staffText(lang);

export function staffApp(root: HTMLElement): void {
  let me: Me | null = null;
  let events: EventSource | null = null;
  let refresh: (() => void) | null = null;
  let live = "";
  /** Redraws the current page in a new language (the sign-in page has no route to re-run). */
  let redrawPage: () => void | Promise<void> = () => route();
  /** Idle sign-out (account/idle.ts): the watch while signed in, and the sign-in page's notice after it. */
  let idle: IdleWatch | null = null;
  let idleSeconds = 0;

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

  /** The header's nav (navMenu.ts: behind a "Menu" button on a phone when it is long). */
  function navLinks(me: Me): TemplateResult {
    const links = [
      ...sectionsOf(NAV_ORDER, me).flatMap((s) => s.nav(me, lang).map(([path, label]) => link(path, label))),
      link("/glossary", lang === "fr" ? "Glossaire" : "Glossary"),
      link("/account", accountText(lang).nav),
    ];
    return navMenu(
      t.nav.label,
      "Menu",
      [
        ...links,
        html`<span class="who">${me.displayName}</span>`,
        html`<button class="chip" type="button" @click=${signOut}>${t.nav.signOut}</button>`,
      ],
      links.length,
    );
  }

  /** Draws a page; `english` marks a section page whose words are English whatever the switch says. */
  function shell(title: string, body: TemplateResult, english = false): void {
    document.title = `${title}${t.suffix}`;
    document.documentElement.lang = lang;
    const en = english && lang !== "en" ? "en" : nothing;
    render(
      html`<header class="top">
          <a class="brand" href="/" @click=${(e: Event) => (e.preventDefault(), go("/"))}>attune</a>
          <div class="top-end">${me ? navLinks(me) : nothing} ${langSwitch()}</div>
        </header>
        <main id="main" tabindex="-1" lang=${en}>${body}</main>
        <div id="page-live" class="sr-only" role="status" aria-live="polite" .textContent=${live}></div>`,
      root,
    );
  }

  async function signOut(): Promise<void> {
    await api("POST", "/api/auth/logout").catch(() => undefined);
    me = null;
    setCsrf(null);
    events?.close();
    events = null;
    idle?.stop();
    idle = null;
    go("/");
  }

  /** Starts the idle watch once signed in; at the end of the period it signs out and says why. */
  function watchActivity(): void {
    if (idle) return;
    void serverOptions().then((o) => {
      if (!me || idle) return;
      idle = watchIdle({
        idleMs: o.idleSeconds * 1000,
        keepAlive: () => api("GET", "/api/auth/me"),
        onIdle: () => {
          idle = null;
          idleSeconds = o.idleSeconds;
          void signOut();
        },
      });
    });
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

  /** Fully signed in: from the password alone, or after the second step (account/signInSteps.ts). */
  function enter(m: Me): void {
    me = m;
    setCsrf(m.csrfToken);
    adoptLanguage(m);
    listen();
    idleSeconds = 0;
    watchActivity();
    void route();
  }
  const accountHost: AccountHost = {
    lang: () => lang,
    shell: (title, body) => shell(title, body),
    enter,
    signIn: () => signInPage(),
  };

  function signInPage(error: unknown = null): void {
    const submit = async (e: SubmitEvent) => {
      e.preventDefault();
      const f = new FormData(e.target as HTMLFormElement);
      try {
        const r = await api<Me | LoginStep>("POST", "/api/auth/login", {
          email: f.get("email"),
          password: f.get("password"),
        });
        if (isLoginStep(r)) return nextSignInStep(accountHost, r);
        enter(r);
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
        ${idleSeconds && !message ? html`<p class="ok-box" role="status">${idleNotice(idleSeconds, lang)}</p>` : nothing}
        ${message ? html`<p class="error-box" role="alert">${message}</p>` : nothing}
        <form @submit=${submit}>
          <label for="email">${t.signIn.email}</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
          <label for="password">${t.signIn.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button class="primary big" type="submit">${t.signIn.button}</button>
        </form>
        <p><a href="/forgot">${t.signIn.forgot}</a></p>
      </section>`,
    );
  }

  const announce = (message: string) => {
    live = message;
    // The shell's own region by id: a page may hold other status regions (the link card's copy status).
    const region = root.querySelector<HTMLElement>("#page-live");
    if (region) region.textContent = message;
  };
  const sectionsOf = (order: StaffSection[], m: Me) => order.filter((s) => s.roles.includes(m.role));
  const context = (m: Me): StaffContext => ({
    root,
    me: m,
    go,
    link,
    get lang() {
      return lang;
    },
    // Pages not yet translated are English: said so to screen readers when the switch is on French.
    shell: (title, body, translated = false) => shell(title, body, !translated),
    setRefresh: (r) => {
      refresh = r;
    },
    setRedraw: (r) => {
      redrawPage = r;
    },
    announce,
  });

  /** The account's language wins over this browser's; a first sign-in keeps the language in use now. */
  function adoptLanguage(m: Me): void {
    if (m.language && m.language !== lang) {
      lang = m.language;
      t = staffText(lang);
      setStaffLang(lang);
    } else if (!m.language)
      void api("PUT", "/api/auth/me/language", { language: lang }).catch(() => undefined);
  }

  async function route(): Promise<void> {
    redrawPage = () => route();
    if (!me) {
      try {
        me = await api<Me>("GET", "/api/auth/me");
        setCsrf(me.csrfToken);
        adoptLanguage(me);
        listen();
        watchActivity();
      } catch (err) {
        noteIdleSignOut(err);
        return signInPage();
      }
    }
    let p = location.pathname;
    if (p === "/glossary") {
      refresh = null;
      redrawPage = () => route();
      const g = glossaryPage(lang);
      shell(g.title, g.body);
      focusHeading();
      // A link to one term (/glossary#reml) lands on it.
      document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
      return;
    }
    if (p === "/account") {
      refresh = null;
      try {
        await accountPage(accountHost);
        focusHeading();
      } catch (err) {
        routeError(err);
      }
      return;
    }
    const sections = sectionsOf(ROUTE_ORDER, me);
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
    refresh = null;
    // No section drew the path: a role with a caseload gets "not found", the others what attune offers them.
    if (me.role !== "therapist" && me.role !== "coordinator")
      return shell(
        t.other.title,
        html`<h1>${t.other.heading(me.displayName)}</h1>
          <p class="lead">${t.other.lead(me.role, html`<a href="/api/openapi.json">${t.other.api}</a>`)}</p>`,
      );
    shell(
      t.notFound.title,
      html`<h1>${t.notFound.heading}</h1>
        <p>${t.notFound.body(html`<code>${p}</code>`, link("/", t.notFound.start))}</p>`,
    );
    focusHeading();
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

  /** The server ended the session for idleness (a sleeping computer runs no timers): say so on sign-in. */
  function noteIdleSignOut(err: unknown): void {
    if (!(err instanceof HttpError && err.status === 401 && isIdleSignOut(err.message))) return;
    idle?.stop();
    idle = null;
    events?.close();
    events = null;
    void serverOptions().then((o) => {
      idleSeconds = o.idleSeconds;
      if (!me) signInPage();
    });
  }

  function routeError(err: unknown): void {
    if (err instanceof HttpError && err.status === 401) {
      me = null;
      noteIdleSignOut(err);
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
