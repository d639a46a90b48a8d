// The tables a backup copies, read from the database's own catalog (so tables added by later migrations
// are copied without anyone listing them), in an order where every foreign key points to a table
// already written — the order restore inserts them in.
import type SqliteDatabase from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import type { Store } from "../open.ts";

export interface TableInfo {
  name: string;
  columns: string[];
  /** Primary-key columns: rows are copied in this order (ids are time-ordered, so in insertion order). */
  key: string[];
  /** Tables this one references (itself excluded). */
  references: string[];
}

/**
 * Tables not copied: the migration bookkeeping (the manifest carries the schema version instead) and
 * sign-in sessions (a restored server starts with everyone signed out; their cookies are not kept).
 */
export const NOT_COPIED = new Set(["kysely_migration", "kysely_migration_lock", "auth_sessions"]);

/**
 * The copied tables of a SQLite database, parents before children.
 *
 * @example
 * sqliteTables(new Database("snapshot.sqlite", { readonly: true })).map((t) => t.name);
 */
export function sqliteTables(raw: SqliteDatabase.Database): TableInfo[] {
  const names = (
    raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  const tables = names
    .filter((n) => !NOT_COPIED.has(n))
    .map((name) => {
      const cols = raw.pragma(`table_info(${JSON.stringify(name)})`) as { name: string; pk: number }[];
      const fks = raw.pragma(`foreign_key_list(${JSON.stringify(name)})`) as { table: string }[];
      const key = cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      return {
        name,
        columns: cols.map((c) => c.name),
        key: key.length ? key : ["rowid"],
        references: [...new Set(fks.map((f) => f.table))].filter((t) => t !== name),
      };
    });
  return parentsFirst(tables);
}

/**
 * The copied tables of the PostgreSQL database's current schema, parents before children.
 *
 * @example
 * await postgresTables(store.db);
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the catalog is read without the schema type
export async function postgresTables(db: Kysely<any>): Promise<TableInfo[]> {
  const cols = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    select cl.relname as table_name, a.attname as column_name
    from pg_index i join pg_class cl on cl.oid = i.indrelid
    join pg_namespace n on n.oid = cl.relnamespace and n.nspname = current_schema()
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, pos)
    join pg_attribute a on a.attrelid = cl.oid and a.attnum = k.attnum
    where i.indisprimary order by cl.relname, k.pos`.execute(db);
  const fks = await sql<{ table_name: string; ref: string }>`
    select cl.relname as table_name, rc.relname as ref
    from pg_constraint co join pg_class cl on cl.oid = co.conrelid
    join pg_class rc on rc.oid = co.confrelid
    join pg_namespace n on n.oid = cl.relnamespace and n.nspname = current_schema()
    where co.contype = 'f'`.execute(db);
  const byTable = new Map<string, TableInfo>();
  for (const r of cols.rows) {
    if (NOT_COPIED.has(r.table_name)) continue;
    let t = byTable.get(r.table_name);
    if (!t) byTable.set(r.table_name, (t = { name: r.table_name, columns: [], key: [], references: [] }));
    t.columns.push(r.column_name);
  }
  for (const r of keys.rows) byTable.get(r.table_name)?.key.push(r.column_name);
  for (const r of fks.rows) {
    const t = byTable.get(r.table_name);
    if (t && r.ref !== t.name && !t.references.includes(r.ref)) t.references.push(r.ref);
  }
  for (const t of byTable.values()) if (t.key.length === 0) t.key = [...t.columns];
  return parentsFirst([...byTable.values()]);
}

/** Topological order (parents first); ties by name so two backups of one schema list tables alike. */
function parentsFirst(tables: TableInfo[]): TableInfo[] {
  const left = new Map(tables.map((t) => [t.name, t]));
  const out: TableInfo[] = [];
  while (left.size > 0) {
    const ready = [...left.values()]
      .filter((t) => t.references.every((r) => !left.has(r)))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...left.keys()].join(", ")}`);
    for (const t of ready) {
      out.push(t);
      left.delete(t.name);
    }
  }
  return out;
}

/**
 * The copied tables of an open store, either dialect, parents first (tests and tools; backup reads
 * its snapshot directly).
 *
 * @example
 * (await storeTables(store)).map((t) => t.name);
 */
export async function storeTables(store: Store): Promise<TableInfo[]> {
  if (store.dialect === "postgres") return postgresTables(store.db);
  const names = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db);
  const tables: TableInfo[] = [];
  for (const { name } of names.rows) {
    if (NOT_COPIED.has(name)) continue;
    const cols = await sql<{
      name: string;
      pk: number;
    }>`select name, pk from pragma_table_info(${name})`.execute(store.db);
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(
      store.db,
    );
    const key = cols.rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    tables.push({
      name,
      columns: cols.rows.map((c) => c.name),
      key: key.length ? key : ["rowid"],
      references: [...new Set(fks.rows.map((f) => f.table))].filter((t) => t !== name),
    });
  }
  return parentsFirst(tables);
}
