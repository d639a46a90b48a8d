// `attune restore`: a backup into an empty data directory or an empty PostgreSQL database. The file is
// read twice: first to check it against its manifest (sha256, row counts, a schema this attune knows),
// so nothing is written from a damaged or foreign file; then to load it, in one transaction, at the
// backup's own schema version, after which the newer migrations of this attune run as on any upgrade.
// Erasures recorded in the erasure ledger after the backup are applied again, so nobody erased comes back.
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { sql, type Kysely } from "kysely";
import { isPostgresUrl, openStore, type Store } from "../open.ts";
import { migrateToLatest, knownMigrations, newerSchemaMessage } from "../migrate.ts";
import { erasePatient } from "../repo/erasure.ts";
import { appendAudit } from "../repo/audit.ts";
import { BackupFileError, readArchive, verifyArchive, type Cell, type Manifest } from "./archive.ts";
import { migrateUpTo } from "./schemaState.ts";
import { readErasureLedger } from "./erasureLedger.ts";

export interface RestoreOptions {
  file: string;
  /** Target: a SQLite file path (must not hold tables) or a postgres:// URL of an empty database. */
  url: string;
  /** The erasure ledger to re-apply; null = the operator states there is none (no erasure since the backup). */
  erasureLedger: string | null;
}

export interface RestoreReport {
  manifest: Manifest;
  /** Rows loaded per table (equal to the manifest's counts). */
  rows: Record<string, number>;
  /** Migrations run after loading (the backup was older than this attune). */
  upgraded: string[];
  /** Patients erased again from the ledger (they had been erased after the backup was taken). */
  erasedAgain: string[];
  ms: number;
}

const BATCH = 500;

/**
 * Restores `file` into the empty database at `url`.
 *
 * @example
 * await restoreBackup({ file: "net.attune-backup", url: "/var/lib/attune/attune.sqlite", erasureLedger: "/backups/erasures.jsonl" });
 */
export async function restoreBackup(o: RestoreOptions): Promise<RestoreReport> {
  const t0 = performance.now();
  const ledger = o.erasureLedger === null ? [] : readErasureLedger(o.erasureLedger);
  if (ledger === null)
    throw new BackupFileError(
      `no erasure ledger at ${o.erasureLedger}: give the ledger kept with your backups (--erasure-ledger FILE), ` +
        `or --no-erasure-ledger if no patient was erased after this backup was taken`,
    );
  const manifest = await verifyArchive(o.file);
  checkSchema(manifest);

  const postgres = isPostgresUrl(o.url);
  const target = postgres ? o.url : o.url.replace(/^sqlite:/i, "");
  // SQLite: build the database beside the target and move it into place only when complete.
  const building = postgres ? target : `${target}.restoring-${process.pid}`;
  if (!postgres) {
    if (existsSync(target) && statSync(target).size > 0)
      throw new BackupFileError(`${target} already exists: restore only into an empty data directory`);
    removeSqlite(building);
  }
  let store: Store | undefined;
  try {
    store = await openStore({ url: building, migrate: false });
    const existing = await tableCount(store);
    if (existing > 0)
      throw new BackupFileError(
        `${store.location} is not empty (${existing} tables): restore only into an empty database`,
      );
    if (manifest.schema.version) await migrateUpTo(store.db, store.dialect, manifest.schema.version);
    const rows = await load(store, o.file, manifest);
    const upgraded = await migrateToLatest(store.db, store.dialect);
    const erasedAgain = await eraseAgain(store, ledger);
    await store.close();
    store = undefined;
    if (!postgres) renameSync(building, target);
    return { manifest, rows, upgraded, erasedAgain, ms: performance.now() - t0 };
  } catch (e) {
    await store?.close();
    if (!postgres) removeSqlite(building);
    throw e;
  }
}

function checkSchema(m: Manifest): void {
  const known = knownMigrations();
  const unknown = m.schema.migrations.filter((x) => !known.includes(x));
  if (unknown.length)
    throw new BackupFileError(newerSchemaMessage({ unknown, latest: known.at(-1) ?? "" }, "the backup"));
  const expected = known.slice(0, m.schema.migrations.length);
  if (expected.join() !== m.schema.migrations.join())
    throw new BackupFileError(
      `the backup's migrations (${m.schema.migrations.join(", ")}) are not a sequence this attune knows (${expected.join(", ")})`,
    );
}

async function tableCount(store: Store): Promise<number> {
  const r =
    store.dialect === "postgres"
      ? await sql<{
          n: number;
        }>`select count(*)::int as n from pg_tables where schemaname = current_schema()`.execute(store.db)
      : await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table'`.execute(
          store.db,
        );
  return Number(r.rows[0]?.n ?? 0);
}

/** Loads every row in one transaction and checks the counts before committing. */
async function load(store: Store, file: string, m: Manifest): Promise<Record<string, number>> {
  return store.db.transaction().execute(async (trx) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables come from the backup's header
    const anyTrx = trx as any;
    const counts: Record<string, number> = {};
    let table: { name: string; columns: string[] } | undefined;
    let batch: Record<string, Cell>[] = [];
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await anyTrx.insertInto(table.name).values(batch).execute();
      counts[table.name] = (counts[table.name] ?? 0) + batch.length;
      batch = [];
    };
    for await (const e of readArchive(file)) {
      if (e.kind === "table") {
        await flush();
        table = { name: e.table, columns: e.columns };
        counts[e.table] = 0;
        await checkColumns(trx, store.dialect, table);
      } else if (e.kind === "row" && table) {
        const obj: Record<string, Cell> = {};
        table.columns.forEach((c, i) => (obj[c] = e.row[i] ?? null));
        batch.push(obj);
        if (batch.length === BATCH) await flush();
      }
    }
    await flush();
    for (const [name, n] of Object.entries(m.rowCounts)) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(trx);
      const got = Number(r.rows[0]?.n ?? 0);
      if (got !== n)
        throw new BackupFileError(`restored table ${name} holds ${got} rows, the manifest says ${n}`);
    }
    return counts;
  });
}

/** The backup's columns must all exist at the schema the backup names (else the file is not what it says). */
async function checkColumns(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any transaction of either dialect
  db: Kysely<any>,
  dialect: Store["dialect"],
  t: { name: string; columns: string[] },
): Promise<void> {
  const r =
    dialect === "postgres"
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${t.name}`.execute(db)
      : await sql<{ name: string }>`select name from pragma_table_info(${t.name})`.execute(db);
  const have = new Set(r.rows.map((x) => x.name));
  if (have.size === 0)
    throw new BackupFileError(`the backup holds table ${t.name}, which its schema version does not have`);
  const missing = t.columns.filter((c) => !have.has(c));
  if (missing.length)
    throw new BackupFileError(
      `the backup's table ${t.name} has column(s) ${missing.join(", ")} its schema version does not have`,
    );
}

/** Erases again each ledger patient present in the restored data, and audits that it was done by restore. */
async function eraseAgain(
  store: Store,
  ledger: { patientId: string; networkId: string; requestedBy: string; at: string }[],
): Promise<string[]> {
  const done: string[] = [];
  for (const e of ledger) {
    const present = await store.db
      .selectFrom("patients")
      .select("id")
      .where("id", "=", e.patientId)
      .executeTakeFirst();
    if (!present) continue;
    await erasePatient(store.db, {
      patientId: e.patientId,
      networkId: e.networkId,
      requestedBy: e.requestedBy,
      reason: `erased again on restore (erasure requested ${e.at}, after the backup was taken)`,
    });
    await appendAudit(store.db, {
      network_id: e.networkId,
      actor_kind: "system",
      actor_id: null,
      action: "erase",
      entity: "patient",
      entity_id: e.patientId,
      ip: null,
      user_agent: null,
      detail: JSON.stringify({ reason: "restore re-applied the erasure ledger", requestedAt: e.at }),
    });
    done.push(e.patientId);
  }
  return done;
}

function removeSqlite(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}
