// /invite/<token>: a new staff member sets their password with the one-time link the coordinator sent.
// /reset/<token>: the same for a password reset asked for on /forgot (the link is an invitation that
// lasts one hour). No account is signed in here; the token in the body is the credential
// (POST /api/auth/invitation), and using it ends the account's other sessions.
import { html, nothing, render } from "lit-html";
import { api, HttpError } from "./api.ts";

const MIN = 10;

const RESET = {
  title: "Choose a new password",
  lead: "Choose a new password for your attune account (at least 10 characters; a few unrelated words make a good one). This link works once; using it signs you out on every other device.",
  done: "Your new password is set",
  button: "Set my new password",
  expired:
    "This link has expired (reset links are valid for one hour) or a newer one was sent. Ask for a new link on the sign-in page (Forgot password?).",
  used: "This link was already used. Sign in with the password you chose, or ask for a new link on the sign-in page.",
  bad: "This link does not work. Check that you copied the whole link, or ask for a new one on the sign-in page.",
};

/** The invitation page for `token` (`reset`: the page of a password-reset link). */
export function invitePage(
  root: HTMLElement,
  token: string,
  kind: "invitation" | "reset" = "invitation",
): void {
  const reset = kind === "reset";
  let error = "";
  let fieldError: { field: "password" | "again"; message: string } | null = null;
  let doneEmail: string | null = null;
  let used = false;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const password = String(f.get("password") ?? "");
    const again = String(f.get("again") ?? "");
    error = "";
    fieldError = null;
    if (password.length < MIN)
      fieldError = {
        field: "password",
        message: `The password needs at least ${MIN} characters (it has ${password.length}).`,
      };
    else if (password !== again)
      fieldError = { field: "again", message: "The two passwords are not the same; type it again." };
    if (fieldError) {
      draw();
      root.querySelector<HTMLInputElement>(`#${fieldError.field}`)?.focus();
      return;
    }
    try {
      const r = await api<{ email: string }>("POST", "/api/auth/invitation", { token, password });
      doneEmail = r.email;
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 0;
      used = status === 409;
      error =
        reset && (status === 404 || status === 409 || status === 410)
          ? status === 404
            ? RESET.bad
            : status === 409
              ? RESET.used
              : RESET.expired
          : status === 404
            ? "This invitation link does not work. Check that you copied the whole link; if it still fails, ask your coordinator for a new one."
            : status === 409
              ? "This invitation was already used, so your password is already set. Sign in with it — or, if you forgot it, ask your coordinator for a new invitation link."
              : status === 410
                ? "This invitation link has expired (links are valid for 14 days). Ask your coordinator for a new one."
                : `Your password was not set: ${err instanceof Error ? err.message : String(err)}`;
    }
    draw();
    root.querySelector<HTMLElement>(error ? ".error-box" : "h1")?.focus();
  };

  const invalid = (f: "password" | "again") => fieldError?.field === f;

  function draw(): void {
    document.title = doneEmail
      ? "Password set — attune"
      : `${reset ? RESET.title : "Set your password"} — attune`;
    render(
      html`<header class="top"><a class="brand" href="/">attune</a></header>
        <main id="main" tabindex="-1">
          <section class="narrow card signin">
            ${
              doneEmail !== null
                ? html`<h1 tabindex="-1">${reset ? RESET.done : "Your password is set"}</h1>
                    <p class="ok-box" role="status">
                      You can now sign in${doneEmail ? html` with <strong>${doneEmail}</strong>` : nothing}
                      and the password you just chose. This ${reset ? "" : "invitation "}link no longer works.
                    </p>
                    <p><a class="button-link" href="/">Go to sign-in</a></p>`
                : html`<h1 tabindex="-1">${reset ? RESET.title : "Set your password"}</h1>
                    <p>
                      ${
                        reset
                          ? RESET.lead
                          : html`Your network's coordinator has made you an attune account. Choose your own
                            password to finish it (at least ${MIN} characters; a few unrelated words make a
                            good one). This link works once.`
                      }
                    </p>
                    ${
                      error
                        ? html`<div class="error-box" role="alert" tabindex="-1">
                            <p>${error}</p>
                            ${used ? html`<p><a href="/">Go to sign-in</a></p>` : nothing}
                          </div>`
                        : nothing
                    }
                    <form @submit=${submit} novalidate>
                      <label for="password">New password</label>
                      <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="new-password"
                        minlength=${MIN}
                        aria-invalid=${invalid("password") ? "true" : "false"}
                        aria-describedby=${invalid("password") ? "password-error" : nothing}
                      />
                      ${
                        invalid("password")
                          ? html`<p id="password-error" class="field-error" role="alert">
                              ${fieldError!.message}
                            </p>`
                          : nothing
                      }
                      <label for="again">The same password again</label>
                      <input
                        id="again"
                        name="again"
                        type="password"
                        autocomplete="new-password"
                        aria-invalid=${invalid("again") ? "true" : "false"}
                        aria-describedby=${invalid("again") ? "again-error" : nothing}
                      />
                      ${
                        invalid("again")
                          ? html`<p id="again-error" class="field-error" role="alert">
                              ${fieldError!.message}
                            </p>`
                          : nothing
                      }
                      <button class="primary big" type="submit">
                        ${reset ? RESET.button : "Set my password"}
                      </button>
                    </form>`
            }
          </section>
        </main>`,
      root,
    );
  }
  draw();
}
