// Opens the store: a SQLite file (embedded default) or PostgreSQL (postgres:// URL).
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase as KyselySqlite } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";
import { migrateToLatest } from "./migrate.ts";

export type DialectName = "sqlite" | "postgres";
export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  dialect: DialectName;
  /** Where it is: the SQLite file path or the PostgreSQL URL without password. */
  location: string;
  /** Runs the database's own consistency check; returns a list of problems (empty = sound). */
  integrityCheck(): Promise<string[]>;
  /**
   * PostgreSQL only: messages between the API processes sharing this database (LISTEN/NOTIFY), so that
   * an answer stored by one process reaches the dashboards connected to another. Absent for SQLite (one
   * process owns the file).
   */
  relay?: Relay;
  /**
   * After an erasure: moves the write-ahead log into the database file and empties it, so deleted
   * rows leave no copy in the WAL (SQLite, which also runs with secure_delete so freed pages are
   * zeroed). PostgreSQL: nothing (its WAL and vacuum are the operator's; see docs/platform.md).
   */
  checkpoint(): Promise<void>;
  /** PostgreSQL only: the pool's connections (for /metrics). */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** Cross-process messages on a named channel (PostgreSQL LISTEN/NOTIFY). */
export interface Relay {
  /** Sends `payload` (≤ 8000 bytes) to every listener of `channel`, this process's included. */
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `onMessage` for each message on `channel` until the returned function is called. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface OpenOptions {
  /** postgres://... , a SQLite file path, "sqlite:<path>" or ":memory:". */
  url?: string;
  /** Directory for the default SQLite file when no url is given. */
  dataDir?: string;
  /** Run migrations on open (default true). */
  migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/** Resolves the store location from options and the environment (ATTUNE_DATABASE_URL, ATTUNE_DATA_DIR). */
export function resolveDatabaseUrl(opts: OpenOptions = {}): string {
  if (opts.url) return opts.url;
  const env = process.env["ATTUNE_DATABASE_URL"];
  if (env) return env;
  const dir = opts.dataDir ?? process.env["ATTUNE_DATA_DIR"] ?? ".attune-data";
  return join(dir, "attune.sqlite");
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export async function openStore(opts: OpenOptions = {}): Promise<Store> {
  const url = resolveDatabaseUrl(opts);
  const store = isPostgresUrl(url) ? openPostgres(url, opts.poolSize ?? 10) : openSqlite(url);
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(store.db, store.dialect);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}

function openSqlite(url: string): Store {
  const file = url.replace(/^sqlite:/i, "");
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const raw = new SqliteDatabase(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  // Deleted content is overwritten with zeros, so an erased patient's details leave no bytes in
  // free pages of the file (issue 12).
  raw.pragma("secure_delete = ON");
  // NORMAL in WAL mode: a committed transaction survives a killed process (it is in the WAL);
  // only an OS crash / power loss can lose the last commits. ATTUNE_SQLITE_SYNC=full closes that too.
  raw.pragma(`synchronous = ${process.env["ATTUNE_SQLITE_SYNC"] === "full" ? "FULL" : "NORMAL"}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statementCache(raw) }) });
  return {
    db,
    dialect: "sqlite",
    location: file,
    async checkpoint() {
      if (file !== ":memory:") raw.pragma("wal_checkpoint(TRUNCATE)");
    },
    async integrityCheck() {
      const rows = raw.pragma("integrity_check") as { integrity_check: string }[];
      const fk = raw.pragma("foreign_key_check") as unknown[];
      const problems = rows.map((r) => r.integrity_check).filter((m) => m !== "ok");
      if (fk.length > 0) problems.push(`${fk.length} foreign key violation(s)`);
      return problems;
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew; preparing costs more than running a small statement, so keep
 * prepared statements by SQL text (one connection, so a statement is never used twice at once).
 */
function statementCache(raw: SqliteDatabase.Database, max = 500): KyselySqlite {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      let st = cache.get(text);
      if (!st) {
        st = raw.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(text, st);
      }
      return st;
    },
  };
}

function openPostgres(url: string, poolSize: number): Store {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle pooled connection can be closed by the server (restart, admin termination, a dropped test
  // database). The pool discards that client by itself; without a listener the error would end the process.
  pool.on("error", (err) => {
    process.stderr.write(
      `attune: an idle PostgreSQL connection was closed (${err.message}); it will be replaced\n`,
    );
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Listening holds one connection of its own (outside the pool's rotation) for as long as it listens.
  const listeners = new Set<pg.Client>();
  const relay: Relay = {
    async notify(channel, payload) {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db);
    },
    async listen(channel, onMessage) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name "${channel}"`);
      const client = new pg.Client({ connectionString: url });
      client.on("error", (err) =>
        process.stderr.write(`attune: the PostgreSQL listener connection failed (${err.message})\n`),
      );
      await client.connect();
      client.on("notification", (m) => {
        if (m.channel === channel && m.payload !== undefined) onMessage(m.payload);
      });
      await client.query(`LISTEN ${channel}`);
      listeners.add(client);
      return async () => {
        if (!listeners.delete(client)) return;
        await client.end().catch(() => undefined);
      };
    },
  };
  return {
    db,
    dialect: "postgres",
    relay,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    location: url.replace(/:[^:@/]*@/, ":***@"),
    async checkpoint() {},
    async integrityCheck() {
      // PostgreSQL keeps its constraints itself; check that they all hold and that indexes are readable.
      const problems: string[] = [];
      const bad = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_constraint where not convalidated`.execute(db);
      if ((bad.rows[0]?.n ?? 0) > 0) problems.push("unvalidated constraints");
      const inv = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_index where not indisvalid`.execute(db);
      if ((inv.rows[0]?.n ?? 0) > 0) problems.push("invalid indexes");
      return problems;
    },
    async close() {
      await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)));
      listeners.clear();
      await db.destroy();
    },
  };
}
