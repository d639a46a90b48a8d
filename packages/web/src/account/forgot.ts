// /forgot: "Forgot password?" from the sign-in page. The staff member types their address and the
// server e-mails a one-time link (valid one hour) to /reset/<token>; the answer is the same whether
// an account uses the address or not. Without e-mail on the server the page says so and points to the
// coordinator, who can still make a new invitation link.
import { html, nothing, render } from "lit-html";
import { api, HttpError } from "../api.ts";
import { staffLang } from "../staffLang.ts";
import { serverOptions } from "./options.ts";

const WORDS = {
  en: {
    title: "Forgot your password?",
    lead: "Type the e-mail address you sign in with. We send a link to choose a new password; it works once, for one hour.",
    email: "Email",
    button: "Send me a link",
    sent: "If an account uses this address, a link to choose a new password is on its way. Check your mailbox (and its spam folder); the link works once, for one hour.",
    off: "E-mail is not configured on this server, so a password cannot be reset from here. Ask your network's coordinator for a new invitation link: it lets you choose a new password.",
    back: "Back to sign-in",
    empty: "Type your e-mail address.",
  },
  fr: {
    title: "Mot de passe oublié ?",
    lead: "Indiquez l'adresse e-mail avec laquelle vous vous connectez. Nous envoyons un lien pour choisir un nouveau mot de passe ; il fonctionne une fois, pendant une heure.",
    email: "Adresse e-mail",
    button: "M'envoyer un lien",
    sent: "Si un compte utilise cette adresse, un lien pour choisir un nouveau mot de passe est en route. Regardez votre boîte de réception (et les indésirables) ; le lien fonctionne une fois, pendant une heure.",
    off: "L'envoi d'e-mails n'est pas configuré sur ce serveur : le mot de passe ne peut pas être réinitialisé ici. Demandez à la coordination du réseau un nouveau lien d'invitation, qui permet de choisir un nouveau mot de passe.",
    back: "Retour à la connexion",
    empty: "Indiquez votre adresse e-mail.",
  },
};

/**
 * Draws the forgot-password page into `root`.
 *
 * @example
 * if (location.pathname === "/forgot") forgotPage(document.getElementById("app")!);
 */
export function forgotPage(root: HTMLElement): void {
  const lang = staffLang();
  const w = WORDS[lang];
  let state: "form" | "sent" | "off" = "form";
  let error = "";

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const email = String(new FormData(e.target as HTMLFormElement).get("email") ?? "").trim();
    error = "";
    if (!email) error = w.empty;
    else
      try {
        await api("POST", "/api/auth/password-reset", { email });
        state = "sent";
      } catch (err) {
        if (err instanceof HttpError && err.status === 409) state = "off";
        else error = err instanceof Error ? err.message : String(err);
      }
    draw();
    root.querySelector<HTMLElement>(error ? ".error-box" : "[role=status]")?.focus();
  };

  function draw(): void {
    document.title = `${w.title} — attune`;
    document.documentElement.lang = lang;
    render(
      html`<header class="top"><a class="brand" href="/">attune</a></header>
        <main id="main" tabindex="-1">
          <section class="narrow card signin">
            <h1 tabindex="-1">${w.title}</h1>
            ${
              state === "sent"
                ? html`<p class="ok-box" role="status" tabindex="-1">${w.sent}</p>`
                : state === "off"
                  ? html`<p class="error-box" role="status" tabindex="-1">${w.off}</p>`
                  : html`<p>${w.lead}</p>
                      ${error ? html`<p class="error-box" role="alert" tabindex="-1">${error}</p>` : nothing}
                      <form @submit=${submit} novalidate>
                        <label for="email">${w.email}</label>
                        <input id="email" name="email" type="email" autocomplete="username" required />
                        <button class="primary big" type="submit">${w.button}</button>
                      </form>`
            }
            <p><a href="/">${w.back}</a></p>
          </section>
        </main>`,
      root,
    );
  }
  draw();
  void serverOptions().then((o) => {
    if (!o.passwordReset && state === "form") {
      state = "off";
      draw();
    }
  });
}
