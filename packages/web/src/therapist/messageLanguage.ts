// The patient's message language on the therapist's patient page (issue 14): which language the e-mailed
// or texted link and its reminders are written in (PUT /api/episodes/{id}/message-language). Beside "Send
// to the patient", because that is where it matters. The address itself stays with the coordinator.
import { html, nothing, type TemplateResult } from "lit-html";
import type { MessageLanguage } from "@attune/api";
import { api } from "../api.ts";
import type { Lang } from "../i18n.ts";

type Language = MessageLanguage["language"];

const WORDS = {
  en: {
    label: "Language of the patient's messages",
    en: "English",
    fr: "French",
    saved: (l: string) => `Messages to this patient are now written in ${l}.`,
    failed: (e: string) => `The language was not saved: ${e}`,
  },
  fr: {
    label: "Langue des messages au patient",
    en: "anglais",
    fr: "français",
    saved: (l: string) => `Les messages à ce patient sont désormais écrits en ${l}.`,
    failed: (e: string) => `La langue n'a pas été enregistrée : ${e}`,
  },
};

/** Each episode's language as read or saved on this page, and the last result line, across redraws. */
const known = new Map<string, Language>();
const said = new Map<string, string>();
const loading = new Set<string>();

/**
 * The language field of episode `episodeId` (reads it once, then keeps it).
 *
 * @example
 * html`${messageLanguageField(d.episodeId, ctx.lang, redraw)}`
 */
export function messageLanguageField(episodeId: string, lang: Lang, redraw: () => void): TemplateResult {
  const w = WORDS[lang === "fr" ? "fr" : "en"];
  const path = `/api/episodes/${encodeURIComponent(episodeId)}/message-language` as const;
  if (!known.has(episodeId) && !loading.has(episodeId)) {
    loading.add(episodeId);
    // Redraw only if the page is still this one: a therapist who went back to the caseload meanwhile must
    // not get the patient's page drawn over it.
    const here = location.pathname;
    void api<MessageLanguage>("GET", path)
      .then((r) => known.set(episodeId, r.language))
      .catch(() => known.set(episodeId, "en"))
      .finally(() => {
        loading.delete(episodeId);
        if (location.pathname === here) redraw();
      });
  }
  const change = async (e: Event) => {
    const language = (e.target as HTMLSelectElement).value as Language;
    try {
      const r = await api<MessageLanguage>("PUT", path, { language });
      known.set(episodeId, r.language);
      said.set(episodeId, w.saved(w[r.language]));
    } catch (err) {
      said.set(episodeId, w.failed(err instanceof Error ? err.message : String(err)));
    }
    redraw();
  };
  const current = known.get(episodeId);
  const line = said.get(episodeId);
  return html`<div class="field message-language">
    <label for="message-language">${w.label}</label>
    <select
      id="message-language"
      ?disabled=${current === undefined}
      .value=${current ?? "en"}
      @change=${change}
    >
      ${(["en", "fr"] as const).map((l) => html`<option value=${l}>${w[l]}</option>`)}
    </select>
    ${line ? html`<p class="small" role="status" data-testid="language-saved">${line}</p>` : nothing}
  </div>`;
}
