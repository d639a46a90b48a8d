// The backup file: gzip'd JSON lines, the same for SQLite and PostgreSQL (so a SQLite backup restores
// into PostgreSQL and back). Line 1 is the header (attune version, schema version, the tables and
// their columns); then, per table, one `{"table": name}` line and one JSON array per row, in key
// order; the last line is the trailer: row counts per table and the sha256 of every line before it.
// The header and trailer together are the manifest.
import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream, renameSync, rmSync } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { createGunzip, createGzip, type Gzip } from "node:zlib";

export const BACKUP_FORMAT = "attune-backup";
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  attuneVersion: string;
  createdAt: string;
  /** The dialect the backup was taken from (restore accepts either). */
  source: "sqlite" | "postgres";
  /** The schema: every applied migration, oldest first; `version` is the last. */
  schema: { version: string | null; migrations: string[] };
  tables: { name: string; columns: string[] }[];
}

export interface BackupTrailer {
  end: true;
  rowCounts: Record<string, number>;
  /** Erasures recorded in the copied data, and the newest one's time (null: none). */
  erasures: { count: number; lastAt: string | null };
  /** sha256 (hex) of every line before the trailer, as written (uncompressed, newline-terminated). */
  sha256: string;
}

export type Manifest = BackupHeader & Omit<BackupTrailer, "end">;

export type Cell = string | number | null;

/** Writes a backup to `<path>.partial` and renames it to `path` only when complete. */
export class ArchiveWriter {
  private readonly gzip: Gzip;
  private readonly hash: Hash = createHash("sha256");
  private readonly done: Promise<void>;
  private readonly partial: string;

  constructor(private readonly path: string) {
    this.partial = `${path}.partial`;
    this.gzip = createGzip({ level: 6 });
    const out = createWriteStream(this.partial, { mode: 0o600 });
    this.gzip.pipe(out);
    this.done = finished(out);
  }

  /** Appends one line (hashed). */
  async line(value: unknown): Promise<void> {
    const s = `${JSON.stringify(value)}\n`;
    this.hash.update(s);
    if (!this.gzip.write(s)) await once(this.gzip, "drain");
  }

  /** Writes the trailer (not hashed: it carries the hash) and moves the file into place. */
  async finish(t: Omit<BackupTrailer, "end" | "sha256">): Promise<BackupTrailer> {
    const trailer: BackupTrailer = { end: true, ...t, sha256: this.hash.digest("hex") };
    this.gzip.end(`${JSON.stringify(trailer)}\n`);
    await this.done;
    renameSync(this.partial, this.path);
    return trailer;
  }

  /** Removes the partial file after a failure. */
  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => undefined);
    rmSync(this.partial, { force: true });
  }
}

export type ArchiveEvent =
  | { kind: "header"; header: BackupHeader }
  | { kind: "table"; table: string; columns: string[] }
  | { kind: "row"; table: string; row: Cell[] }
  | { kind: "trailer"; trailer: BackupTrailer; sha256: string };

/** A backup file that cannot be used: the message is the one line the CLI prints. */
export class BackupFileError extends Error {
  override name = "InputError";
}

/**
 * Reads a backup file line by line; the trailer event carries the sha256 actually read so the caller
 * can compare it with the recorded one.
 *
 * @example
 * for await (const e of readArchive("net.attune-backup")) if (e.kind === "header") console.log(e.header.schema);
 */
export async function* readArchive(path: string): AsyncGenerator<ArchiveEvent> {
  const hash = createHash("sha256");
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let lineNo = 0;
  let header: BackupHeader | undefined;
  let table: { name: string; columns: string[] } | undefined;
  let sawTrailer = false;
  try {
    for await (const text of lines) {
      lineNo++;
      if (sawTrailer) throw new BackupFileError(`${path}: data after the trailer (line ${lineNo})`);
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch {
        throw new BackupFileError(`${path}: line ${lineNo} is not JSON (the file is damaged)`);
      }
      if (lineNo === 1) {
        header = v as BackupHeader;
        if (header?.format !== BACKUP_FORMAT)
          throw new BackupFileError(`${path}: not an attune backup (no "${BACKUP_FORMAT}" header)`);
        if (header.formatVersion > BACKUP_FORMAT_VERSION)
          throw new BackupFileError(
            `${path}: backup format ${header.formatVersion} is newer than this attune reads (${BACKUP_FORMAT_VERSION})`,
          );
        hash.update(`${text}\n`);
        yield { kind: "header", header };
        continue;
      }
      if (Array.isArray(v)) {
        if (!table) throw new BackupFileError(`${path}: line ${lineNo}: a row before any table`);
        hash.update(`${text}\n`);
        yield { kind: "row", table: table.name, row: v as Cell[] };
        continue;
      }
      const o = v as { table?: unknown; end?: unknown };
      if (typeof o.table === "string") {
        const t = header?.tables.find((x) => x.name === o.table);
        if (!t) throw new BackupFileError(`${path}: line ${lineNo}: table "${o.table}" is not in the header`);
        table = t;
        hash.update(`${text}\n`);
        yield { kind: "table", table: t.name, columns: t.columns };
        continue;
      }
      if (o.end === true) {
        sawTrailer = true;
        yield { kind: "trailer", trailer: v as BackupTrailer, sha256: hash.digest("hex") };
        continue;
      }
      throw new BackupFileError(`${path}: line ${lineNo} is neither a row, a table nor the trailer`);
    }
  } catch (e) {
    if (e instanceof BackupFileError) throw e;
    const code = (e as { code?: string }).code;
    if (code === "ENOENT") throw new BackupFileError(`${path}: no such file`);
    if (code === "Z_DATA_ERROR" || code === "Z_BUF_ERROR")
      throw new BackupFileError(`${path}: not a gzip'd attune backup or damaged (${(e as Error).message})`);
    throw e;
  }
  if (lineNo === 0) throw new BackupFileError(`${path}: the file is empty`);
  if (!sawTrailer)
    throw new BackupFileError(`${path}: the backup is truncated (no trailer after line ${lineNo})`);
}

/**
 * Reads the whole file and checks it against its manifest: the sha256 and each table's row count.
 * Returns the manifest; throws a BackupFileError naming the first mismatch.
 *
 * @example
 * const m = await verifyArchive("net.attune-backup"); // m.rowCounts.responses, m.schema.version
 */
export async function verifyArchive(path: string): Promise<Manifest> {
  let header: BackupHeader | undefined;
  const counts: Record<string, number> = {};
  for await (const e of readArchive(path)) {
    if (e.kind === "header") header = e.header;
    else if (e.kind === "table") counts[e.table] = counts[e.table] ?? 0;
    else if (e.kind === "row") counts[e.table] = (counts[e.table] ?? 0) + 1;
    else {
      const t = e.trailer;
      if (t.sha256 !== e.sha256)
        throw new BackupFileError(
          `${path}: sha256 of the data is ${e.sha256}, the manifest says ${t.sha256} (the file was altered or damaged)`,
        );
      for (const [name, n] of Object.entries(t.rowCounts))
        if ((counts[name] ?? 0) !== n)
          throw new BackupFileError(
            `${path}: table ${name} holds ${counts[name] ?? 0} rows, the manifest says ${n}`,
          );
      for (const name of Object.keys(counts))
        if (!(name in t.rowCounts))
          throw new BackupFileError(`${path}: table ${name} is not counted in the manifest`);
      const { end: _end, ...rest } = t;
      return { ...header!, ...rest };
    }
  }
  throw new BackupFileError(`${path}: the backup is truncated`);
}
