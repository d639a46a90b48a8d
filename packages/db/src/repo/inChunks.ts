// Both dialects cap the bound parameters of one statement (SQLite 32,766, PostgreSQL 65,535), so a read
// by a long list of ids or codes (`where … in (…)`) is split into slices, one statement each.

/** How many values one `in (…)` list carries by default: well below both dialects' caps. */
export const IN_LIST_SIZE = 5000;

/**
 * Runs `read` on consecutive slices of `values` (at most `size` each) and concatenates what it returns,
 * in order. No statement runs for an empty list.
 *
 * @example
 * const rows = await inChunks(ids, (slice) => db.selectFrom("patients").selectAll().where("id", "in", slice).execute());
 */
export async function inChunks<T, R>(
  values: readonly T[],
  read: (slice: T[]) => Promise<readonly R[]>,
  size = IN_LIST_SIZE,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += size) out.push(...(await read(values.slice(i, i + size))));
  return out;
}
