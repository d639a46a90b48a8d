// REDCap: a records export (CSV, raw values) plus its data dictionary, with a mapping the user
// chooses from REDCap fields to the long roles. The dictionary checks that the fields exist and
// gives the valid range of each mapped number field.
import { FORM_COLUMNS, IMPORT_COLUMNS, SCORE_COLUMNS, SCORE_SCALES } from "@attune/core";
import type { RedcapBody } from "@attune/api";
import type { Ctx } from "../context.ts";
import { parseCsv } from "./csv.ts";
import { importLongRows } from "./longImport.ts";
import { readLongRows } from "./longReader.ts";
import { DEFAULT_COLUMNS, type LongColumns } from "./longRows.ts";
import type { DeclaredScales } from "./longScales.ts";
import type { ImportReport, Progress, Rejection } from "./report.ts";

/**
 * REDCap field per long-table column; `session` may be "redcap_event_name" (the first number in the
 * event name). A form total (phq9, gad7, …) is fed by the field mapped to its column name, e.g.
 * `{ phq9: "phq_total" }`; unmapped, a field named like the column feeds it.
 */
export type RedcapMapping = RedcapBody["mapping"];

const FIELD = "Variable / Field Name";
const VMIN = "Text Validation Min";
const VMAX = "Text Validation Max";
const BUILTIN_FIELDS = new Set([
  "record_id",
  "redcap_event_name",
  "redcap_repeat_instrument",
  "redcap_repeat_instance",
  "redcap_data_access_group",
]);

export async function importRedcap(
  ctx: Pick<Ctx, "store" | "instruments">,
  input: { records: string; dictionary: string; mapping: RedcapMapping },
  opts: {
    networkId: string;
    study?: string;
    actorId: string | null;
    scales?: DeclaredScales;
    onProgress?: Progress;
  },
): Promise<ImportReport> {
  const dict = parseCsv(input.dictionary, "the data dictionary");
  const recs = parseCsv(input.records, "the records file");
  const prefix = (what: string, rs: Rejection[]) =>
    rs.map((r) => ({ ...r, message: `${what}: ${r.message}` }));
  if (!dict.table || !recs.table || dict.rejected.length || recs.rejected.length)
    return {
      ok: false,
      rows: 0,
      created: {},
      rejected: [...prefix("dictionary", dict.rejected), ...prefix("records", recs.rejected)],
    };
  const dt = dict.table;
  const fi = dt.header.indexOf(FIELD);
  if (fi < 0)
    return {
      ok: false,
      rows: 0,
      created: {},
      rejected: [{ row: 1, column: FIELD, message: `the data dictionary has no "${FIELD}" column` }],
    };
  const ranges = new Map<string, { min: number; max: number }>();
  const fields = new Set<string>(BUILTIN_FIELDS);
  for (const r of dt.records) {
    const name = r.cells[fi] ?? "";
    fields.add(name);
    const min = Number(r.cells[dt.header.indexOf(VMIN)] ?? "");
    const max = Number(r.cells[dt.header.indexOf(VMAX)] ?? "");
    ranges.set(name, {
      min: r.cells[dt.header.indexOf(VMIN)] ? min : -Infinity,
      max: r.cells[dt.header.indexOf(VMAX)] ? max : Infinity,
    });
  }
  const rejected: Rejection[] = [];
  const m = input.mapping;
  for (const [role, field] of Object.entries(m)) {
    if (field === undefined) continue;
    if (!fields.has(field))
      rejected.push({
        row: 0,
        column: field,
        message: `mapping.${role}: field "${field}" is not in the data dictionary`,
      });
    else if (!recs.table.header.includes(field))
      rejected.push({
        row: 1,
        column: field,
        message: `mapping.${role}: the records file has no column "${field}"`,
      });
  }
  // A field mapped to a form total must hold that total: a dictionary range wider than the form's
  // (a percent mapped to phq9) would store other numbers under the form's name.
  const formField = (column: string) => (m as Partial<Record<string, string>>)[column];
  for (const c of FORM_COLUMNS) {
    const field = formField(c.column);
    const range = field ? ranges.get(field) : undefined;
    // An open side (no validation min or max) says nothing; the form's range is checked per value.
    const wider =
      range &&
      ((Number.isFinite(range.min) && range.min < c.range.min) ||
        (Number.isFinite(range.max) && range.max > c.range.max));
    if (field && range && wider)
      rejected.push({
        row: 0,
        column: field,
        message: `mapping.${c.column}: field "${field}" allows ${range.min}..${range.max} in the data dictionary, but the ${c.label} lies in ${c.range.min}–${c.range.max}`,
      });
  }
  if (rejected.length) return { ok: false, rows: recs.table.records.length, created: {}, rejected };
  // Fields not mapped to a long-table column travel in `extra` (a declared therapist attribute's field
  // carries its value; longImport.ts reads them).
  const raw = readLongRows(recs.table, m);
  for (const row of raw) {
    const line = row.line;
    if (m.session === "redcap_event_name") row.session = /(\d+)/.exec(row.session ?? "")?.[1] ?? row.session;
    for (const { column } of SCORE_COLUMNS) {
      const field = m[column];
      const v = Number(row[column]);
      const range = field ? ranges.get(field) : undefined;
      if (range && row[column] && Number.isFinite(v) && (v < range.min || v > range.max))
        rejected.push({
          row: line,
          column: field,
          message: `${v} is outside the dictionary's range ${range.min}..${range.max}`,
        });
    }
  }
  if (rejected.length) return { ok: false, rows: raw.length, created: {}, rejected };
  // Form totals keep their mapped field's name, so a refusal names the REDCap field.
  const columns = Object.fromEntries([
    ...IMPORT_COLUMNS.map((c) => [c, m[c] ?? DEFAULT_COLUMNS[c]]),
    ...FORM_COLUMNS.flatMap((c) => {
      const field = formField(c.column);
      return field ? [[c.column, field]] : [];
    }),
  ]) as LongColumns;
  // The dictionary's validation range is the scale the scores are on, unless the caller declared one;
  // the fields of one stored scale must share it (one alliance metric for both views).
  const finite = (f: string | undefined) => {
    const r = f ? ranges.get(f) : undefined;
    return r && Number.isFinite(r.min) && Number.isFinite(r.max) && r.max > r.min ? r : undefined;
  };
  const fromDictionary: DeclaredScales = {};
  for (const scale of SCORE_SCALES) {
    const mapped = SCORE_COLUMNS.filter((c) => c.scale === scale && m[c.column] !== undefined);
    const found = mapped.map((c) => finite(m[c.column]));
    const first = found[0];
    if (first && found.every((r) => r && r.min === first.min && r.max === first.max))
      fromDictionary[scale] = first;
  }
  return importLongRows(ctx, raw, columns, { ...opts, scales: { ...fromDictionary, ...opts.scales } });
}
