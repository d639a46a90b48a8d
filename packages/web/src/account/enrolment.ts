// Enrolling an authenticator app, as a small state machine drawn by its page: start (a new secret from the
// server, shown as a QR code and as text) → confirm with a current code → the ten recovery codes, shown
// once. Used by the account page and by the forced enrolment right after sign-in (signInSteps.ts).
import type { TotpSetup } from "@attune/api";
import { html, nothing, type TemplateResult } from "lit-html";
import { api, HttpError } from "../api.ts";
import type { Me } from "../context.ts";
import type { Lang } from "../i18n.ts";
import { accountText } from "./text.ts";

/** What the account pages need from the app shell. */
export interface AccountHost {
  lang(): Lang;
  /** Draws a page in the staff frame (translated: no English marker). */
  shell(title: string, body: TemplateResult): void;
  /** Fully signed in now (after the second step or an enrolment from sign-in). */
  enter(me: Me): void;
  /** Back to the sign-in page. */
  signIn(): void;
}

export class Enrolment {
  stage: "idle" | "scan" | "codes" = "idle";
  private setup: TotpSetup | null = null;
  private codes: string[] = [];
  private error = "";
  /** The full session's staff member when enrolment ended a half-signed-in state. */
  me: Me | null = null;

  /**
   * @example
   * const enrolment = new Enrolment(host, () => draw());
   */
  constructor(
    private readonly host: AccountHost,
    private readonly redraw: () => void,
  ) {}

  /** Asks the server for a new secret and shows it. */
  async start(): Promise<void> {
    this.error = "";
    try {
      this.setup = await api<TotpSetup>("POST", "/api/auth/totp/setup");
      this.stage = "scan";
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
    this.redraw();
    document.querySelector<HTMLInputElement>("#totp-code")?.focus();
  }

  private async confirm(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const code = String(new FormData(e.target as HTMLFormElement).get("code") ?? "");
    try {
      const r = await api<{ recoveryCodes: string[]; me?: Me }>("POST", "/api/auth/totp/enable", { code });
      this.codes = r.recoveryCodes;
      this.me = r.me ?? null;
      this.stage = "codes";
      this.error = "";
    } catch (err) {
      this.error =
        err instanceof HttpError && err.status === 400
          ? accountText(this.host.lang()).enrol.wrong
          : err instanceof Error
            ? err.message
            : String(err);
    }
    this.redraw();
    document.querySelector<HTMLElement>(this.stage === "codes" ? "#codes-h" : "#totp-code")?.focus();
  }

  /**
   * The enrolment's part of a page; `done` runs when the person has seen the recovery codes.
   *
   * @example
   * html`<section>${enrolment.view(() => host.enter(enrolment.me!))}</section>`;
   */
  view(done: () => void): TemplateResult {
    const t = accountText(this.host.lang()).enrol;
    const err = this.error ? html`<p class="error-box" role="alert">${this.error}</p>` : nothing;
    if (this.stage === "idle")
      return html`${err}<button class="primary" type="button" @click=${() => void this.start()}>
          ${t.start}
        </button>`;
    if (this.stage === "scan" && this.setup)
      return html`<p>${t.lead}</p>
        <img class="totp-qr" src=${this.setup.qrCode} alt=${t.qrAlt} width="200" height="200" />
        <p>${t.key}: <code id="totp-secret" class="totp-secret">${group(this.setup.secret)}</code></p>
        ${err}
        <form @submit=${(e: SubmitEvent) => void this.confirm(e)}>
          <label for="totp-code">${t.code}</label>
          <input
            id="totp-code"
            type="text"
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9 ]{6,7}"
            maxlength="7"
            required
          />
          <button class="primary" type="submit">${t.confirm}</button>
        </form>`;
    return html`<h2 id="codes-h" tabindex="-1">${t.codesTitle}</h2>
      <p>${t.codesLead}</p>
      <ul id="recovery-codes" class="recovery-codes" aria-label=${t.codesLabel}>
        ${this.codes.map((c) => html`<li><code>${c}</code></li>`)}
      </ul>
      <button class="primary" type="button" @click=${done}>${t.done}</button>`;
  }
}

/** The key in groups of four, as apps show it (spaces are ignored when typed). */
const group = (s: string) => s.replace(/(.{4})/g, "$1 ").trim();
