// The sign-in steps after a right password: the code from the authenticator app (or a recovery code), or,
// when the network requires two-factor sign-in and the account has none, enrolment. The browser holds a
// half-signed-in session meanwhile; the server accepts it for these steps only.
import { html, nothing } from "lit-html";
import { api, HttpError, setCsrf } from "../api.ts";
import type { Me } from "../context.ts";
import { Enrolment, type AccountHost } from "./enrolment.ts";
import { accountText } from "./text.ts";

/** The answer of POST /api/auth/login when a second step is due. */
export interface LoginStep {
  step: "second-factor" | "enrol";
  csrfToken: string;
}

/**
 * Whether a sign-in answer asks for a further step.
 *
 * @example
 * if (isLoginStep(r)) nextSignInStep(host, r); else enter(r);
 */
export function isLoginStep(r: Me | LoginStep): r is LoginStep {
  return "step" in r;
}

/**
 * Draws the step the server asked for.
 *
 * @example
 * nextSignInStep(host, { step: "second-factor", csrfToken });
 */
export function nextSignInStep(host: AccountHost, s: LoginStep): void {
  setCsrf(s.csrfToken);
  if (s.step === "enrol") return forcedEnrolment(host);
  secondFactorPage(host, false, "");
}

function secondFactorPage(host: AccountHost, recovery: boolean, error: string): void {
  const t = accountText(host.lang()).second;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const value = String(new FormData(e.target as HTMLFormElement).get("code") ?? "");
    try {
      const me = await api<Me>(
        "POST",
        "/api/auth/login/second-factor",
        recovery ? { recoveryCode: value } : { code: value },
      );
      host.enter(me);
    } catch (err) {
      const msg = err instanceof HttpError ? err.message : String(err);
      if (/password first|sign in again/.test(msg)) {
        setCsrf(null);
        return host.signIn();
      }
      secondFactorPage(
        host,
        recovery,
        /already used/.test(msg) ? t.reused : /wrong/.test(msg) ? t.wrong : msg,
      );
      document.querySelector<HTMLInputElement>("#second-code")?.focus();
    }
  };
  host.shell(
    t.title,
    html`<section class="narrow card signin">
      <h1>${t.title}</h1>
      <p class="muted">${recovery ? t.recoveryLead : t.lead}</p>
      ${error ? html`<p class="error-box" role="alert">${error}</p>` : nothing}
      <form @submit=${submit}>
        <label for="second-code">${recovery ? t.recovery : t.code}</label>
        ${
          recovery
            ? html`<input
                id="second-code"
                type="text"
                name="code"
                autocomplete="off"
                autocapitalize="none"
                required
              />`
            : html`<input
                id="second-code"
                type="text"
                name="code"
                inputmode="numeric"
                autocomplete="one-time-code"
                maxlength="7"
                required
              />`
        }
        <button class="primary big" type="submit">${t.button}</button>
      </form>
      <p>
        <button class="link" type="button" @click=${() => secondFactorPage(host, !recovery, "")}>
          ${recovery ? t.useCode : t.useRecovery}
        </button>
      </p>
    </section>`,
  );
  document.querySelector<HTMLInputElement>("#second-code")?.focus();
}

function forcedEnrolment(host: AccountHost): void {
  const enrolment = new Enrolment(host, () => draw());
  const draw = () => {
    const t = accountText(host.lang()).enrol;
    host.shell(
      t.title,
      html`<section class="narrow card">
        <h1>${t.title}</h1>
        <p>${t.required}</p>
        ${enrolment.view(() => (enrolment.me ? host.enter(enrolment.me) : host.signIn()))}
      </section>`,
    );
  };
  draw();
  void enrolment.start();
}
