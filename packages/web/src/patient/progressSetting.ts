// The network page's "patients see their own progress" card (issue 14 item 8): a coordinator turns on
// (or off) the graph a patient sees right after sending a form (PUT /api/network/patient-progress, audited
// by the server). Off by default. Drawn into its own element, so the network page only leaves a place.
import { html, nothing, render } from "lit-html";
import { api } from "../api.ts";
import type { Lang } from "../lang.ts";

const T = {
  en: {
    title: "Patients' own progress",
    lead:
      "When on, a patient who sends a form through their link sees, on the thank-you page, a graph of their own " +
      "well-being and alliance answers over their sessions (their answers only: no therapist rating, no alert). " +
      "It is shown right after sending (for 30 minutes), not afterwards.",
    label: "Show patients their own progress after they send a form",
    save: "Save",
    saved: (on: boolean) =>
      on ? "Patients now see their own progress after sending." : "Patients no longer see their progress.",
  },
  fr: {
    title: "Évolution montrée aux patients",
    lead:
      "Activé, un patient qui envoie un questionnaire par son lien voit, sur la page de remerciement, un graphique " +
      "de ses propres réponses de bien-être et d'alliance au fil des séances (ses réponses seulement : ni note du " +
      "thérapeute, ni alerte). Il est montré juste après l'envoi (30 minutes), pas ensuite.",
    label: "Montrer aux patients leur évolution après l'envoi d'un questionnaire",
    save: "Enregistrer",
    saved: (on: boolean) =>
      on
        ? "Les patients voient désormais leur évolution après l'envoi."
        : "Les patients ne voient plus leur évolution.",
  },
} as const;

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
