// The erasure ledger: one line per patient erasure, written outside the database (next to the backups),
// so that restoring a backup taken before an erasure does not bring the erased patient back — restore
// erases them again. The ledger holds only pseudonymous ids and times: nothing that identifies anyone.
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isPostgresUrl } from "../open.ts";

export interface LedgerEntry {
  patientId: string;
  networkId: string;
  /** The coordinator who requested it (their user id). */
  requestedBy: string;
  at: string;
}

/**
 * Where the ledger is: ATTUNE_ERASURE_LEDGER; else `erasures.jsonl` beside a SQLite database (the data
 * directory); for PostgreSQL, in ATTUNE_DATA_DIR (default .attune-data).
 *
 * @example
 * defaultLedgerPath("/var/lib/attune/attune.sqlite"); // "/var/lib/attune/erasures.jsonl"
 */
export function defaultLedgerPath(databaseUrl: string): string {
  const env = process.env["ATTUNE_ERASURE_LEDGER"];
  if (env) return env;
  if (isPostgresUrl(databaseUrl))
    return join(process.env["ATTUNE_DATA_DIR"] ?? ".attune-data", "erasures.jsonl");
  return join(dirname(databaseUrl.replace(/^sqlite:/i, "")), "erasures.jsonl");
}

/**
 * Appends one erasure to the ledger and forces it to disk before returning.
 *
 * @example
 * appendErasureLedger("/backups/erasures.jsonl", { patientId, networkId, requestedBy, at: new Date().toISOString() });
 */
export function appendErasureLedger(path: string, e: LedgerEntry): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "a", 0o600);
  try {
    appendFileSync(fd, `${JSON.stringify(e)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the ledger; null when the file does not exist. A damaged line is an error naming it.
 *
 * @example
 * const entries = readErasureLedger("/backups/erasures.jsonl") ?? [];
 */
export function readErasureLedger(path: string): LedgerEntry[] | null {
  if (!existsSync(path)) return null;
  const out: LedgerEntry[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let v: Partial<LedgerEntry>;
      try {
        v = JSON.parse(line) as Partial<LedgerEntry>;
      } catch {
        throw Object.assign(new Error(`erasure ledger ${path}: line ${i + 1} is not JSON`), {
          name: "InputError",
        });
      }
      if (typeof v.patientId !== "string" || typeof v.networkId !== "string")
        throw Object.assign(new Error(`erasure ledger ${path}: line ${i + 1} has no patientId/networkId`), {
          name: "InputError",
        });
      out.push({
        patientId: v.patientId,
        networkId: v.networkId,
        requestedBy: v.requestedBy ?? "unknown",
        at: v.at ?? "",
      });
    });
  return out;
}
