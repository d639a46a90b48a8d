// /invite/<token>: a new staff member sets their password with the one-time link the coordinator sent.
// No account is signed in here; the token in the body is the credential (POST /api/auth/invitation).
import { html, nothing, render } from "lit-html";
import { api, HttpError } from "./api.ts";

const MIN = 10;

/** The invitation page for `token`. */
export function invitePage(root: HTMLElement, token: string): void {
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
        status === 404
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
    document.title = doneEmail ? "Password set — attune" : "Set your password — attune";
    render(
      html`<header class="top"><a class="brand" href="/">attune</a></header>
        <main id="main" tabindex="-1">
          <section class="narrow card signin">
            ${
              doneEmail !== null
                ? html`<h1 tabindex="-1">Your password is set</h1>
                    <p class="ok-box" role="status">
                      You can now sign in${doneEmail ? html` with <strong>${doneEmail}</strong>` : nothing}
                      and the password you just chose. This invitation link no longer works.
                    </p>
                    <p><a class="button-link" href="/">Go to sign-in</a></p>`
                : html`<h1 tabindex="-1">Set your password</h1>
                    <p>
                      Your network's coordinator has made you an attune account. Choose your own password to
                      finish it (at least ${MIN} characters; a few unrelated words make a good one). This link
                      works once.
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
                      <button class="primary big" type="submit">Set my password</button>
                    </form>`
            }
          </section>
        </main>`,
      root,
    );
  }
  draw();
}
