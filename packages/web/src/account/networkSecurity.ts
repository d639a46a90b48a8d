// The network page's sign-in security card: a coordinator requires (or stops requiring) two-factor sign-in
// for all staff (PUT /api/network/security). Drawn into its own element, so the network page only leaves
// a place for it.
import type { NetworkSecurity } from "@attune/api";
import { html, nothing, render } from "lit-html";
import { api, HttpError } from "../api.ts";
import type { Lang } from "../lang.ts";
import { accountText } from "./text.ts";

/**
 * Fills `el` with the card in the page's language `lang` and keeps it up to date.
 *
 * @example
 * void securityCard(root.querySelector("#security-card")!, ctx.lang);
 */
export async function securityCard(el: HTMLElement, lang: Lang): Promise<void> {
  let s = await api<NetworkSecurity>("GET", "/api/network/security");
  let error = "";
  let ok = "";
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const t = accountText(lang).network;
    const requireTotp = (e.target as HTMLFormElement).querySelector<HTMLInputElement>(
      "#require-totp",
    )!.checked;
    try {
      s = await api<NetworkSecurity>("PUT", "/api/network/security", { requireTotp });
      ok = t.saved(s.requireTotp);
      error = "";
    } catch (err) {
      ok = "";
      error = err instanceof HttpError && err.status === 409 ? t.ownFirst : String(err);
    }
    draw();
  };
  const draw = () => {
    const t = accountText(lang).network;
    render(
      html`<section class="card" aria-labelledby="security-h">
        <h2 id="security-h">${t.title}</h2>
        <p class="muted">${t.lead(s.staffWithoutTotp)}</p>
        ${error ? html`<p class="error-box" role="alert">${error}</p>` : nothing}
        ${ok ? html`<p class="ok-box" role="status">${ok}</p>` : nothing}
        <form class="inline-form" @submit=${save}>
          <label><input id="require-totp" type="checkbox" .checked=${s.requireTotp} /> ${t.require}</label>
          <button class="primary" type="submit">${t.save}</button>
        </form>
      </section>`,
      el,
    );
  };
  draw();
}
