// The network's forms (FHIR Questionnaires) by url, for titles in tables and the schedule editor.
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";

export interface FormInfo {
  url: string;
  title: string;
  /** Who answers it: from the instrument library, else guessed from the title (demo forms); editable. */
  rater: "patient" | "therapist" | "observer";
}

let cache: Promise<FormInfo[]> | null = null;

/** Every form the server offers, except the carriers of imported scores (they are filled by imports). */
export function loadForms(ctx: StaffContext): Promise<FormInfo[]> {
  cache ??= Promise.all([
    call<{ entry?: { resource: { url?: string; title?: string } }[] }>(ctx, "GET", "/api/fhir/Questionnaire"),
    // The instrument library knows who answers each of its forms; the demo forms are guessed from titles.
    call<{ instruments: { url: string; rater: string }[] }>(ctx, "GET", "/api/instruments").catch(() => ({
      instruments: [],
    })),
  ])
    .then(([b, lib]) => {
      const raters = new Map(lib.instruments.map((i) => [i.url, i.rater]));
      return (b.entry ?? [])
        .map((e) => ({ url: e.resource.url ?? "", title: e.resource.title ?? e.resource.url ?? "" }))
        .filter((f) => f.url && !/imported-scores/.test(f.url))
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

/** The title of a form url, or the last part of the url when the form is unknown. */
export function titleOf(forms: FormInfo[], url: string): string {
  return forms.find((f) => f.url === url)?.title ?? url.split("/").at(-1) ?? url;
}
