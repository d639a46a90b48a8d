import type { Block, Report, Table } from "./model.ts";

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
.subtitle{color:#666;margin-top:0}pre{background:#f6f6f6;padding:.6rem .8rem;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.9rem}
.table-wrap{overflow-x:auto;max-width:100%}.table-wrap:focus-visible{outline:2px solid #0b5cad}
table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums;font-size:.92rem}
caption{text-align:left;font-weight:600;padding-bottom:.3rem}th,td{padding:.2rem .7rem;border-bottom:1px solid #e4e4e4}
th{border-bottom:2px solid #999}td.r,th.r{text-align:right}td.l,th.l{text-align:left}
.figures{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}figure{margin:0;max-width:100%}
figure svg{max-width:100%;height:auto;background:#fff}figcaption{font-size:.85rem;color:#555;max-width:460px}
nav ul{columns:2}@media (max-width:600px){nav ul{columns:1}body{margin:1rem auto}}
@media print{.table-wrap{overflow:visible}th,td{padding:.1rem .3rem}table{font-size:8.5pt}}`;

function tableHtml(t: Table): string {
  const align = (i: number) => t.align?.[i] ?? (i === 0 ? "l" : "r");
  const head = t.head.map((h, i) => `<th class="${align(i)}">${esc(h)}</th>`).join("");
  const rows = t.rows
    .map((r) => `<tr>${r.map((c, i) => `<td class="${align(i)}">${esc(c)}</td>`).join("")}</tr>`)
    .join("\n");
  // A wide table scrolls in its own box on a phone (the page itself never scrolls sideways).
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${esc(t.caption)}"><table><caption>${esc(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case "text":
      return `<p>${esc(b.text)}</p>`;
    case "code":
      return `<pre><code>${esc(b.text)}</code></pre>`;
    case "table":
      return tableHtml(b.table);
    case "figures":
      return `<div class="figures">${b.figures
        .map((f) => `<figure>${f.svg}<figcaption>${esc(f.caption)}</figcaption></figure>`)
        .join("\n")}</div>`;
  }
}

/**
 * Renders a report as one self-contained HTML page (inline CSS, inline SVG plots, no scripts).
 *
 * @example
 * writeFileSync("report.html", reportHtml(buildReport(results)));
 */
export function reportHtml(report: Report): string {
  const nav = report.sections.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`).join("");
  const body = report.sections
    .map(
      (s) =>
        `<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>\n${s.blocks.map(blockHtml).join("\n")}</section>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(report.title)}</title><style>${CSS}</style></head>
<body><h1>${esc(report.title)}</h1><p class="subtitle">${esc(report.subtitle)}</p>
<nav><ul>${nav}</ul></nav>
${body}
</body></html>
`;
}
