// The account page (/account) of every signed-in staff member: change the password (the server ends the
// other sessions) and turn two-factor sign-in on or off. English and French.
import type { TotpStatus } from "@attune/api";
import { html, nothing } from "lit-html";
import { api, HttpError } from "../api.ts";
import type { Lang } from "../i18n.ts";
import { Enrolment, type AccountHost } from "./enrolment.ts";
import { accountText } from "./text.ts";

/**
 * Draws the account page.
 *
 * @example
 * await accountPage(host);
 */
export async function accountPage(host: AccountHost): Promise<void> {
  let status = await api<TotpStatus>("GET", "/api/auth/totp");
  const st = { pwError: "", pwOk: "", offError: "", offOk: "" };
  const enrolment = new Enrolment(host, () => draw());

  const changePassword = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const t = accountText(host.lang()).account;
    const [current = "", password = "", again = ""] = ["current", "new-password", "again"].map((k) =>
      String(f.get(k) ?? ""),
    );
    st.pwOk = "";
    st.pwError = password !== again ? t.mismatch : password.length < 10 ? t.short : "";
    if (!st.pwError)
      try {
        const r = await api<{ sessionsEnded: number }>("PUT", "/api/auth/me/password", { current, password });
        st.pwOk = t.changed(r.sessionsEnded);
        form.reset();
      } catch (err) {
        st.pwError = err instanceof HttpError && err.status === 403 ? t.wrongCurrent : message(err);
      }
    draw();
    document.querySelector<HTMLElement>(st.pwError ? "#pw-msg" : "#pw-ok")?.focus();
  };

  const turnOff = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const t = accountText(host.lang()).account;
    try {
      await api("POST", "/api/auth/totp/disable", {
        password: f.get("off-password"),
        code: f.get("off-code"),
      });
      status = await api<TotpStatus>("GET", "/api/auth/totp");
      st.offError = "";
      st.offOk = t.turnedOff;
      enrolment.stage = "idle";
    } catch (err) {
      st.offError = err instanceof HttpError && err.status === 403 ? t.offWrong : message(err);
    }
    draw();
  };

  const enrolled = async () => {
    status = await api<TotpStatus>("GET", "/api/auth/totp");
    enrolment.stage = "idle";
    st.offOk = "";
    draw();
  };

  function draw(): void {
    const t = accountText(host.lang()).account;
    const since = status.enabledAt ? dateOf(status.enabledAt, host.lang()) : "";
    host.shell(
      t.title,
      html`<h1>${t.title}</h1>
        <section class="card narrow-card" aria-labelledby="pw-h">
          <h2 id="pw-h">${t.passwordTitle}</h2>
          ${st.pwError ? html`<p id="pw-msg" class="error-box" role="alert" tabindex="-1">${st.pwError}</p>` : nothing}
          ${st.pwOk ? html`<p id="pw-ok" class="ok-box" role="status" tabindex="-1">${st.pwOk}</p>` : nothing}
          <form @submit=${changePassword}>
            <input type="text" name="username" autocomplete="username" hidden />
            <label for="current">${t.current}</label>
            <input id="current" name="current" type="password" autocomplete="current-password" required />
            <label for="new-password">${t.next}</label>
            <input
              id="new-password"
              name="new-password"
              type="password"
              autocomplete="new-password"
              minlength="10"
              required
            />
            <label for="again">${t.again}</label>
            <input
              id="again"
              name="again"
              type="password"
              autocomplete="new-password"
              minlength="10"
              required
            />
            <button class="primary" type="submit">${t.change}</button>
          </form>
        </section>
        <section class="card narrow-card" aria-labelledby="tf-h">
          <h2 id="tf-h">${t.twoFactorTitle}</h2>
          ${st.offOk ? html`<p class="ok-box" role="status">${st.offOk}</p>` : nothing}
          <p id="tf-status">${status.enabled ? t.on(since, status.recoveryCodesLeft) : t.off}</p>
          ${
            status.enabled
              ? status.requiredByNetwork
                ? html`<p class="muted">${t.requiredNote}</p>`
                : html`${st.offError ? html`<p class="error-box" role="alert">${st.offError}</p>` : nothing}
                    <form @submit=${turnOff}>
                      <label for="off-password">${t.offPassword}</label>
                      <input
                        id="off-password"
                        name="off-password"
                        type="password"
                        autocomplete="current-password"
                        required
                      />
                      <label for="off-code">${t.offCode}</label>
                      <input id="off-code" type="text" name="off-code" autocomplete="off" required />
                      <button type="submit">${t.turnOff}</button>
                    </form>`
              : enrolment.view(() => void enrolled())
          }
        </section>`,
    );
  }
  draw();
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const dateOf = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleDateString(lang === "fr" ? "fr-CH" : "en-GB", { dateStyle: "medium" });
