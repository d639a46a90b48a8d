// The send log (/messages): every e-mail and SMS the network queued — what kind, to whom, when, and
// whether it was delivered or why not (never the message itself). Says when e-mail or SMS is not
// configured, in which case links and invitations are copied by hand from their pages.
import { html, nothing } from "lit-html";
import type { MessagesOut } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import { when } from "./ui.ts";
import { messagesText } from "./messagesText.ts";

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
  const w = messagesText(ctx.lang);
  ctx.shell(
    w.title,
    html`<h1>${w.title}</h1>
      <p class="lead">${w.lead}</p>
      <ul class="plain">
        <li>${w.email} <strong>${w.configured(r.email)}</strong>${r.email ? nothing : w.byHand}</li>
        <li>${w.sms} <strong>${w.configured(r.sms)}</strong></li>
      </ul>
      ${failed ? html`<p class="error-box" role="status">${w.failed(failed)}</p>` : nothing}
      ${
        r.messages.length === 0
          ? html`<p>${w.none}</p>`
          : html`<div class="table-wrap">
              <table class="messages">
                <caption class="sr-only">
                  ${w.caption}
                </caption>
                <thead>
                  <tr>
                    ${w.cols.map((c) => html`<th scope="col">${c}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${r.messages.map(
                    (m) =>
                      html`<tr class=${m.status}>
                        <td>${when(m.queuedAt, ctx.lang)}</td>
                        <td>
                          ${w.kind[m.kind] ?? m.kind}
                          <span class="muted">(${w.channel(m.channel === "sms")}, ${m.language})</span>
                        </td>
                        <td>${m.recipient ?? html`<span class="muted">${w.erased}</span>`}</td>
                        <td>
                          ${w.status[m.status] ?? m.status}${m.sentAt ? html` <span class="muted">${when(m.sentAt, ctx.lang)}</span>` : nothing}
                          ${m.attempts > 1 ? html` <span class="muted">${w.attempts(m.attempts)}</span>` : nothing}
                          ${m.error && m.status !== "sent" ? html`<div class="muted" lang="en">${m.error}</div>` : nothing}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`,
    true,
  );
}
