// Past runs at /runs, newest first, each linking to its page.
import { html, nothing } from "lit-html";
import { api } from "../api.ts";
import type { StaffContext } from "../context.ts";
import { rowsRedacted, when } from "./format.ts";
import { recipeName, selectionText } from "./text.ts";
import type { RunRecord } from "./types.ts";

/**
 * Renders the runs list (GET /api/runs).
 *
 * @example
 * await runsListPage(ctx);
 */
export async function runsListPage(ctx: StaffContext): Promise<void> {
  const { runs } = await api<{ runs: RunRecord[] }>("GET", "/api/runs");
  ctx.setRefresh(null);
  ctx.shell(
    "Analysis runs",
    html`<h1>Analysis runs</h1>
      <p class="lead">
        Every analysis run in the network, newest first. Each run keeps the data it analysed, so its numbers,
        report and R script stay the same even when new data arrive.
        ${ctx.link("/research", "Start a new run")}.
      </p>
      ${
        runs.length
          ? html`<div
              class="table-wrap card"
              tabindex="0"
              role="region"
              aria-label="Analysis runs, newest first"
            >
              <table data-testid="runs">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Analysis</th>
                    <th scope="col">Data</th>
                    <th scope="col">Rows</th>
                    <th scope="col">By</th>
                    <th scope="col">Run id</th>
                  </tr>
                </thead>
                <tbody>
                  ${runs.map(
                    (r) =>
                      html`<tr>
                        <th scope="row">${when(r.runAt)}</th>
                        <td>${recipeName(r.recipe)}</td>
                        <td class="wrap">${selectionText(r.selection, r.recipe)}</td>
                        <td>
                          ${r.rows}${
                            r.redactions.length
                              ? html` <span class="muted small" data-testid="run-redacted"
                                  >(${rowsRedacted(r.redactions)} removed after erasure)</span
                                >`
                              : nothing
                          }
                        </td>
                        <td>${r.runBy}</td>
                        <td class="id">
                          ${ctx.link(`/runs/${r.id}`, html`<span class="sr-only">Open run </span><code>${r.id}</code>`)}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="card">No runs yet. ${ctx.link("/research", "Run a first analysis")}.</p>`
      }`,
  );
}
