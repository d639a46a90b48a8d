// The therapist's own post-session rating on their patient's page: the therapist forms of the episode's
// study schedule (the demo alliance form without one), drawn by the patient form's item renderer, so a
// network's licensed WAI-SR therapist form or the project's alliance check-in work the same way.
import { html, nothing, type TemplateResult } from "lit-html";
import { api } from "./api.ts";
import { strings, type Lang } from "./i18n.ts";
import { focusItem, renderItems, sendCheck, type FormEnv } from "./patient/items.ts";
import { staffText } from "./staffText.ts";
import {
  formLang,
  hasWording,
  noticesOf,
  responseItems,
  texts,
  type Answer,
  type Questionnaire,
} from "./patient/model.ts";

/** What the rating form keeps between redraws of the page (new answers arrive live and redraw it). */
export interface RatingState {
  sessionId: string;
  answers: Map<string, Answer>;
  drafts: Map<string, string>;
  tried: boolean;
  /** How many questions were left empty when the therapist was last told so (a second Save sends). */
  skipWarned: number;
  message: string;
  /** Why `message` is shown: a box asking for answers goes away by itself once they are given. */
  messageKind: "" | "problems" | "skipped" | "failed";
}

/** A fresh state for rating one session. */
export const newRating = (sessionId: string): RatingState => ({
  sessionId,
  answers: new Map(),
  drafts: new Map(),
  tried: false,
  skipWarned: -1,
  message: "",
  messageKind: "",
});

const cache = new Map<string, Promise<Questionnaire | null>>();

/**
 * The therapist forms as this network sees them (licensed wording included), by url; a form the server does
 * not know is left out.
 *
 * @example
 * const forms = await loadTherapistForms(["https://attune.dev/fhir/Questionnaire/alliance-therapist"]);
 */
export async function loadTherapistForms(urls: readonly string[]): Promise<Questionnaire[]> {
  const forms = await Promise.all(
    urls.map((url) => {
      let p = cache.get(url);
      if (!p) {
        p = api<{ entry?: { resource: Questionnaire }[] }>(
          "GET",
          `/api/fhir/Questionnaire?url=${encodeURIComponent(url)}`,
        ).then((b) => b.entry?.[0]?.resource ?? null);
        p.catch(() => cache.delete(url));
        cache.set(url, p);
      }
      return p;
    }),
  );
  return forms.filter((q): q is Questionnaire => q !== null);
}

/**
 * The rating form for one session. `redraw` repaints the page (state changes), `saved` is called after the
 * responses were stored.
 *
 * @example
 * ratingForm({ forms, session: { sessionId, session: 3 }, episodeId, state, redraw, saved });
 */
export function ratingForm(o: {
  forms: Questionnaire[];
  session: { sessionId: string; session: number };
  state: RatingState;
  root: HTMLElement;
  redraw: () => void;
  saved: (message: string) => void;
  /** Another rater's wording (the coder's page: "Your coding of session 3", "Save the coding"). */
  words?: { heading: string; save: string; saved: string; notSaved: string };
  /** Questionnaire url → the stored response a save corrects (a new version) instead of creating one. */
  corrects?: ReadonlyMap<string, string>;
  /** The page's language (English unless given): the chrome's words and each form where it has them. */
  lang?: Lang;
  /**
   * Where a form's answers go instead of a session's response (the therapist's once-only questionnaire
   * on /my-profile); a rejection's message is shown and the answers stay.
   */
  send?: (q: Questionnaire, item: ReturnType<typeof responseItems>) => Promise<unknown>;
}): TemplateResult {
  const { state, forms } = o;
  const lang = o.lang ?? "en";
  const tr = staffText(lang).rating;
  const w = o.words ?? {
    heading: tr.heading(o.session.session),
    save: tr.save,
    saved: tr.saved(o.session.session),
    notSaved: tr.notSaved,
  };
  const s = strings(lang);
  const shown = forms.filter(hasWording);
  /** Each form in the page's language if every text of it has a translation, else in its own. */
  const langOf = (q: Questionnaire) => formLang(q, lang);
  const env = (tried: boolean, q: Questionnaire): FormEnv => {
    const nf = new Intl.NumberFormat(langOf(q), { maximumFractionDigits: 6, useGrouping: false });
    return {
      answers: state.answers,
      drafts: state.drafts,
      tried,
      s,
      t: texts(q, langOf(q)),
      fmt: (v) => nf.format(v),
      redraw: o.redraw,
    };
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    // A question may be left out (the scoring prorates), but not by accident: say so once.
    const check = sendCheck(shown, state.answers, (q) => env(true, q), state.skipWarned);
    if (check.kind !== "ok") {
      if (check.kind === "problems") {
        state.tried = true;
        state.message = s.missing(check.count);
      } else {
        state.skipWarned = check.count;
        state.message = tr.skipped(check.count);
      }
      state.messageKind = check.kind;
      o.redraw();
      focusItem(o.root, check.first);
      return;
    }
    try {
      for (const q of shown) {
        const item = responseItems(q, state.answers);
        if (item.length === 0) continue;
        if (o.send) {
          await o.send(q, item);
          continue;
        }
        const previous = o.corrects?.get(q.url);
        const path = previous
          ? (`/api/fhir/QuestionnaireResponse/${encodeURIComponent(previous)}/correction` as const)
          : "/api/fhir/QuestionnaireResponse";
        await api("POST", path, {
          resourceType: "QuestionnaireResponse",
          questionnaire: q.url,
          status: "completed",
          encounter: { reference: `Encounter/${o.session.sessionId}` },
          item,
        });
      }
    } catch (err) {
      state.message = `${w.notSaved}: ${err instanceof Error ? err.message : String(err)}`;
      state.messageKind = "failed";
      o.redraw();
      return;
    }
    o.saved(w.saved);
  };

  // A box that asked for answers goes as soon as they are given (it used to stay until the next Save).
  if (state.messageKind === "problems" || state.messageKind === "skipped") {
    const now = sendCheck(shown, state.answers, (q) => env(true, q), null);
    if (now.kind === "ok" || (state.messageKind === "problems" && now.kind !== "problems")) {
      state.message = "";
      state.messageKind = "";
    }
  }

  return html`<section aria-labelledby="rate-h" class="card">
    <h2 id="rate-h">${w.heading}</h2>
    ${state.message ? html`<p class="error-box" role="alert">${state.message}</p>` : nothing}
    ${
      shown.length
        ? html`<form @submit=${submit} class="rate" novalidate>
            ${shown.map((q) => {
              const notices = noticesOf(q);
              const l = langOf(q);
              return html`<div class="form-part" lang=${l !== lang ? l : nothing} data-form=${q.id ?? q.url}>
                ${shown.length > 1 ? html`<h3>${texts(q, l).title}</h3>` : nothing}
                ${l !== lang ? html`<p class="muted small" lang=${lang}>${s.onlyIn(l)}</p>` : nothing}
                ${renderItems(env(state.tried, q), q, q.item)}
                ${notices.length ? html`<aside class="notice">${notices.map((n) => html`<p>${n}</p>`)}</aside>` : nothing}
              </div>`;
            })}
            <button class="primary" type="submit">${w.save}</button>
          </form>`
        : html`<p class="muted">${tr.noWording}</p>`
    }
  </section>`;
}
