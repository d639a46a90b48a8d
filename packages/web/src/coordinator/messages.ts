// The send log (/messages): every e-mail and SMS the network queued — what kind, to whom, when, and
// whether it was delivered or why not (never the message itself). Says when e-mail or SMS is not
// configured, in which case links and invitations are copied by hand from their pages.
import { html, nothing } from "lit-html";
import type { MessageOut, MessagesOut } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import { when } from "./ui.ts";

type Message = MessageOut;

const KIND: Record<string, string> = {
  "patient-link": "Patient link",
  "patient-reminder": "Patient reminder",
  "therapist-reminder": "Therapist rating reminder",
  invitation: "Staff invitation",
  "password-reset": "Password reset",
};
const STATUS: Record<Message["status"], string> = { queued: "Queued", sent: "Delivered", failed: "Failed" };

/**
 * The send log page.
 *
 * @example
 * if (path === "/messages") await messagesPage(ctx);
 */
export async function messagesPage(ctx: StaffContext): Promise<void> {
  const r = await call<MessagesOut>(ctx, "GET", "/api/messages");
  ctx.setRefresh(null);
  const failed = r.messages.filter((m) => m.status === "failed").length;
  ctx.shell(
    "Messages",
    html`<h1>Messages</h1>
      <p class="lead">
        E-mails and SMS sent by attune: patient links and reminders, rating reminders, invitations, password
        resets. The log keeps who and when, never the message.
      </p>
      <ul class="plain">
        <li>
          E-mail:
          <strong>${r.email ? "configured" : "not configured"}</strong>${
            r.email ? nothing : html` — links and invitations are copied by hand from their pages`
          }
        </li>
        <li>SMS: <strong>${r.sms ? "configured" : "not configured"}</strong></li>
      </ul>
      ${failed ? html`<p class="error-box" role="status">${failed} message(s) could not be delivered.</p>` : nothing}
      ${
        r.messages.length === 0
          ? html`<p>Nothing sent yet.</p>`
          : html`<div class="table-wrap">
              <table class="messages">
                <caption class="sr-only">
                  Send log, newest first
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Queued</th>
                    <th scope="col">What</th>
                    <th scope="col">To</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  ${r.messages.map(
                    (m) =>
                      html`<tr class=${m.status}>
                        <td>${when(m.queuedAt)}</td>
                        <td>
                          ${KIND[m.kind] ?? m.kind}
                          <span class="muted"
                            >(${m.channel === "sms" ? "SMS" : "e-mail"}, ${m.language})</span
                          >
                        </td>
                        <td>${m.recipient ?? html`<span class="muted">erased</span>`}</td>
                        <td>
                          ${STATUS[m.status]}${m.sentAt ? html` <span class="muted">${when(m.sentAt)}</span>` : nothing}
                          ${m.attempts > 1 ? html` <span class="muted">after ${m.attempts} attempts</span>` : nothing}
                          ${m.error && m.status !== "sent" ? html`<div class="muted">${m.error}</div>` : nothing}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`,
  );
}
