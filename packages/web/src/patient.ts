// The patient's one-time form at /r/<token>: one screen, large radio targets, a progress line, English
// and French, a thank-you, and clear pages for a used, expired or unknown link.
import { html, render, nothing } from "lit-html";
import { styleMap } from "lit-html/directives/style-map.js";
import { api, HttpError } from "./api.ts";
import { initialLang, ITEM_FR, strings, type Lang } from "./i18n.ts";

interface QItem {
  linkId: string;
  text?: string;
  required?: boolean;
  extension?: { url: string; valueInteger?: number }[];
}
interface Questionnaire {
  url: string;
  title?: string;
  item?: QItem[];
}
interface LinkForm {
  session: number;
  submitted: boolean;
  questionnaires: Questionnaire[];
}

const MIN = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX = "http://hl7.org/fhir/StructureDefinition/maxValue";
const range = (i: QItem) => ({
  min: i.extension?.find((e) => e.url === MIN)?.valueInteger ?? 1,
  max: i.extension?.find((e) => e.url === MAX)?.valueInteger ?? 5,
});

type State =
  | { kind: "loading" }
  | { kind: "form"; form: LinkForm; sending: boolean; tried: boolean; error: string | null }
  | { kind: "done" | "used" | "expired" | "unknown" };

export function patientPage(root: HTMLElement, token: string): void {
  let lang: Lang = initialLang();
  let state: State = { kind: "loading" };
  const answers = new Map<string, number>();
  const key = (q: Questionnaire, i: QItem) => `${q.url}#${i.linkId}`;
  const tr = (s: string | undefined) => (lang === "fr" ? (ITEM_FR[s ?? ""] ?? s) : s) ?? "";

  const items = (f: LinkForm) => f.questionnaires.flatMap((q) => (q.item ?? []).map((i) => ({ q, i })));

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (state.kind !== "form") return;
    const all = items(state.form);
    const missing = all.filter(({ q, i }) => i.required !== false && !answers.has(key(q, i)));
    if (missing.length) {
      state = { ...state, tried: true };
      draw();
      const first = missing[0]!;
      root.querySelector<HTMLInputElement>(`input[name="${CSS.escape(key(first.q, first.i))}"]`)?.focus();
      return;
    }
    state = { ...state, sending: true, error: null };
    draw();
    const responses = state.form.questionnaires.map((q) => ({
      resourceType: "QuestionnaireResponse",
      questionnaire: q.url,
      status: "completed",
      authored: new Date().toISOString(),
      item: (q.item ?? [])
        .filter((i) => answers.has(key(q, i)))
        .map((i) => ({ linkId: i.linkId, answer: [{ valueInteger: answers.get(key(q, i)) }] })),
    }));
    try {
      await api("POST", `/api/r/${encodeURIComponent(token)}/submit`, { responses });
      state = { kind: "done" };
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

  function message(title: string, body: string, tone: string) {
    return html`<main id="main" class="patient narrow">
      ${langSwitch()}
      <section class="message ${tone}">
        <div class="icon" aria-hidden="true">${tone === "ok" ? "✓" : "!"}</div>
        <h1 tabindex="-1">${title}</h1>
        <p>${body}</p>
      </section>
    </main>`;
  }

  function view() {
    const s = strings(lang);
    document.documentElement.lang = lang;
    switch (state.kind) {
      case "loading":
        return html`<main id="main" class="patient narrow"><p role="status">${s.loading}</p></main>`;
      case "done":
        return message(s.thanks, s.thanksBody, "ok");
      case "used":
        return message(s.used, s.usedBody, "info");
      case "expired":
        return message(s.expired, s.expiredBody, "warn");
      case "unknown":
        return message(s.notFound, s.notFoundBody, "warn");
    }
    const st = state;
    const all = items(st.form);
    const answered = all.filter(({ q, i }) => answers.has(key(q, i))).length;
    const missing = all.filter(({ q, i }) => i.required !== false && !answers.has(key(q, i))).length;
    document.title = `${s.title} — attune`;
    return html`<main id="main" class="patient narrow">
      ${langSwitch()}
      <h1 tabindex="-1">${s.title}</h1>
      <p class="muted">${s.session(st.form.session)} · ${s.intro}</p>
      <div class="progress-wrap">
        <div
          class="progress"
          role="progressbar"
          aria-label=${s.progress(answered, all.length)}
          aria-valuemin="0"
          aria-valuemax=${all.length}
          aria-valuenow=${answered}
        >
          <span style=${styleMap({ width: `${(100 * answered) / Math.max(1, all.length)}%` })}></span>
        </div>
        <p class="progress-text" aria-live="polite">${s.progress(answered, all.length)}</p>
      </div>
      <form novalidate @submit=${submit}>
        ${st.tried && missing > 0 ? html`<p class="error-box" role="alert">${s.missing(missing)}</p>` : nothing}
        ${st.form.questionnaires.map(
          (q) =>
            html`<section class="form-part">
              <h2>${tr(q.title)}</h2>
              ${(q.item ?? []).map((i) => {
                const k = key(q, i);
                const { min, max } = range(i);
                const bad = st.tried && i.required !== false && !answers.has(k);
                const id = `q-${k.replace(/[^A-Za-z0-9]/g, "-")}`;
                return html`<fieldset
                  class="item ${bad ? "bad" : ""}"
                  aria-describedby=${bad ? `${id}-err` : nothing}
                >
                  <legend>${tr(i.text)}</legend>
                  <div class="scale">
                    ${Array.from({ length: max - min + 1 }, (_, j) => min + j).map(
                      (v) =>
                        html`<label class="opt">
                          <input
                            type="radio"
                            name=${k}
                            value=${v}
                            .checked=${answers.get(k) === v}
                            aria-label=${v === min ? `${v} – ${s.low}` : v === max ? `${v} – ${s.high}` : String(v)}
                            @change=${() => {
                              answers.set(k, v);
                              draw();
                            }}
                          />
                          <span>${v}</span>
                        </label>`,
                    )}
                  </div>
                  <div class="ends" aria-hidden="true"><span>${s.low}</span><span>${s.high}</span></div>
                  ${bad ? html`<p class="field-error" id=${`${id}-err`}>${s.required}</p>` : nothing}
                </fieldset>`;
              })}
            </section>`,
        )}
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
      state = form.submitted
        ? { kind: "used" }
        : { kind: "form", form, sending: false, tried: false, error: null };
      draw();
    })
    .catch((err: unknown) => {
      state = { kind: err instanceof HttpError && err.status === 410 ? "expired" : "unknown" };
      draw();
    });
}
