// The patient's one-time form at /r/<token>: one screen with every form of the link (any Questionnaire
// attune ships: instructions and notices, answer options, radio rows, visual-analogue lines, enableWhen),
// a progress line, English and French, a thank-you, and clear pages for a used, expired or unknown link.
import { html, render, nothing } from "lit-html";
import { ref } from "lit-html/directives/ref.js";
import { api, HttpError } from "./api.ts";
import { initialLang, strings, type Lang } from "./i18n.ts";
import { focusItem, problemOf, renderItems, sendCheck, type FormEnv } from "./patient/items.ts";
import {
  formLang,
  hasWording,
  keyOf,
  noticesOf,
  responseItems,
  texts,
  visibleQuestions,
  type Answer,
  type Questionnaire,
} from "./patient/model.ts";
import type { LinkFormOut } from "@attune/api";
import { loadProgress, progressSection, type PatientProgress } from "./patient/progress.ts";

/** A notice with break opportunities after each "/" so a long URL wraps at a slash on a phone. */
const breakable = (text: string) =>
  text.split("/").map((part, i, all) => html`${part}${i < all.length - 1 ? html`/<wbr />` : nothing}`);

/** GET /api/r/{token} (@attune/api's LinkFormOut), its FHIR Questionnaires read as the form model. */
type LinkForm = Omit<LinkFormOut, "questionnaires"> & { questionnaires: Questionnaire[] };

type State =
  | { kind: "loading" }
  | {
      kind: "form";
      form: LinkForm;
      sending: boolean;
      tried: boolean;
      /** Unanswered optional questions the patient was told about; a second Send sends without them. */
      skipWarned: number | null;
      error: string | null;
    }
  /** Sent; with the patient's own progress when the network shares it (patient/progress.ts). */
  | { kind: "done"; progress: PatientProgress | null }
  | { kind: "used" | "expired" | "unknown" }
  /** A session scheduled ahead: the link works from its day on (the clinic's date and local time). */
  | { kind: "not-yet"; date: string; time: string | null };

/** Renders the patient form of link `token` into `root`. */
export function patientPage(root: HTMLElement, token: string): void {
  let lang: Lang = initialLang();
  let state: State = { kind: "loading" };
  const answers = new Map<string, Answer>();
  const drafts = new Map<string, string>();

  /** Forms that can be shown (a shell without wording is not: it is named and left out). */
  const shown = (f: LinkForm) => f.questionnaires.filter(hasWording);
  const questions = (f: LinkForm) =>
    shown(f).flatMap((q) => visibleQuestions(q, answers).map((i) => ({ q, i })));

  function env(tried: boolean, q: Questionnaire, l: string): FormEnv {
    const nf = new Intl.NumberFormat(l, { maximumFractionDigits: 6, useGrouping: false });
    return {
      answers,
      drafts,
      tried,
      s: strings(lang),
      t: texts(q, l),
      fmt: (v) => nf.format(v),
      redraw: draw,
    };
  }

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (state.kind !== "form") return;
    const st = state;
    const check = sendCheck(shown(st.form), answers, (q) => env(true, q, lang), st.skipWarned);
    if (check.kind !== "ok") {
      // Optional questions may be skipped, but not by accident: say so once, then a second Send sends.
      state = { ...st, tried: true, ...(check.kind === "skipped" ? { skipWarned: check.count } : {}) };
      draw();
      focusItem(root, check.first);
      return;
    }
    state = { ...st, sending: true, error: null };
    draw();
    const authored = new Date().toISOString();
    // A form with no answer at all is not sent: it stays open (or can be declined), not "done".
    const responses = shown(st.form)
      .map((q) => ({
        resourceType: "QuestionnaireResponse",
        questionnaire: q.url,
        status: "completed",
        authored,
        item: responseItems(q, answers),
      }))
      .filter((r) => r.item.length > 0);
    try {
      await api("POST", `/api/r/${encodeURIComponent(token)}/submit`, { responses });
      state = { kind: "done", progress: null };
      // The thanks first; the patient's own progress follows when the network shares it.
      void loadProgress(token).then((progress) => {
        if (progress && state.kind === "done") {
          state = { kind: "done", progress };
          draw();
        }
      });
    } catch (err) {
      if (err instanceof HttpError && err.status === 409) state = { kind: "used" };
      else if (err instanceof HttpError && err.status === 410) state = { kind: "expired" };
      else if (state.kind === "form") state = { ...state, sending: false, error: strings(lang).error };
    }
    draw();
    root.querySelector<HTMLElement>("h1")?.focus();
  }

  const langSwitch = () =>
    html`<div class="lang" role="group" aria-label=${strings(lang).language}>
      ${(["en", "fr"] as const).map(
        (l) =>
          html`<button
            type="button"
            class="chip"
            lang=${l}
            aria-pressed=${String(lang === l)}
            @click=${() => {
              lang = l;
              draw();
            }}
          >
            ${l === "en" ? "English" : "Français"}
          </button>`,
      )}
    </div>`;

  function message(title: string, body: string, tone: string, after: unknown = nothing) {
    return html`<main id="main" class="patient narrow">
      ${langSwitch()}
      <section class="message ${tone}">
        <div class="icon" aria-hidden="true">${tone === "ok" ? "✓" : "!"}</div>
        <h1 tabindex="-1">${title}</h1>
        <p>${body}</p>
      </section>
      ${after}
    </main>`;
  }

  function formPart(q: Questionnaire, tried: boolean) {
    const s = strings(lang);
    if (!hasWording(q))
      return html`<section class="form-part">
        <h2>${q.title ?? q.url}</h2>
        <p class="error-box">${s.unavailable}</p>
      </section>`;
    const l = formLang(q, lang);
    const e = env(tried, q, l);
    const notices = noticesOf(q);
    return html`<section class="form-part" lang=${l !== lang ? l : nothing} data-form=${q.id ?? q.url}>
      <h2>${texts(q, l).title}</h2>
      ${l !== lang ? html`<p class="muted small" lang=${lang}>${s.onlyIn(l)}</p>` : nothing}
      ${renderItems(e, q, q.item)}
      ${
        notices.length
          ? html`<aside class="notice" aria-label=${`${s.notice}: ${texts(q, l).title}`}>
              ${notices.map((n) => html`<p lang="en">${breakable(n)}</p>`)}
            </aside>`
          : nothing
      }
    </section>`;
  }

  function view() {
    const s = strings(lang);
    document.documentElement.lang = lang;
    switch (state.kind) {
      case "loading":
        return html`<main id="main" class="patient narrow"><p role="status">${s.loading}</p></main>`;
      case "done":
        return message(
          s.thanks,
          s.thanksBody,
          "ok",
          state.progress ? progressSection(state.progress, lang) : nothing,
        );
      case "used":
        return message(s.used, s.usedBody, "info");
      case "expired":
        return message(s.expired, s.expiredBody, "warn");
      case "unknown":
        return message(s.notFound, s.notFoundBody, "warn");
      case "not-yet": {
        // The clinic's calendar day as written (no shift through the reader's time zone).
        const day = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeZone: "UTC" }).format(
          new Date(`${state.date}T00:00:00Z`),
        );
        return message(s.notYet(day), s.notYetBody(day, state.time), "info");
      }
    }
    const st = state;
    const all = questions(st.form);
    const answered = all.filter(({ q, i }) => answers.has(keyOf(q, i))).length;
    const problemItems = all.filter(({ q, i }) => problemOf(env(st.tried, q, lang), q, i) !== null);
    const problems = problemItems.length;
    // A typed number out of range is not "unanswered": say "check" rather than "answer" then.
    const onlyMissing = problemItems.every(
      ({ q, i }) => !answers.has(keyOf(q, i)) && !drafts.get(keyOf(q, i))?.trim(),
    );
    const skipped = all.length - answered;
    document.title = `${s.title} — attune`;
    return html`<main id="main" class="patient narrow">
      ${langSwitch()}
      <h1 tabindex="-1">${s.title}</h1>
      <p class="muted">${s.session(st.form.session)} · ${all.length > 12 ? s.introLong : s.intro}</p>
      <div class="progress-wrap">
        <div
          class="progress"
          role="progressbar"
          aria-label=${s.progress(answered, all.length)}
          aria-valuemin="0"
          aria-valuemax=${all.length}
          aria-valuenow=${answered}
        >
          <span
            ${ref((el) => {
              // Set through the CSSOM: the page's CSP (style-src 'self') blocks a style attribute, which
              // left the bar full on the first render.
              if (el instanceof HTMLElement)
                el.style.width = `${(100 * answered) / Math.max(1, all.length)}%`;
            })}
          ></span>
        </div>
        <p class="progress-text" aria-live="polite">${s.progress(answered, all.length)}</p>
      </div>
      <form novalidate @submit=${submit}>
        ${
          st.tried && problems > 0
            ? html`<p class="error-box" role="alert">
                ${onlyMissing ? s.missing(problems) : s.fix(problems)}
              </p>`
            : nothing
        }
        ${
          st.tried && problems === 0 && st.skipWarned !== null && skipped > 0
            ? html`<p class="warn-box" role="alert">${s.skipped(skipped)}</p>`
            : nothing
        }
        ${st.form.questionnaires.map((q) => formPart(q, st.tried))}
        ${st.error ? html`<p class="error-box" role="alert">${st.error}</p>` : nothing}
        <button class="primary big" type="submit" ?disabled=${st.sending}>
          ${st.sending ? s.sending : s.submit}
        </button>
      </form>
    </main>`;
  }

  const draw = () => render(view(), root);
  draw();
  api<LinkForm>("GET", `/api/r/${encodeURIComponent(token)}`)
    .then((form) => {
      // The server's clock decides (it sends no forms before the day); the phone's clock may be wrong.
      const early = !form.submitted && form.opensAt !== null && form.questionnaires.length === 0;
      state = form.submitted
        ? { kind: "used" }
        : early
          ? { kind: "not-yet", date: form.sessionDate ?? form.opensAt!.slice(0, 10), time: form.sessionTime }
          : { kind: "form", form, sending: false, tried: false, skipWarned: null, error: null };
      draw();
    })
    .catch((err: unknown) => {
      state = { kind: err instanceof HttpError && err.status === 410 ? "expired" : "unknown" };
      draw();
    });
}
