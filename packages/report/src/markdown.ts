import type { Block, Report, Table } from "./model.ts";

const cell = (s: string): string => s.replace(/\|/g, "\\|");

function tableMd(t: Table): string {
  const align = (i: number) => t.align?.[i] ?? (i === 0 ? "l" : "r");
  return [
    `**${t.caption}**`,
    "",
    `| ${t.head.map(cell).join(" | ")} |`,
    `|${t.head.map((_, i) => (align(i) === "r" ? " ---: " : " :--- ")).join("|")}|`,
    ...t.rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

function blockMd(b: Block): string {
  switch (b.kind) {
    case "text":
      return b.text;
    case "code":
      return "```\n" + b.text + "\n```";
    case "table":
      return tableMd(b.table);
    case "figures":
      return b.figures
        .map(
          (f) =>
            `![${f.caption.replace(/[[\]]/g, "")}](data:image/svg+xml;base64,${Buffer.from(f.svg).toString("base64")})\n\n*${f.caption}*`,
        )
        .join("\n\n");
  }
}

/**
 * Renders a report as markdown (GitHub tables; plots embedded as SVG data URIs, so the file stands alone).
 *
 * @example
 * writeFileSync("report.md", reportMarkdown(buildReport(results)));
 */
export function reportMarkdown(report: Report): string {
  const parts = [`# ${report.title}`, report.subtitle];
  for (const s of report.sections) parts.push(`## ${s.title}`, ...s.blocks.map(blockMd));
  return parts.filter((p) => p !== "").join("\n\n") + "\n";
}
