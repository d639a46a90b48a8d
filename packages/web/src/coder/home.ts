// The coder's home (/coding): the sessions assigned to them, those still to code first.
import { html, nothing } from "lit-html";
import { api } from "../api.ts";
import type { StaffContext } from "../context.ts";
import { codingOrder, when, type CodingSession } from "./types.ts";

/**
 * Renders the list of sessions assigned to the signed-in coder (GET /api/coding/sessions).
 *
 * @example
 * await codingHome(ctx);
 */
export async function codingHome(ctx: StaffContext): Promise<void> {
  const { sessions } = await api<{ sessions: CodingSession[] }>("GET", "/api/coding/sessions");
  const list = [...sessions].sort(codingOrder);
  const open = list.filter((s) => s.codedAt === null).length;
  ctx.setRefresh(null);
  ctx.shell(
    "Sessions to code",
    html`<h1 tabindex="-1">Sessions to code</h1>
      <p class="lead">
        You code alliance ruptures in session recordings; patients appear by code only. Open a session, code
        what you observe in its recording and save. You can correct a coding afterwards.
      </p>
      ${
        list.length
          ? html`<p data-testid="coding-count">
                ${
                  open
                    ? html`<strong>${open}</strong> of ${list.length} assigned
                        session${list.length === 1 ? "" : "s"} still to code.`
                    : `All ${list.length} assigned session${list.length === 1 ? " is" : "s are"} coded.`
                }
              </p>
              <div
                class="table-wrap card"
                tabindex="0"
                role="region"
                aria-label="Assigned sessions, to code first"
              >
                <table class="coding-list" data-testid="coding-list">
                  <thead>
                    <tr>
                      <th scope="col">Patient</th>
                      <th scope="col">Session</th>
                      <th scope="col">Date</th>
                      <th scope="col">Therapist</th>
                      <th scope="col">Study</th>
                      <th scope="col">Status</th>
                      <th scope="col"><span class="sr-only">Open</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${list.map(
                      (s) =>
                        html`<tr data-session=${s.sessionId}>
                          <th scope="row">${s.patient}</th>
                          <td>${s.number}</td>
                          <td>${s.date ?? "—"}</td>
                          <td>${s.therapist}</td>
                          <td>${s.study ?? "no study"}</td>
                          <td>
                            ${
                              s.codedAt === null
                                ? html`<span class="badge todo">To code</span>`
                                : html`<span class="badge done">Coded</span>
                                    <span class="muted small">${when(s.codedAt)}</span>`
                            }
                          </td>
                          <td>
                            ${ctx.link(
                              `/coding/${s.sessionId}`,
                              html`${s.codedAt === null ? "Code" : "View or correct"}<span class="sr-only">
                                  — patient ${s.patient}, session ${s.number}</span
                                >`,
                            )}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
          : html`<p class="card">
              No session is assigned to you yet. The study coordinator assigns sessions to you; they then
              appear here.
            </p>`
      }
      ${nothing}`,
  );
}
