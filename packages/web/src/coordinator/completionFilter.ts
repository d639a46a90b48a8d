// The completion monitor's filter: which patients and due forms to list (a status such as "late only",
// a site, a therapist, part of a patient's code). The totals and the by-site and by-therapist tables
// above it always count everything; only the patient and form lists are filtered.
import { html, type TemplateResult } from "lit-html";
import type { Completion, Status } from "./types.ts";
import type { Lang } from "../lang.ts";
import { completionText } from "./completionText.ts";

/** What the coordinator asked to see. Empty strings mean "any". */
export interface CompletionFilter {
  /** A form status, "pending" (open, late or missed: still unanswered), or "all" (default). */
  status: Exclude<Status, "upcoming"> | "pending" | "all";
  /** A site as the server names it ("(no site)" for staff without one); "" = every site. */
  site: string;
  /** A therapist's code; "" = every therapist. */
  therapist: string;
  /** Part of a patient's code, any case; "" = every patient. */
  patient: string;
}

type Patient = Completion["patients"][number];
type Form = Patient["forms"][number];

/** The status menu's entries, in this order. */
const STATUS_CHOICES: CompletionFilter["status"][] = [
  "all",
  "pending",
  "late",
  "missed",
  "open",
  "declined",
  "done",
];

/**
 * Whether a due form passes the status filter.
 *
 * @example
 * matchesForm({ status: "late", site: "", therapist: "", patient: "" }, form) // true for a late form
 */
export function matchesForm(filter: CompletionFilter, form: Pick<Form, "status">): boolean {
  if (filter.status === "all") return true;
  if (filter.status === "pending") return ["open", "late", "missed"].includes(form.status);
  return form.status === filter.status;
}

/**
 * Whether a patient is listed: their site, therapist and code match, and (unless "all") at least
 * one of their due forms has the chosen status.
 *
 * @example
 * matchesPatient({ status: "all", site: "", therapist: "T01", patient: "" }, p) // p.therapist === "T01"
 */
export function matchesPatient(filter: CompletionFilter, p: Patient): boolean {
  if (filter.site && p.site !== filter.site) return false;
  if (filter.therapist && p.therapist !== filter.therapist) return false;
  if (filter.patient && !p.patient.toLowerCase().includes(filter.patient.trim().toLowerCase())) return false;
  if (filter.status === "all") return true;
  return p.forms.some((f) => f.status !== "upcoming" && matchesForm(filter, f));
}

/**
 * The filter form. It changes `filter` in place and calls `changed` on every change, so the lists
 * follow as the coordinator types or chooses.
 *
 * @example
 * completionFilter(filter, completion, () => draw(), "fr")
 */
export function completionFilter(
  filter: CompletionFilter,
  data: Completion,
  changed: () => void,
  lang: Lang = "en",
): TemplateResult {
  const t = completionText(lang);
  const w = t.filter;
  const siteWords = (s: string) => (s === "(no site)" ? t.noSite : s);
  const set = (key: keyof CompletionFilter) => (e: Event) => {
    // Typed structurally: this file is also type-checked with the tests, which have no DOM types.
    (filter as unknown as Record<string, string>)[key] = (e.target as unknown as { value: string }).value;
    changed();
  };
  return html`<section class="card" aria-labelledby="filter-h">
    <h2 id="filter-h">${w.heading}</h2>
    <form class="inline-form filter-form" role="search" @submit=${(e: Event) => e.preventDefault()}>
      <div class="field">
        <label for="f-status">${w.show}</label>
        <select id="f-status" @change=${set("status")}>
          ${STATUS_CHOICES.map(
            (v) => html`<option value=${v} ?selected=${filter.status === v}>${w.choices[v]}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="f-site">${w.site}</label>
        <select id="f-site" @change=${set("site")}>
          <option value="" ?selected=${filter.site === ""}>${w.everySite}</option>
          ${data.sites.map(
            (s) =>
              html`<option value=${s.site} ?selected=${filter.site === s.site}>${siteWords(s.site)}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="f-therapist">${w.therapist}</label>
        <select id="f-therapist" @change=${set("therapist")}>
          <option value="" ?selected=${filter.therapist === ""}>${w.everyTherapist}</option>
          ${data.therapists.map(
            (t) =>
              html`<option value=${t.therapist} ?selected=${filter.therapist === t.therapist}>
                ${t.therapist}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="f-patient">${w.patient}</label>
        <input id="f-patient" type="search" class="short" .value=${filter.patient} @input=${set("patient")} />
      </div>
    </form>
  </section>`;
}
