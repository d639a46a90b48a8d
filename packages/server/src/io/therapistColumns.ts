// Therapist attribute columns in a long CSV or a REDCap export: a column named like one of the network's
// declared attributes carries each therapist's value, repeated on their rows. Checked with core's one
// contract (attributeValue), one value per therapist in the file, and never overwriting a stored value
// with a different one (like answers: imports never overwrite).
import { attributeValue } from "@attune/core";
import { attributeValues, setAttributeValues, type Db, type StoredAttribute } from "@attune/db";
import type { Rejection } from "./report.ts";

/** One therapist's values read from a file, each with the first line it was read on. */
export type FileValues = Map<string, { def: StoredAttribute; value: string; line: number }[]>;

/**
 * Reads the declared attributes' columns of a file's rows (cells by column name in `extra`).
 *
 * @example
 * const { values, rejected } = attributeColumns(defs, [{ line: 2, therapist: "T1", extra: { years_practice: "12" } }]);
 */
export function attributeColumns(
  defs: readonly StoredAttribute[],
  rows: readonly { line: number; therapist: string; extra?: Record<string, string> | undefined }[],
): { values: FileValues; rejected: Rejection[] } {
  const values: FileValues = new Map();
  const rejected: Rejection[] = [];
  for (const r of rows) {
    if (!r.extra) continue;
    for (const def of defs) {
      const cell = r.extra[def.code];
      if (cell === undefined) continue;
      const v = attributeValue(def, cell);
      if ("problem" in v) {
        rejected.push({ row: r.line, column: def.code, message: `therapist ${r.therapist}: ${v.problem}` });
        continue;
      }
      if (v.value === null) continue;
      const mine = values.get(r.therapist) ?? [];
      const prev = mine.find((x) => x.def.id === def.id);
      if (!prev) mine.push({ def, value: v.value, line: r.line });
      else if (prev.value !== v.value)
        rejected.push({
          row: r.line,
          column: def.code,
          message: `therapist ${r.therapist} has ${def.code} ${prev.value} on line ${prev.line} and ${v.value} here; a therapist attribute has one value per therapist`,
        });
      values.set(r.therapist, mine);
    }
  }
  return { values, rejected };
}

/**
 * Stores the values read from a file for the therapists the import resolved (code → id); a value that
 * differs from the stored one is a conflict (nothing is overwritten). Run it in the import's transaction.
 *
 * @example
 * const conflicts = await storeFileValues(trx, networkId, values, therapistIds, actorId);
 */
export async function storeFileValues(
  db: Db,
  networkId: string,
  values: FileValues,
  therapistIds: ReadonlyMap<string, string>,
  actorId: string | null,
): Promise<Rejection[]> {
  const conflicts: Rejection[] = [];
  for (const [code, list] of values) {
    const id = therapistIds.get(code);
    if (!id) continue;
    const stored = new Map((await attributeValues(db, networkId, id)).map((v) => [v.code, v.value]));
    const fresh = [];
    for (const x of list) {
      const have = stored.get(x.def.code);
      if (have === undefined) fresh.push({ attributeId: x.def.id, value: x.value });
      else if (have !== x.value)
        conflicts.push({
          row: x.line,
          column: x.def.code,
          message: `therapist ${code} already has ${x.def.code} ${have}; an import does not overwrite it with ${x.value}`,
        });
    }
    if (fresh.length)
      await setAttributeValues(db, {
        therapistId: id,
        values: fresh,
        source: "import",
        by: actorId ?? "import",
      });
  }
  return conflicts;
}
