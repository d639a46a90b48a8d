// The long CSV of the analysis recipes: import (creates the network's records) and export.
import { longRows, withTherapistColumns, type Store } from "@attune/db";
import { LONG_COLUMNS } from "@attune/core";
import { InputError } from "@attune/stats";
import type { Ctx } from "../context.ts";
import { parseCsv, toCsv } from "./csv.ts";
import { dialectNote } from "@attune/core/records";
import { importLongRows } from "./longImport.ts";
import { readLongRows } from "./longReader.ts";
import { DEFAULT_COLUMNS, type LongColumns } from "./longRows.ts";
import type { DeclaredScales } from "./longScales.ts";
import type { ImportReport, Progress } from "./report.ts";

export interface LongCsvImportOptions {
  networkId: string;
  study?: string;
  actorId: string | null;
  /** Column name overrides, e.g. { wellbeing: "outcome" }. */
  columns?: Partial<LongColumns>;
  /** Scales of the score columns (default: undeclared, assumed item means 1–5 with a warning if not). */
  scales?: DeclaredScales;
  onProgress?: Progress;
}

export async function importLongCsv(
  ctx: Pick<Ctx, "store" | "instruments">,
  text: string,
  opts: LongCsvImportOptions,
): Promise<ImportReport> {
  const columns: LongColumns = { ...DEFAULT_COLUMNS, ...opts.columns };
  const { table, rejected } = parseCsv(text, "the CSV file");
  if (!table) return { ok: false, rows: 0, created: {}, rejected };
  const idx = (name: string) => table.header.indexOf(name);
  const missing = (["therapist", "patient", "session"] as const).filter((k) => idx(columns[k]) < 0);
  // The outcome column may be called "outcome" (the recipes' default role name) or "wellbeing".
  if (idx(columns.wellbeing) < 0 && opts.columns?.wellbeing === undefined && idx("outcome") >= 0)
    columns.wellbeing = "outcome";
  if (missing.length)
    return {
      ok: false,
      rows: table.records.length,
      created: {},
      rejected: [
        ...rejected,
        ...missing.map((k) => ({
          row: 1,
          column: columns[k],
          message: `the header has no column "${columns[k]}" (found: ${table.header.join(", ")})`,
        })),
      ],
    };
  const raw = readLongRows(table, columns);
  if (rejected.length) return { ok: false, rows: raw.length, created: {}, rejected };
  const report = await importLongRows(ctx, raw, columns, opts);
  return table.dialect.decimalComma && report.ok
    ? { ...report, warnings: [dialectNote, ...(report.warnings ?? [])] }
    : report;
}

export async function exportLongCsv(
  store: Store,
  opts: { networkId: string; studyId?: string; outcome?: string },
): Promise<{ csv: string; rows: number }> {
  const rows = await longRows(store.db, {
    networkId: opts.networkId,
    ...(opts.studyId ? { studyId: opts.studyId } : {}),
  });
  // `outcome` names the well-being column in the file (e.g. "outcome", as the recipes' role); the name
  // of another column of the table (phq9, …) cannot be given to it.
  const outcome = opts.outcome ?? "wellbeing";
  if (outcome !== "wellbeing" && LONG_COLUMNS.includes(outcome))
    throw new InputError(
      `outcome "${outcome}" is a column of the long table already; the well-being column cannot take its name`,
    );
  const columns = LONG_COLUMNS.map((c) => (c === "wellbeing" ? outcome : c));
  const renamed = rows.map((r) => ({ ...r, [outcome]: r.wellbeing }));
  // Therapist-level columns (attributes, once-only questionnaire scores) after the long table's own.
  const wide = await withTherapistColumns(store.db, opts.networkId, columns, renamed);
  return { csv: await toCsv(wide.columns, wide.rows), rows: rows.length };
}
