// The next session's patient link on the therapist's patient page: one button makes the session and the
// one-time link in one step on the server (nothing is stored when it fails; a second click the same day
// gives another link to the same unanswered session). The link is shown with a copy button, its expiry
// and a QR code, and stays on the page while live answers redraw it. The session can be scheduled ahead (a
// day and a time): its link then opens on that day, which the card says.
import type { NextSessionOut as Made } from "@attune/api";
import { html, nothing, type TemplateResult } from "lit-html";
import { api } from "../api.ts";
import { qrSvg } from "../qr.ts";
import type { TherapistContext } from "./context.ts";
import type { Dyad } from "./types.ts";
import { linkWords } from "./words.ts";
import { sendLinkButton } from "./sendLink.ts";
import { messageLanguageField } from "./messageLanguage.ts";

/** The link made on this page (by episode), and the last failure, kept across redraws. */
const made = new Map<string, Made>();
const failed = new Map<string, string>();
let busy = false;
/** The day and time typed for the next session (kept across live redraws; null = today). */
let day: string | null = null;
let hour = "";

/**
 * The "next session" card of a dyad. `reload` refetches the page after a session was made (the new
 * session joins the table; the rating form stays on the session held); `redraw` draws it again as loaded.
 *
 * @example
 * html`${nextSession(ctx, dyad, () => void episodePage(ctx, dyad.episodeId))}`;
 */
export function nextSession(
  ctx: TherapistContext,
  d: Dyad,
  reload: () => void,
  redraw: () => void = reload,
): TemplateResult {
  const t = ctx.t;
  const w = linkWords(ctx.lang);
  const blank = d.nextLinkBlocked.map((f) => `“${f}”`).join(", ");
  const make = async () => {
    if (busy) return;
    busy = true;
    try {
      const day = ctx.root.querySelector<HTMLInputElement>("#next-date")?.value || localDay(new Date());
      const time = ctx.root.querySelector<HTMLInputElement>("#next-time")?.value ?? "";
      const m = await api<Made>(
        "POST",
        `/api/episodes/${encodeURIComponent(d.episodeId)}/next-session-link`,
        { date: day, ...(time ? { time } : {}), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
      );
      made.set(d.episodeId, m);
      failed.delete(d.episodeId);
      ctx.announce(m.reused ? w.reused(m.number) : t.patient.linkMade(m.number));
    } catch (err) {
      failed.set(d.episodeId, err instanceof Error ? err.message : String(err));
    } finally {
      busy = false;
    }
    reload();
  };
  const m = made.get(d.episodeId);
  const error = failed.get(d.episodeId);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(ctx.lang, { dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
  const copy = async () => {
    const status = ctx.root.querySelector<HTMLElement>("#copy-status");
    try {
      await navigator.clipboard.writeText(m!.url);
      if (status) status.textContent = w.copied;
    } catch {
      ctx.root.querySelector<HTMLInputElement>("#link-out")?.select();
      if (status) status.textContent = w.copyFailed;
    }
  };
  return html`<section aria-labelledby="next-h" class="card next-session">
    <h2 id="next-h">${t.patient.nextH}</h2>
    <p class="muted">${t.patient.nextLead}</p>
    ${blank ? html`<p class="error-box" role="alert" data-testid="link-blocked">${w.blank(blank)}</p>` : nothing}
    ${
      error
        ? html`<div class="error-box" role="alert" data-testid="link-failed">
            <p><strong>${w.failed}</strong></p>
            <p>${error}</p>
          </div>`
        : nothing
    }
    <div class="schedule-row">
      <div class="field">
        <label for="next-date">${w.date}</label>
        <input
          id="next-date"
          type="date"
          min=${localDay(new Date())}
          .value=${day ?? localDay(new Date())}
          @change=${(e: Event) => (day = (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="next-time">${w.time}</label>
        <input
          id="next-time"
          type="time"
          .value=${hour}
          @change=${(e: Event) => (hour = (e.target as HTMLInputElement).value)}
        />
      </div>
      <button type="button" class="secondary" ?disabled=${blank !== ""} @click=${make}>
        ${t.patient.nextButton}
      </button>
    </div>
    ${messageLanguageField(d.episodeId, ctx.lang, redraw)}
    ${
      m
        ? html`<div class="link-card" data-testid="link-card">
            <h3>${w.linkFor(m.number)}</h3>
            ${m.reused ? html`<p class="muted">${w.reused(m.number)}</p>` : nothing}
            <div class="link-row">
              <input
                id="link-out"
                class="link-out"
                type="text"
                readonly
                .value=${m.url}
                aria-label=${w.linkFor(m.number)}
                @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
              />
              <button type="button" class="primary" @click=${copy}>${w.copy}</button>
            </div>
            ${
              m.opensAt && Date.parse(m.opensAt) > Date.now()
                ? html`<p class="warn-box" data-testid="link-opens">
                    ${w.opens(dayText(m.date ?? "", ctx.lang, m.time))}
                  </p>`
                : nothing
            }
            <p class="muted small" data-testid="link-expiry">${w.expires(when(m.expiresAt))}</p>
            <p id="copy-status" class="small" role="status" aria-live="polite"></p>
            ${sendLinkButton(m.url, ctx.lang, reload)} ${qrSvg(m.url, w.qr(m.number))}
          </div>`
        : nothing
    }
  </section>`;
}

/**
 * A clinic day ("2026-12-08") in words, with its time ("Tuesday 8 December 2026 at 14:30").
 *
 * @example
 * dayText("2026-12-08", "en", "14:30"); // "Tuesday 8 December 2026, 14:30"
 */
export function dayText(date: string, lang: string, time: string | null = null): string {
  const d = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
  return time ? `${d}, ${time}` : d;
}

/**
 * The therapist's calendar day (not UTC's): a session made at 00:30 in Paris belongs to that day.
 *
 * @example
 * localDay(new Date()); // "2026-03-01"
 */
export function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
