// One assigned session (/coding/<sessionId>): who and when (codes only), then the observer form(s) drawn
// by the patient form's renderer (enableWhen included). Once coded, the page shows what was coded and
// offers a correction, which the server stores as a new version pointing at the old one.
import { html, nothing, type TemplateResult } from "lit-html";
import { api } from "../api.ts";
import type { StaffContext } from "../context.ts";
import { formLang, texts } from "../patient/model.ts";
import { loadTherapistForms, newRating, ratingForm, type RatingState } from "../therapistRating.ts";
import { codedText, fillAnswers, type StoredResponse } from "./answers.ts";
import { day, when, type CodingSession } from "./types.ts";
import { coderWords } from "./words.ts";

/** The coding in progress, kept across redraws and the reload after saving. */
let state: { sessionId: string; rating: RatingState | null; flash: string } | null = null;

function notAssigned(ctx: StaffContext): void {
  const w = coderWords(ctx.lang).session;
  ctx.shell(
    w.notAssignedTitle,
    html`<h1 tabindex="-1">${w.notAssignedTitle}</h1>
      <div class="error-box" role="alert">
        <p>${w.notAssigned}</p>
      </div>
      <p>${ctx.link("/coding", w.back)}</p>`,
    true,
  );
}

/**
 * Renders one assigned session's coding page: the form to code it, or what was coded with a way to
 * correct it. A session not assigned to the coder gets a page that says so.
 *
 * @example
 * await codingPage(ctx, "01JD4…");
 */
export async function codingPage(ctx: StaffContext, id: string): Promise<void> {
  ctx.setRefresh(null);
  const { sessions } = await api<{ sessions: CodingSession[] }>("GET", "/api/coding/sessions");
  const s = sessions.find((x) => x.sessionId === id);
  if (!s) return notAssigned(ctx);
  if (state?.sessionId !== id) state = { sessionId: id, rating: null, flash: "" };
  const st = state;
  const forms = await loadTherapistForms(s.forms);
  // The coder's own codings only (a second coder of the same session codes blind to this one).
  const stored = await Promise.all(
    s.responses.map((r) =>
      api<StoredResponse>("GET", `/api/fhir/QuestionnaireResponse/${encodeURIComponent(r.id)}`),
    ),
  );
  if (s.codedAt === null && !st.rating) st.rating = newRating(id);
  const lang = ctx.lang;
  const w = coderWords(lang);
  const ws = w.session;
  const title = ws.title(s.patient, s.number);

  const startCorrection = () => {
    const rating = newRating(id);
    for (const r of stored) {
      const q = forms.find((f) => f.url === r.questionnaire);
      if (q) fillAnswers(q, r, rating.answers);
    }
    st.rating = rating;
    st.flash = "";
    draw();
    // Focus lands on the answer to change first (the coded type), as a keyboard user would want.
    ctx.root.querySelector<HTMLElement>("form.rate input:checked, form.rate input")?.focus();
  };

  function coded(): TemplateResult {
    return html`<section class="card coded-box" aria-labelledby="coded-h">
      <h2 id="coded-h">${ws.yours}</h2>
      ${
        st.flash
          ? html`<p class="ok-box" role="status">${st.flash}</p>`
          : html`<p>${ws.codedOn(when(s!.codedAt!, lang))}</p>`
      }
      ${stored.map((r) => {
        const q = forms.find((f) => f.url === r.questionnaire);
        const version = s!.responses.find((x) => x.id === r.id);
        // The form's own words in the page's language where it has them, else marked as its language.
        const l = q ? formLang(q, lang) : lang;
        return html`<div class="form-part">
          ${q ? html`<h3 lang=${l !== lang ? l : nothing}>${texts(q, l).title}</h3>` : nothing}
          <dl class="coded" data-testid="coded" lang=${l !== lang ? l : nothing}>
            ${
              q
                ? codedText(q, r, l).map(
                    (x) =>
                      html`<dt>${x.question}</dt>
                        <dd><strong>${x.answer}</strong></dd>`,
                  )
                : nothing
            }
          </dl>
          ${
            version && version.version > 1
              ? html`<p class="muted small">
                  ${ws.corrected(version.version, when(version.submittedAt, lang))}
                </p>`
              : nothing
          }
        </div>`;
      })}
      <p class="muted small">${ws.kept}</p>
      <button class="secondary" type="button" @click=${startCorrection}>${ws.correct}</button>
    </section>`;
  }

  function draw(): void {
    const correcting = s!.codedAt !== null;
    const corrects = new Map(s!.responses.map((r) => [r.questionnaire, r.id]));
    ctx.shell(
      title,
      html`<p>${ctx.link("/coding", ws.back)}</p>
        <h1 tabindex="-1">${ws.heading(title)}</h1>
        <dl class="nums card" aria-label=${ws.facts}>
          ${[s!.patient, String(s!.number), day(s!.date, lang), s!.therapist, s!.study ?? w.noStudy].map(
            (v, i) =>
              html`<div>
                <dt>${w.cols[i]}</dt>
                <dd>${v}</dd>
              </div>`,
          )}
        </dl>
        <p class="lead">${ws.lead}</p>
        ${
          st.rating
            ? ratingForm({
                forms,
                session: { sessionId: id, session: s!.number },
                state: st.rating,
                root: ctx.root,
                redraw: draw,
                saved: (message) => {
                  st.rating = null;
                  st.flash = message;
                  void codingPage(ctx, id);
                },
                lang,
                words: {
                  heading: ws.formHeading(correcting, s!.number),
                  save: ws.save(correcting),
                  saved: ws.saved(correcting, s!.number, s!.patient),
                  notSaved: ws.notSaved,
                },
                ...(correcting ? { corrects } : {}),
              })
            : nothing
        }
        ${s!.codedAt !== null && !st.rating ? coded() : nothing}
        ${
          correcting && st.rating
            ? html`<p>
                <button
                  class="secondary"
                  type="button"
                  @click=${() => {
                    st.rating = null;
                    draw();
                  }}
                >
                  ${ws.cancel}
                </button>
              </p>`
            : nothing
        }`,
      true,
    );
  }
  draw();
}
