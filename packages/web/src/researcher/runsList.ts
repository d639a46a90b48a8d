// Past runs at /runs, newest first, each linking to its page.
import { html, nothing } from "lit-html";
import { api } from "../api.ts";
import type { StaffContext } from "../context.ts";
import type { Lang } from "../lang.ts";
import { rowsRedacted, when } from "./format.ts";
import { recipeName, researchWords, selectionText } from "./words.ts";
import { workspaceWords } from "./workspaceWords.ts";
import type { RunRecord } from "./types.ts";
import { byText, newFind, type FindSpec } from "../find/findRows.ts";
import { found } from "../find/findBar.ts";

/**
 * The runs list's search (analysis, data, who, id), filters (analysis, study, who) and orders, in `lang`.
 *
 * @example
 * runsSpec("fr").search; // "Chercher des analyses"
 */
export function runsSpec(lang: Lang): FindSpec<RunRecord> {
  const w = workspaceWords(lang).find;
  const name = (id: string) => recipeName(id, lang);
  const sel = researchWords(lang).selection;
  return {
    id: "runs",
    label: w.label,
    search: w.search,
    hint: w.hint,
    text: (r) => [name(r.recipe), selectionText(r.selection, r.recipe, lang), r.runBy, r.id],
    filters: [
      { key: "recipe", label: w.analysis, any: w.everyAnalysis, value: (r) => r.recipe, name },
      {
        key: "study",
        label: w.data,
        any: w.anyData,
        value: (r) => r.selection.studyName ?? "",
        name: (v) => (v ? sel.study(v) : sel.network),
      },
      { key: "by", label: w.by, any: w.anyone, value: (r) => r.runBy },
    ],
    sorts: [
      { key: "newest", label: w.newest, compare: (a, b) => b.runAt.localeCompare(a.runAt) },
      { key: "oldest", label: w.oldest, compare: (a, b) => a.runAt.localeCompare(b.runAt) },
      { key: "recipe", label: w.analysis, compare: byText((r) => name(r.recipe)) },
      { key: "rows", label: w.mostRows, compare: (a, b) => b.rows - a.rows },
    ],
    shown: w.shown,
  };
}

/**
 * Renders the runs list (GET /api/runs).
 *
 * @example
 * await runsListPage(ctx);
 */
export async function runsListPage(ctx: StaffContext): Promise<void> {
  const { runs } = await api<{ runs: RunRecord[] }>("GET", "/api/runs");
  ctx.setRefresh(null);
  const find = newFind(runsSpec(ctx.lang));
  const draw = () => drawRuns(ctx, runs, find, draw);
  draw();
}

function drawRuns(
  ctx: StaffContext,
  runs: RunRecord[],
  find: ReturnType<typeof newFind>,
  draw: () => void,
): void {
  const lang = ctx.lang;
  const w = workspaceWords(lang);
  const list = found(runs, runsSpec(lang), find, draw, lang);
  ctx.shell(
    w.runsTitle,
    html`<h1>${w.runsTitle}</h1>
      <p class="lead">${w.runsLead} ${ctx.link("/research", w.startRun)}.</p>
      ${
        runs.length
          ? html`${list.bar} ${list.count}
              <div class="table-wrap card" tabindex="0" role="region" aria-label=${w.runsLabel}>
                <table data-testid="runs">
                  <thead>
                    <tr>
                      ${w.runsCols.map((c) => html`<th scope="col">${c}</th>`)}
                    </tr>
                  </thead>
                  <tbody>
                    ${list.rows.map(
                      (r) =>
                        html`<tr>
                          <th scope="row">${when(r.runAt)}</th>
                          <td>${recipeName(r.recipe, lang)}</td>
                          <td class="wrap">${selectionText(r.selection, r.recipe, lang)}</td>
                          <td>
                            ${r.rows}${
                              r.redactions.length
                                ? html` <span class="muted small" data-testid="run-redacted"
                                    >${w.removed(rowsRedacted(r.redactions))}</span
                                  >`
                                : nothing
                            }
                          </td>
                          <td>${r.runBy}</td>
                          <td class="id">
                            ${ctx.link(`/runs/${r.id}`, html`<span class="sr-only">${w.openRun}</span><code>${r.id}</code>`)}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              ${list.pager}`
          : html`<p class="card">${w.noRuns} ${ctx.link("/research", w.firstRun)}.</p>`
      }`,
    true,
  );
}
