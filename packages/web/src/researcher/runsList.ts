// Past runs at /runs, newest first, each linking to its page.
import { html, nothing } from "lit-html";
import { api } from "../api.ts";
import type { StaffContext } from "../context.ts";
import { rowsRedacted, when } from "./format.ts";
import { recipeName, selectionText } from "./text.ts";
import type { RunRecord } from "./types.ts";
import { byText, newFind, type FindSpec } from "../find/findRows.ts";
import { found } from "../find/findBar.ts";

/** The runs list's search (analysis, data, who, id), filters (analysis, study, who) and orders. */
export const runsSpec: FindSpec<RunRecord> = {
  id: "runs",
  label: "Runs",
  search: "Find runs",
  hint: "analysis, study, person or run id",
  text: (r) => [recipeName(r.recipe), selectionText(r.selection, r.recipe), r.runBy, r.id],
  filters: [
    { key: "recipe", label: "Analysis", any: "Every analysis", value: (r) => r.recipe, name: recipeName },
    {
      key: "study",
      label: "Data",
      any: "Any data",
      value: (r) => r.selection.studyName ?? "",
      name: (v) => (v ? `study “${v}”` : "whole network"),
    },
    { key: "by", label: "Run by", any: "Anyone", value: (r) => r.runBy },
  ],
  sorts: [
    { key: "newest", label: "Newest first", compare: (a, b) => b.runAt.localeCompare(a.runAt) },
    { key: "oldest", label: "Oldest first", compare: (a, b) => a.runAt.localeCompare(b.runAt) },
    { key: "recipe", label: "Analysis", compare: byText((r) => recipeName(r.recipe)) },
    { key: "rows", label: "Most rows first", compare: (a, b) => b.rows - a.rows },
  ],
};

/**
 * Renders the runs list (GET /api/runs).
 *
 * @example
 * await runsListPage(ctx);
 */
export async function runsListPage(ctx: StaffContext): Promise<void> {
  const { runs } = await api<{ runs: RunRecord[] }>("GET", "/api/runs");
  ctx.setRefresh(null);
  const find = newFind(runsSpec);
  const draw = () => drawRuns(ctx, runs, find, draw);
  draw();
}

function drawRuns(
  ctx: StaffContext,
  runs: RunRecord[],
  find: ReturnType<typeof newFind>,
  draw: () => void,
): void {
  const list = found(runs, runsSpec, find, draw);
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
          ? html`${list.bar} ${list.count}
              <div
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
                    ${list.rows.map(
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
              </div>
              ${list.pager}`
          : html`<p class="card">No runs yet. ${ctx.link("/research", "Run a first analysis")}.</p>`
      }`,
  );
}
