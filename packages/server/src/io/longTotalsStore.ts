// Storing a row's form totals inside the import's transaction: one response per form to its
// imported-totals carrier, unless the session already has that form — answered (the answers win) or
// imported before (imports never overwrite). What is skipped is counted for the report's warnings.
import { FORM_COLUMNS, isImportedTotals, totalsSourceUrl } from "@attune/core";
import { listResponses, type Db, type Episode, type TherapySession } from "@attune/db";
import type { Ctx } from "../context.ts";
import { checkResponse } from "../fhir/qr.ts";
import { stripVersion } from "../instruments/catalog.ts";
import { store as storeResponse } from "../submissions.ts";
import type { LongColumns, LongRow } from "./longRows.ts";
import { formFileColumn, totalsResponses, type SkipReason } from "./longTotals.ts";

/** A form column's value that was not stored, and why. */
export interface SkippedTotal {
  readonly column: string;
  readonly fileColumn: string;
  readonly reason: SkipReason;
}

/**
 * Stores the row's form totals on the session; returns how many responses were stored and which
 * values were skipped (their form already stored for the session).
 *
 * @example
 * const { stored, skipped } = await storeTotals(ctx, trx, row, columns, { episode, session, actorId: null });
 */
export async function storeTotals(
  ctx: Pick<Ctx, "instruments">,
  trx: Db,
  row: LongRow,
  columns: LongColumns,
  target: { episode: Episode; session: TherapySession; actorId: string | null },
): Promise<{ stored: number; skipped: SkippedTotal[] }> {
  const responses = totalsResponses(row.forms);
  if (responses.length === 0) return { stored: 0, skipped: [] };
  // What the session has, by source form: its own answers, or totals imported before.
  const has = new Map<string, SkipReason>();
  for (const r of await listResponses(trx, {
    networkId: target.episode.network_id,
    sessionId: target.session.id,
  })) {
    const url = stripVersion(r.questionnaire_url);
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
    await storeResponse(trx, ch, {
      episode: target.episode,
      session: target.session,
      authorKind: "import",
      authorId: target.actorId,
    });
    stored++;
  }
  return { stored, skipped };
}
