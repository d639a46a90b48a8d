import type { Block, Report, Table } from "./model.ts";

function tableText(t: Table): string {
  const widths = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? "").length)));
  const align = (i: number) => t.align?.[i] ?? (i === 0 ? "l" : "r");
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (align(i) === "r" ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [`${t.caption}:`, line(t.head), ...t.rows.map(line)].join("\n");
}

function blockText(b: Block): string | null {
  switch (b.kind) {
    case "text":
      return b.text;
    case "code":
      return b.text;
    case "table":
      return tableText(b.table);
    case "figures":
      return null;
  }
}

/**
 * Renders a report as plain text for the terminal (tables aligned like lme4's summary; plots omitted).
 *
 * @example
 * process.stdout.write(reportText(buildReport(results)));
 */
export function reportText(report: Report): string {
  const out: string[] = [];
  for (const s of report.sections) {
    out.push(`== ${s.title} ==`);
    for (const b of s.blocks) {
      const t = blockText(b);
      if (t !== null) out.push(t);
    }
  }
  return out.join("\n\n") + "\n";
}
