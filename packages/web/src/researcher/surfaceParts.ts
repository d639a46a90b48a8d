// The response surface on a run page: a1..a5 with what each means, and a4 and a1 in plain words (the
// surface itself is drawn by the report's figures, runFigures.ts).
import { html, type TemplateResult } from "lit-html";
import { explain } from "../help/explain.ts";
import type { Lang } from "../lang.ts";
import { dataTable } from "./dataTable.ts";
import { formats } from "./format.ts";
import { runWords } from "./runWords.ts";
import type { Surface } from "./types.ts";

/**
 * The surface parameters of a model, their meanings, and the two that answer "is agreement better?".
 *
 * @example
 * surfaceTable("rsa", run.results.surface, "en");
 */
export function surfaceTable(name: string, s: Surface, lang: Lang): TemplateResult {
  const w = runWords(lang);
  const f = formats(lang);
  const id = `s-${name}`;
  return html`<h3 id=${id}>${w.surfaceH}</h3>
    ${explain("surface", lang)}
    ${dataTable({
      labelledBy: id,
      testid: `surface-${name}`,
      rows: ["a1", "a2", "a3", "a4", "a5"] as const,
      columns: [
        { label: w.parameter, cell: (k) => k },
        { label: w.estimate, cell: (k) => f.num(s[k].estimate) },
        { label: w.se, cell: (k) => f.num(s[k].se) },
        { label: "z", cell: (k) => f.num(s[k].z, 2) },
        { label: "p", cell: (k) => f.pval(s[k].p) },
        { label: w.meaning, cell: (k) => w.surfaceMeaning[k], cls: "text wrap" },
      ],
    })}
    <p class="muted small">${w.surfaceNote}</p>
    <p class="plain">
      ${w.surfacePlain(f.num(s.a4.estimate), f.pIs(s.a4.p), f.num(s.a1.estimate), f.pIs(s.a1.p))}
    </p>`;
}
