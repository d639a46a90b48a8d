// Small pieces every coordinator page uses: the error box with the server's diagnostics, a link to copy,
// dates, and focusing what needs attention after a redraw.
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { ApiProblem } from "./http.ts";
import type { Lang } from "../lang.ts";

/** The copy button's words. */
const COPY = {
  en: { copy: "Copy", label: (what: string) => `Copy ${what.toLowerCase()}`, copied: "Link copied." },
  fr: { copy: "Copier", label: (what: string) => `Copier : ${what}`, copied: "Lien copié." },
} satisfies Record<Lang, unknown>;

/** The problem in words: the server's message and, for a refused request, each issue it named. */
export function problemOf(err: unknown): { message: string; details: string[] } {
  if (err instanceof ApiProblem) return { message: err.message, details: err.details };
  return { message: err instanceof Error ? err.message : String(err), details: [] };
}

/**
 * An error box (role=alert, focusable) for `err`, or nothing. `intro` says what failed (in the page's
 * language); the server's own message and issues are English, so marked lang="en".
 */
export function errorBox(err: unknown, intro: string): TemplateResult | typeof nothing {
  if (err === null || err === undefined) return nothing;
  const p = problemOf(err);
  const server = err instanceof ApiProblem;
  return html`<div class="error-box" role="alert" tabindex="-1">
    <p><strong>${intro}</strong> <span lang=${server ? "en" : nothing}>${p.message}</span></p>
    ${
      p.details.length
        ? html`<ul lang="en">
            ${p.details.map((d) => html`<li>${d}</li>`)}
          </ul>`
        : nothing
    }
  </div>`;
}

/** After a redraw, move focus to the first error box (so a screen reader and the eye land on it). */
export function focusError(ctx: StaffContext): void {
  ctx.root.querySelector<HTMLElement>(".error-box")?.focus();
}

async function copy(input: HTMLInputElement, ctx: StaffContext): Promise<void> {
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    // The clipboard API needs a secure context; the selected text can still be copied by hand.
    document.execCommand("copy");
  }
  ctx.announce(COPY[ctx.lang].copied);
}

/** A read-only link field with a Copy button; the text is selected on focus. */
export function copyField(
  ctx: StaffContext,
  id: string,
  label: string,
  value: string,
  hideLabel = false,
): TemplateResult {
  return html`<div class="copy">
    <label for=${id} class=${hideLabel ? "sr-only" : ""}>${label}</label>
    <div class="copy-row">
      <input
        id=${id}
        type="text"
        readonly
        .value=${value}
        @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
      />
      <button
        type="button"
        class="secondary"
        aria-label=${COPY[ctx.lang].label(label)}
        @click=${() => void copy(ctx.root.querySelector<HTMLInputElement>(`#${id}`)!, ctx)}
      >
        ${COPY[ctx.lang].copy}
      </button>
    </div>
  </div>`;
}

/** A time as the coordinator reads it: "22 Nov 2026, 14:05" ("22 nov. 2026, 14:05") in their own time zone. */
export const when = (iso: string, lang: "en" | "fr" = "en"): string =>
  new Date(iso).toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });

/** Today (local) as YYYY-MM-DD, the value of a date input. */
export const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** A rate 0..1 as a whole percentage, "—" when nothing was due. */
export const pct = (r: number | null): string => (r === null ? "—" : `${Math.round(r * 100)}%`);
