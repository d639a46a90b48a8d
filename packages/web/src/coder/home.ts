// The coder's home (/coding): the sessions assigned to them, those still to code first.
import { html, nothing } from "lit-html";
import { api } from "../api.ts";
import type { StaffContext } from "../context.ts";
import { codingOrder, day, when, type CodingSession } from "./types.ts";
import { coderWords } from "./words.ts";

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
  const w = coderWords(ctx.lang);
  ctx.shell(
    w.title,
    html`<h1 tabindex="-1">${w.title}</h1>
      <p class="lead">${w.lead}</p>
      ${
        list.length
          ? html`<p data-testid="coding-count">${w.count(open, list.length)}</p>
              <div class="table-wrap card" tabindex="0" role="region" aria-label=${w.listLabel}>
                <table class="coding-list" data-testid="coding-list">
                  <thead>
                    <tr>
                      ${w.cols.map((c) => html`<th scope="col">${c}</th>`)}
                      <th scope="col"><span class="sr-only">${w.open}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${list.map(
                      (s) =>
                        html`<tr data-session=${s.sessionId}>
                          <th scope="row">${s.patient}</th>
                          <td>${s.number}</td>
                          <td>${day(s.date, ctx.lang)}</td>
                          <td>${s.therapist}</td>
                          <td>${s.study ?? w.noStudy}</td>
                          <td>
                            ${
                              s.codedAt === null
                                ? html`<span class="badge todo">${w.toCode}</span>`
                                : html`<span class="badge done">${w.coded}</span>
                                    <span class="muted small">${when(s.codedAt, ctx.lang)}</span>`
                            }
                          </td>
                          <td>
                            ${ctx.link(
                              `/coding/${s.sessionId}`,
                              html`${s.codedAt === null ? w.code : w.view}<span class="sr-only">
                                  ${w.which(s.patient, s.number)}</span
                                >`,
                            )}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
          : html`<p class="card">${w.none}</p>`
      }
      ${nothing}`,
    true,
  );
}
