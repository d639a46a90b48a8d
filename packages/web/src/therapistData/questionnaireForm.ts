// The coordinator's "ask every therapist once" form on /therapist-data: a questionnaire rated by the
// therapist and not about one session (e.g. a background form) whose scores become therapist-level
// columns of the analysis table (`<questionnaire>_<scale>`).
import { html, nothing, type TemplateResult } from "lit-html";
import type { InstrumentOut, TherapistAttributesOut } from "@attune/api";
import type { TherapistDataText } from "./therapistDataText.ts";

/**
 * The form: a select of the therapist-rated instruments not yet declared, and a button; `declare`
 * receives the chosen questionnaire's canonical URL. Nothing when every such instrument is declared.
 *
 * @example
 * questionnaireForm(therapistDataText("fr"), instruments, declared.questionnaires, (url) => post(url));
 */
export function questionnaireForm(
  w: TherapistDataText,
  instruments: readonly InstrumentOut[],
  declared: TherapistAttributesOut["questionnaires"],
  declare: (url: string) => void,
): TemplateResult | typeof nothing {
  const asked = new Set(declared.map((q) => q.url));
  // Forms answered after each session (in-session experiences) are never once-only (core's onceOnlyRefusal).
  const offered = instruments.filter((i) => i.rater === "therapist" && !i.perSession && !asked.has(i.url));
  if (offered.length === 0) return nothing;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const select = (e.target as HTMLFormElement).querySelector<HTMLSelectElement>("#tq-url");
    if (select?.value) declare(select.value);
  };
  return html`<form class="card" @submit=${submit} aria-labelledby="tq-h">
    <h2 id="tq-h">${w.askHeading}</h2>
    <p class="muted small">${w.askHint}</p>
    <label for="tq-url">${w.questionnaire}</label>
    <select id="tq-url">
      ${offered.map((i) => html`<option value=${i.url} lang="en">${i.title} (${i.shortTitle})</option>`)}
    </select>
    <button class="primary" type="submit">${w.askButton}</button>
  </form>`;
}
