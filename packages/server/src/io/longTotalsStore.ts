// Storing a row's form totals inside the import's transaction: one response per form to its
// imported-totals carrier, unless the session already has that form — answered (the answers win) or
// imported before (imports never overwrite). What is skipped is counted for the report's warnings.
import { FORM_COLUMNS, isImportedTotals, totalsSourceUrl } from "@attune/core";
import type { Episode, TherapySession } from "@attune/db";
import type { Ctx } from "../context.ts";
import { checkResponse } from "../fhir/qr.ts";
import { stripVersion } from "../instruments/catalog.ts";
import type { ImportWrites } from "./importWrites.ts";
import type { LongColumns, LongRow } from "./longRows.ts";
import { formFileColumn, totalsResponses, type SkipReason } from "./longTotals.ts";

/** A form column's value that was not stored, and why. */
export interface SkippedTotal {
  readonly column: string;
  readonly fileColumn: string;
  readonly reason: SkipReason;
}

/**
 * Stores the row's form totals on the session (held in the import's writes); returns how many responses
 * were stored and which values were skipped (their form already stored at the session: `forms`, the
 * questionnaire addresses of its responses before the import).
 *
 * @example
 * const target = { episode, session, actorId: null, forms: [] };
 * const { stored, skipped } = storeTotals(ctx, writes, row, columns, target);
 */
export function storeTotals(
  ctx: Pick<Ctx, "instruments">,
  writes: ImportWrites,
  row: LongRow,
  columns: LongColumns,
  target: { episode: Episode; session: TherapySession; actorId: string | null; forms: readonly string[] },
): { stored: number; skipped: SkippedTotal[] } {
  const responses = totalsResponses(row.forms);
  if (responses.length === 0) return { stored: 0, skipped: [] };
  // What the session has, by source form: its own answers, or totals imported before.
  const has = new Map<string, SkipReason>();
  for (const stored of target.forms) {
    const url = stripVersion(stored);
    const source = totalsSourceUrl(url);
    if (has.get(source) !== "answered") has.set(source, isImportedTotals(url) ? "imported" : "answered");
  }
  const skipped: SkippedTotal[] = [];
  let stored = 0;
  for (const t of responses) {
    const reason = has.get(t.formUrl);
    if (reason) {
      for (const column of t.columns) {
        const c = FORM_COLUMNS.find((f) => f.column === column);
        skipped.push({ column, fileColumn: c ? formFileColumn(columns, c) : column, reason });
      }
      continue;
    }
    const ch = checkResponse(ctx, t.qr, `row ${row.line}`);
    writes.response(ch, {
      episode: target.episode,
      session: target.session,
      authorKind: "import",
      authorId: target.actorId,
    });
    stored++;
  }
  return { stored, skipped };
}
