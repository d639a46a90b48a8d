// CSV in and out: parsing with line numbers (errors become report rows), and writing.
import { parse } from "csv-parse/sync";
import { csvCell, neutraliseCell } from "@attune/core";
import { csvDialect, decimalPoint, type CsvDialect } from "@attune/core/records";
import type { Rejection } from "./report.ts";

export interface CsvTable {
  header: string[];
  /** Each record with its 1-based line number in the file. */
  records: { line: number; cells: string[] }[];
  /** How the file was written (";" and decimal commas for a French-locale spreadsheet). */
  dialect: CsvDialect;
}

export function parseCsv(text: string, what = "CSV"): { table?: CsvTable; rejected: Rejection[] } {
  if (text.includes("\uFFFD")) return { rejected: [{ row: 1, message: `${what} is not valid UTF-8 text` }] };
  if (text.includes("\u0000"))
    return { rejected: [{ row: 1, message: `${what} contains NUL bytes (a binary file?)` }] };
  let recs: { record: string[]; info: { lines: number } }[];
  const dialect = csvDialect(text);
  try {
    recs = parse(text, {
      bom: true,
      delimiter: dialect.delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      max_record_size: 1_000_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { rejected: [{ row: err.lines ?? 0, message: `${what} cannot be read: ${err.message}` }] };
  }
  const first = recs[0];
  if (!first) return { rejected: [{ row: 1, message: `${what} is empty (a header row is needed)` }] };
  const header = first.record.map((h) => h.trim());
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    if (h === "") rejected.push({ row: first.info.lines, message: "the header has an empty column name" });
    else if (seen.has(h))
      rejected.push({ row: first.info.lines, column: h, message: `the header names column "${h}" twice` });
    seen.add(h);
  }
  const records: CsvTable["records"] = [];
  for (const r of recs.slice(1)) {
    if (r.record.length !== header.length)
      rejected.push({
        row: r.info.lines,
        message: `has ${r.record.length} fields, the header has ${header.length}`,
      });
    else
      records.push({
        line: r.info.lines,
        cells: dialect.decimalComma ? r.record.map(decimalPoint) : r.record,
      });
  }
  return { table: { header, records, dialect }, rejected };
}

/** Rows written between yields to the event loop: a run's ~15k-row table takes ~80 ms of CPU to write. */
const SLICE = 2000;

/**
 * Writes a CSV whose every text cell is safe in a spreadsheet (records/csvCell.ts: the OWASP rule). A
 * large table is written in slices with a yield between them, so the API keeps answering meanwhile.
 *
 * @example
 * await toCsv(["a"], [{ a: "=1+1" }]); // "a\n'=1+1\n"
 */
export async function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<string> {
  const out = [columns.map(csvCell).join(",")];
  for (let i = 0; i < rows.length; i++) {
    if (i % SLICE === SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    const r = rows[i]!;
    out.push(columns.map((c) => csvCell(r[c])).join(","));
  }
  return out.join("\n") + "\n";
}

/**
 * A stored CSV made safe to download: returned unchanged when no cell would be evaluated by a
 * spreadsheet, else rewritten with such cells neutralised (runs recorded before the rule).
 *
 * @example
 * safeCsv("a\n=cmd()\n"); // "a\n'=cmd()\n"
 */
export function safeCsv(text: string): string {
  let recs: string[][];
  try {
    recs = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    return text;
  }
  if (!recs.some((r) => r.some((v) => neutraliseCell(v) !== v))) return text;
  return recs.map((r) => r.map((v) => (v === "NA" ? v : csvCell(v))).join(",")).join("\n") + "\n";
}
