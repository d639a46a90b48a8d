// `attune backup`: a consistent copy of a live database, taken while the server runs and patients submit.
// SQLite: SQLite's online backup API copies the file page by page into a snapshot beside the target
// (a writer in another process makes it restart the copy, so it always ends on one committed state),
// and the snapshot is then written out as the archive. PostgreSQL: every table is read inside one
// REPEATABLE READ, READ ONLY transaction — one snapshot of the whole database, the same guarantee
// pg_dump gives — through cursors, so memory stays flat however large the network.
import { rmSync, statSync } from "node:fs";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { isPostgresUrl, openStore } from "../open.ts";
import {
  ArchiveWriter,
  BackupFileError,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type Cell,
  type Manifest,
} from "./archive.ts";
import { postgresTables, sqliteTables, type TableInfo } from "./catalog.ts";

export interface BackupResult {
  manifest: Manifest;
  /** Size of the backup file in bytes. */
  bytes: number;
  /** Wall time of the whole backup in milliseconds. */
  ms: number;
}

/** What the archive writer needs from a snapshot, whatever the dialect. */
interface Snapshot {
  source: "sqlite" | "postgres";
  migrations: string[];
  tables: TableInfo[];
  /** The table's rows in key order, in batches, each row's cells in `columns` order. */
  rows(t: TableInfo): AsyncIterable<Cell[][]>;
}

const BATCH = 2000;

/**
 * Backs up the database at `url` (a SQLite file or postgres:// URL) to the file `to`.
 *
 * @example
 * const { manifest, bytes } = await backupDatabase({ url: ".attune-data/attune.sqlite", to: "net.attune-backup", attuneVersion: "0.1.0" });
 */
export async function backupDatabase(o: {
  url: string;
  to: string;
  attuneVersion: string;
}): Promise<BackupResult> {
  const t0 = performance.now();
  const manifest = isPostgresUrl(o.url) ? await backupPostgres(o) : await backupSqlite(o);
  return { manifest, bytes: statSync(o.to).size, ms: performance.now() - t0 };
}

async function backupSqlite(o: { url: string; to: string; attuneVersion: string }): Promise<Manifest> {
  const file = o.url.replace(/^sqlite:/i, "");
  let src: SqliteDatabase.Database;
  try {
    src = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new BackupFileError(`no SQLite database at ${file}`);
  }
  const snapshotFile = `${o.to}.snapshot-${process.pid}.sqlite`;
  try {
    // After the first step, copy all remaining pages in one step: one read transaction, one state.
    await src.backup(snapshotFile, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } finally {
    src.close();
  }
  const snap = new SqliteDatabase(snapshotFile, { readonly: true });
  try {
    const migrations = snap
      .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get()
      ? (snap.prepare("select name from kysely_migration order by name").all() as { name: string }[]).map(
          (r) => r.name,
        )
      : [];
    return await writeArchive(o, {
      source: "sqlite",
      migrations,
      tables: sqliteTables(snap),
      async *rows(t) {
        const cols = t.columns.map((c) => JSON.stringify(c)).join(", ");
        const order = t.key.map((c) => JSON.stringify(c)).join(", ");
        const st = snap.prepare(`select ${cols} from ${JSON.stringify(t.name)} order by ${order}`).raw(true);
        let batch: Cell[][] = [];
        for (const r of st.iterate() as IterableIterator<Cell[]>) {
          batch.push(r);
          if (batch.length === BATCH) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length) yield batch;
      },
    });
  } finally {
    snap.close();
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(snapshotFile + suffix, { force: true });
  }
}

async function backupPostgres(o: { url: string; to: string; attuneVersion: string }): Promise<Manifest> {
  const store = await openStore({ url: o.url, migrate: false, poolSize: 1 });
  try {
    return await store.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(async (trx) => {
        const applied = await sql<{ name: string }>`
          select name from kysely_migration order by name`
          .execute(trx)
          .catch(() => ({ rows: [] as { name: string }[] }));
        return writeArchive(o, {
          source: "postgres",
          migrations: applied.rows.map((r) => r.name),
          tables: await postgresTables(trx),
          async *rows(t) {
            const cursor = sql.id(`attune_backup_${t.name}`);
            await sql`declare ${cursor} no scroll cursor for select ${sql.join(t.columns.map((c) => sql.id(c)))}
              from ${sql.table(t.name)} order by ${sql.join(t.key.map((c) => sql.id(c)))}`.execute(trx);
            for (;;) {
              const r = await sql<
                Record<string, Cell>
              >`fetch forward ${sql.lit(BATCH)} from ${cursor}`.execute(trx);
              if (r.rows.length === 0) break;
              yield r.rows.map((row) => t.columns.map((c) => row[c] ?? null));
            }
            await sql`close ${cursor}`.execute(trx);
          },
        });
      });
  } finally {
    await store.close();
  }
}

async function writeArchive(o: { to: string; attuneVersion: string }, snap: Snapshot): Promise<Manifest> {
  const w = new ArchiveWriter(o.to);
  try {
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      attuneVersion: o.attuneVersion,
      createdAt: new Date().toISOString(),
      source: snap.source,
      schema: { version: snap.migrations.at(-1) ?? null, migrations: snap.migrations },
      tables: snap.tables.map((t) => ({ name: t.name, columns: t.columns })),
    };
    await w.line(header);
    const rowCounts: Record<string, number> = {};
    const erasures = { count: 0, lastAt: null as string | null };
    for (const t of snap.tables) {
      await w.line({ table: t.name });
      let n = 0;
      const at = t.name === "erasures" ? t.columns.indexOf("at") : -1;
      for await (const batch of snap.rows(t)) {
        for (const row of batch) {
          for (const cell of row)
            if (cell !== null && typeof cell !== "string" && typeof cell !== "number")
              throw new Error(`table ${t.name}: a value of type ${typeof cell} cannot be backed up`);
          await w.line(row);
          if (at >= 0) {
            erasures.count++;
            const when = row[at];
            if (typeof when === "string" && (erasures.lastAt === null || when > erasures.lastAt))
              erasures.lastAt = when;
          }
        }
        n += batch.length;
      }
      rowCounts[t.name] = n;
    }
    const trailer = await w.finish({ rowCounts, erasures });
    const { end: _end, ...rest } = trailer;
    return { ...header, ...rest };
  } catch (e) {
    await w.abort();
    throw e;
  }
}
