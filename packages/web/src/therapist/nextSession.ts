// The next session's patient link on the therapist's patient page: one button makes the session and the
// one-time link to the patient's forms of the episode's study schedule.
import { html, type TemplateResult } from "lit-html";
import { api } from "../api.ts";
import type { TherapistContext } from "./context.ts";
import type { Dyad } from "./types.ts";

/**
 * The "next session" card of a dyad.
 *
 * @example
 * html`${nextSession(ctx, dyad)}`;
 */
export function nextSession(ctx: TherapistContext, d: Dyad): TemplateResult {
  const t = ctx.t;
  const make = async () => {
    const n = (d.series.at(-1)?.session ?? 0) + 1;
    const s = await api<{ id: string }>("POST", `/api/episodes/${d.episodeId}/sessions`, {
      number: n,
      date: new Date().toISOString().slice(0, 10),
    });
    // The patient's forms of this episode's study schedule (the demo forms without one).
    const l = await api<{ url: string }>("POST", `/api/sessions/${s.id}/links`, { forms: d.forms.patient });
    const out = ctx.root.querySelector<HTMLOutputElement>("#link-out");
    if (out) out.value = l.url;
    ctx.announce(t.patient.linkMade(n));
  };
  return html`<section aria-labelledby="next-h" class="card">
    <h2 id="next-h">${t.patient.nextH}</h2>
    <p class="muted">${t.patient.nextLead}</p>
    <button type="button" class="secondary" @click=${make}>${t.patient.nextButton}</button>
    <p><output id="link-out" class="link-out" aria-live="polite"></output></p>
  </section>`;
}
