// The one reader of a long table from a file's cells (long CSV, REDCap records): each long-table column
// from the file column the user mapped it to, and every unmapped cell by its header in `extra` — where
// therapist attribute columns (therapistColumns.ts) and other named columns are found. Form totals
// (phq9, …) are read from the column of their name unless the mapping names another (a REDCap field).
import { FORM_COLUMNS, IMPORT_COLUMNS } from "@attune/core";
import type { LongColumns, RawLongRow } from "./longRows.ts";
import { formFileColumn } from "./longTotals.ts";

/** A parsed file: its header and records (cells in header order, with their line). */
export interface CellTable {
  readonly header: readonly string[];
  readonly records: readonly { line: number; cells: readonly string[] }[];
}

/**
 * The raw long rows of a table: long-table columns by the file column each is mapped to (a column the
 * file lacks reads as undefined), every other cell in `extra` by its header.
 *
 * @example
 * readLongRows({ header: ["therapist", "patient", "session", "years_practice"], records: [{ line: 2, cells: ["T1", "P1", "1", "12"] }] }, DEFAULT_COLUMNS);
 * // [{ line: 2, therapist: "T1", patient: "P1", session: "1", …, extra: { years_practice: "12" } }]
 */
export function readLongRows(
  table: CellTable,
  columns: Partial<LongColumns> & Partial<Record<string, string>>,
): RawLongRow[] {
  const at = new Map<string, number>();
  table.header.forEach((h, i) => {
    if (!at.has(h)) at.set(h, i);
  });
  const forms = FORM_COLUMNS.map((c) => [c.column, formFileColumn(columns, c)] as const).filter(([, f]) =>
    at.has(f),
  );
  const mapped = new Set<string>([
    ...Object.values(columns).filter((c): c is string => c !== undefined),
    ...forms.map(([, f]) => f),
  ]);
  return table.records.map(({ line, cells }) => {
    const cell = (name: string | undefined) => {
      const i = name === undefined ? undefined : at.get(name);
      return i === undefined ? undefined : cells[i];
    };
    const extra = Object.fromEntries(
      table.header.flatMap((h, i) => (mapped.has(h) ? [] : [[h, cells[i] ?? ""] as [string, string]])),
    );
    return {
      line,
      extra,
      forms: Object.fromEntries(forms.map(([c, f]) => [c, cell(f)])),
      ...Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, cell(columns[c])])),
    } as RawLongRow;
  });
}
