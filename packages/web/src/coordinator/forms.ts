// The network's forms (FHIR Questionnaires) by url, for titles in tables and the schedule editor.
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";

export interface FormInfo {
  url: string;
  title: string;
  /** Who answers it, guessed from the title (the Questionnaire resource does not say); editable. */
  rater: "patient" | "therapist" | "observer";
}

let cache: Promise<FormInfo[]> | null = null;

/** Every form the server offers, except the carriers of imported scores (they are filled by imports). */
export function loadForms(ctx: StaffContext): Promise<FormInfo[]> {
  cache ??= call<{ entry?: { resource: { url?: string; title?: string } }[] }>(
    ctx,
    "GET",
    "/api/fhir/Questionnaire",
  )
    .then((b) =>
      (b.entry ?? [])
        .map((e) => ({ url: e.resource.url ?? "", title: e.resource.title ?? e.resource.url ?? "" }))
        .filter((f) => f.url && !/imported-scores/.test(f.url))
        .map((f) => ({ ...f, rater: guessRater(f.title) })),
    )
    .catch((e: unknown) => {
      cache = null;
      throw e;
    });
  return cache;
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
