// The network page's "patients see their own progress" card (issue 14 item 8): a coordinator turns on
// (or off) the graph a patient sees right after sending a form (PUT /api/network/patient-progress, audited
// by the server). Off by default. Drawn into its own element, so the network page only leaves a place.
import { html, nothing, render } from "lit-html";
import { api } from "../api.ts";
import type { Lang } from "../lang.ts";
import { PROGRESS_SETTING as T } from "./progressSettingText.ts";

/**
 * Fills `el` with the card in the page's language `lang` (not the one stored in the browser, which an
 * account's own language can override) and keeps it up to date.
 *
 * @example
 * void progressSettingCard(root.querySelector("#progress-card")!, ctx.lang);
 */
export async function progressSettingCard(el: HTMLElement, lang: Lang): Promise<void> {
  let share = (await api<{ shareProgress: boolean }>("GET", "/api/network/patient-progress")).shareProgress;
  let error = "";
  let ok = "";
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const wanted = (e.target as HTMLFormElement).querySelector<HTMLInputElement>("#share-progress")!.checked;
    try {
      share = (
        await api<{ shareProgress: boolean }>("PUT", "/api/network/patient-progress", {
          shareProgress: wanted,
        })
      ).shareProgress;
      ok = T[lang].saved(share);
      error = "";
    } catch (err) {
      ok = "";
      error = String(err);
    }
    draw();
  };
  const draw = () => {
    const t = T[lang];
    render(
      html`<section class="card" aria-labelledby="progress-setting-h">
        <h2 id="progress-setting-h">${t.title}</h2>
        <p class="muted">${t.lead}</p>
        ${error ? html`<p class="error-box" role="alert">${error}</p>` : nothing}
        ${ok ? html`<p class="ok-box" role="status">${ok}</p>` : nothing}
        <form class="inline-form" @submit=${save}>
          <label><input id="share-progress" type="checkbox" .checked=${share} /> ${t.label}</label>
          <button class="primary" type="submit">${t.save}</button>
        </form>
      </section>`,
      el,
    );
  };
  draw();
}
