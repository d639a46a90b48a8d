// The therapist's once-only questionnaires on /my-profile: each questionnaire the network asks its
// therapists to answer once, drawn by the same item renderer as the session forms and sent to the API's
// one check (POST /api/therapists/{id}/questionnaire-responses); a refused answer is named in the page's
// words and every answer given stays on the form. Answered ones show their scores and date instead.
import { html, nothing, type TemplateResult } from "lit-html";
import type { TherapistAttributesOut, TherapistProfileOut } from "@attune/api";
import { api } from "../api.ts";
import type { Questionnaire } from "../patient/model.ts";
import { loadTherapistForms, newRating, ratingForm, type RatingState } from "../therapistRating.ts";
import type { Lang } from "../lang.ts";
import { therapistDataText } from "./therapistDataText.ts";

/** A questionnaire url without its "|version" (the server compares them so). */
const base = (url: string) => url.split("|")[0];

/** What the once-only section keeps between redraws: the forms still to answer and the answers given. */
export interface OnceState {
  forms: Questionnaire[];
  rating: RatingState;
}

/**
 * Loads the forms of the declared once-only questionnaires the therapist has not answered yet.
 *
 * @example
 * const once = await loadOnce(declared.questionnaires, profile);
 */
export async function loadOnce(
  declared: TherapistAttributesOut["questionnaires"],
  me: TherapistProfileOut | undefined,
): Promise<OnceState> {
  const answered = new Set((me?.answered ?? []).map((a) => base(a.questionnaire)));
  const pending = declared.filter((q) => !answered.has(base(q.url)));
  return { forms: await loadTherapistForms(pending.map((q) => q.url)), rating: newRating("profile") };
}

/**
 * The section: the answered questionnaires (title, date, scores), then a form for those left to answer.
 *
 * @example
 * onceSection({ root, declared, me, state, redraw, saved: () => reload() });
 */
export function onceSection(o: {
  root: HTMLElement;
  declared: TherapistAttributesOut["questionnaires"];
  me: TherapistProfileOut | undefined;
  state: OnceState;
  redraw: () => void;
  saved: (message: string) => void;
  /** The page's language (the section's words, dates, numbers and each form where it has it). */
  lang: Lang;
}): TemplateResult | typeof nothing {
  const { me, state } = o;
  const w = therapistDataText(o.lang);
  const day = new Intl.DateTimeFormat(o.lang === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium" });
  const num = new Intl.NumberFormat(o.lang === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 2 });
  if (!me || o.declared.length === 0) return nothing;
  const titleOf = (url: string) => o.declared.find((q) => base(q.url) === base(url))?.title ?? url;
  return html`${
    me.answered.length
      ? html`<section class="card" aria-labelledby="once-done-h">
          <h2 id="once-done-h">${w.answeredHeading}</h2>
          <ul class="plain" data-testid="once-answered">
            ${me.answered.map(
              (a) =>
                html`<li>
                  <strong lang="en">${titleOf(a.questionnaire)}</strong>,
                  ${day.format(new Date(a.submittedAt))}${o.lang === "fr" ? "\u00a0:" : ":"}
                  ${Object.entries(a.scores)
                    .map(([k, v]) => `${k} ${num.format(v)}`)
                    .join(", ")}
                </li>`,
            )}
          </ul>
        </section>`
      : nothing
  }
  ${
    state.forms.length
      ? ratingForm({
          forms: state.forms,
          session: { sessionId: "profile", session: 0 },
          state: state.rating,
          root: o.root,
          redraw: o.redraw,
          saved: o.saved,
          lang: o.lang,
          words: {
            heading: w.onceHeading,
            save: w.saveAnswers,
            saved: w.answersSaved,
            notSaved: w.answersNotSaved,
          },
          send: (q, item) =>
            api("POST", `/api/therapists/${encodeURIComponent(me.therapistId)}/questionnaire-responses`, {
              resourceType: "QuestionnaireResponse",
              questionnaire: q.url,
              status: "completed",
              item,
            }),
        })
      : nothing
  }`;
}
