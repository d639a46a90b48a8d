// The network's forms (FHIR Questionnaires) by url, for titles in tables and the schedule editor.
import { html, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import type { Lang } from "../lang.ts";
import { texts, type Questionnaire } from "../patient/model.ts";

export interface FormInfo {
  url: string;
  title: string;
  /** The French title where the form has one (a translation extension or the demo forms' table). */
  titleFr?: string;
  /** Who answers it: from the instrument library, else guessed from the title (demo forms); editable. */
  rater: "patient" | "therapist" | "observer";
}

let cache: Promise<FormInfo[]> | null = null;

/** Every form the server offers, except the carriers of imported scores (they are filled by imports). */
export function loadForms(ctx: StaffContext): Promise<FormInfo[]> {
  cache ??= Promise.all([
    call<{ entry?: { resource: Questionnaire }[] }>(ctx, "GET", "/api/fhir/Questionnaire"),
    // The instrument library knows who answers each of its forms; the demo forms are guessed from titles.
    call<{ instruments: { url: string; rater: string }[] }>(ctx, "GET", "/api/instruments").catch(() => ({
      instruments: [],
    })),
  ])
    .then(([b, lib]) => {
      const raters = new Map(lib.instruments.map((i) => [i.url, i.rater]));
      return (b.entry ?? [])
        .map((e) => {
          const title = e.resource.title ?? e.resource.url ?? "";
          const fr = e.resource.title ? texts(e.resource, "fr").title : "";
          return { url: e.resource.url ?? "", title, ...(fr && fr !== title ? { titleFr: fr } : {}) };
        })
        .filter((f) => f.url && !/imported-(scores|totals)/.test(f.url))
        .map((f) => ({ ...f, rater: raterOf(raters.get(f.url)) ?? guessRater(f.title) }));
    })
    .catch((e: unknown) => {
      cache = null;
      throw e;
    });
  return cache;
}

function raterOf(r: string | undefined): FormInfo["rater"] | undefined {
  return r === "patient" || r === "therapist" || r === "observer" ? r : undefined;
}

function guessRater(title: string): FormInfo["rater"] {
  if (/observer|coding/i.test(title)) return "observer";
  if (/therapist/i.test(title)) return "therapist";
  return "patient";
}

/**
 * The title of a form url in `lang` where the form has it, or the last part of the url when it is unknown.
 *
 * @example
 * titleOf(forms, "https://attune.example/fhir/Questionnaire/wellbeing", "fr")
 */
export function titleOf(forms: FormInfo[], url: string, lang: Lang = "en"): string {
  const f = forms.find((x) => x.url === url);
  return (lang === "fr" ? f?.titleFr : undefined) ?? f?.title ?? url.split("/").at(-1) ?? url;
}

/**
 * The title of a form url for a page in `lang`: as titleOf, but a title with no French translation on a
 * French page is marked English (lang="en"), so screen readers say it as written.
 *
 * @example
 * html`<td>${titleMarked(forms, item.questionnaire, ctx.lang)}</td>`
 */
export function titleMarked(forms: FormInfo[], url: string, lang: Lang): string | TemplateResult {
  const title = titleOf(forms, url, lang);
  const translated = lang === "en" || forms.find((x) => x.url === url)?.titleFr !== undefined;
  return translated ? title : html`<span lang="en">${title}</span>`;
}
