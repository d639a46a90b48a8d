// One assigned session (/coding/<sessionId>): who and when (codes only), then the observer form(s) drawn
// by the patient form's renderer (enableWhen included). Once coded, the page shows what was coded and
// offers a correction, which the server stores as a new version pointing at the old one.
import { html, nothing, type TemplateResult } from "lit-html";
import { api } from "../api.ts";
import type { StaffContext } from "../context.ts";
import { texts } from "../patient/model.ts";
import { loadTherapistForms, newRating, ratingForm, type RatingState } from "../therapistRating.ts";
import { codedText, fillAnswers, type StoredResponse } from "./answers.ts";
import { when, type CodingSession } from "./types.ts";

/** The coding in progress, kept across redraws and the reload after saving. */
let state: { sessionId: string; rating: RatingState | null; flash: string } | null = null;

function notAssigned(ctx: StaffContext): void {
  ctx.shell(
    "Session not available",
    html`<h1 tabindex="-1">Session not available</h1>
      <div class="error-box" role="alert">
        <p>
          This session is not assigned to you, so you cannot open or code it. Coders see only the sessions a
          coordinator assigned to them; ask the study coordinator if you should code this one.
        </p>
      </div>
      <p>${ctx.link("/coding", "← Sessions to code")}</p>`,
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
  const title = `Patient ${s.patient}, session ${s.number}`;

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
      <h2 id="coded-h">Your coding</h2>
      ${
        st.flash
          ? html`<p class="ok-box" role="status">${st.flash}</p>`
          : html`<p><span class="badge done">Coded</span> on ${when(s!.codedAt!)}.</p>`
      }
      ${stored.map((r) => {
        const q = forms.find((f) => f.url === r.questionnaire);
        const version = s!.responses.find((x) => x.id === r.id);
        return html`<div class="form-part">
          ${q ? html`<h3>${texts(q, "en").title}</h3>` : nothing}
          <dl class="coded" data-testid="coded">
            ${
              q
                ? codedText(q, r).map(
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
                  Corrected (version ${version.version}, ${when(version.submittedAt)}).
                </p>`
              : nothing
          }
        </div>`;
      })}
      <p class="muted small">
        A correction is saved as a new version; the earlier one is kept, so nothing you coded is overwritten.
      </p>
      <button class="secondary" type="button" @click=${startCorrection}>Correct the coding</button>
    </section>`;
  }

  function draw(): void {
    const correcting = s!.codedAt !== null;
    const corrects = new Map(s!.responses.map((r) => [r.questionnaire, r.id]));
    ctx.shell(
      title,
      html`<p>${ctx.link("/coding", "← Sessions to code")}</p>
        <h1 tabindex="-1">Coding: ${title}</h1>
        <dl class="nums card" aria-label="The session">
          <div>
            <dt>Patient</dt>
            <dd>${s!.patient}</dd>
          </div>
          <div>
            <dt>Session</dt>
            <dd>${s!.number}</dd>
          </div>
          <div>
            <dt>Date</dt>
            <dd>${s!.date ?? "—"}</dd>
          </div>
          <div>
            <dt>Therapist</dt>
            <dd>${s!.therapist}</dd>
          </div>
          <div>
            <dt>Study</dt>
            <dd>${s!.study ?? "no study"}</dd>
          </div>
        </dl>
        <p class="lead">
          Watch or listen to the recording of this session, then code what you observe: whether an alliance
          rupture occurred, and if so its type, how strong it was and how far it was resolved.
        </p>
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
                words: {
                  heading: correcting
                    ? `Correct your coding of session ${s!.number}`
                    : `Your coding of session ${s!.number}`,
                  save: correcting ? "Save the correction" : "Save the coding",
                  saved: correcting
                    ? `Your correction of session ${s!.number} of patient ${s!.patient} is saved.`
                    : `Your coding of session ${s!.number} of patient ${s!.patient} is saved.`,
                  notSaved: "The coding was not saved",
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
                  Cancel the correction
                </button>
              </p>`
            : nothing
        }`,
    );
  }
  draw();
}
