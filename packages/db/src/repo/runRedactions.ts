// Erasure and recorded analysis runs: an erased patient's rows leave the tidy CSV of every run of the
// network (pseudonymised data are personal data too), and each redaction is recorded. A run's results
// and its original sha256 stay as recorded — they are what was published.
import { inChunks } from "./inChunks.ts";
import { createHash } from "node:crypto";
import { PostgresAdapter, sql } from "kysely";
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { RunRedaction } from "../schema.ts";
import { appendAudit } from "./audit.ts";
import { EPISODE_MARK } from "./longData.ts";

/** The CSV column holding the patient's pseudonymous code (LONG_COLUMNS). */
const PATIENT_COLUMN = "patient";

/** Splits CSV text into raw records (each with its line ending), honouring quoted newlines. */
function rawRecords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === "\n" && !quoted) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** The cells of one raw record (RFC 4180: quotes around a cell, doubled quotes inside). */
function cells(record: string): string[] {
  const line = record.replace(/\r?\n$/, "");
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Removes every record whose `patient` cell is `code` (or one of its episodes, `code#2`) from a run's tidy CSV; the header and every other
 * record stay byte for byte as recorded.
 *
 * @example
 * removePatientRows("therapist,patient\nT1,P1\nT1,P2\n", "P1"); // { csv: "therapist,patient\nT1,P2\n", removed: 1 }
 */
export function removePatientRows(csv: string, code: string): { csv: string; removed: number } {
  const records = rawRecords(csv);
  const header = records[0];
  if (header === undefined) return { csv, removed: 0 };
  const col = cells(header)
    .map((h) => h.trim())
    .indexOf(PATIENT_COLUMN);
  // Every run's CSV is written with LONG_COLUMNS; without a patient column the erasure cannot be done safely.
  if (col < 0) throw new Error(`a run's CSV has no "${PATIENT_COLUMN}" column (header: ${header.trim()})`);
  // The patient's rows, and those of each of their episodes ("P7#2": longData.ts EPISODE_MARK).
  const kept = records.slice(1).filter((r) => {
    const cell = cells(r)[col];
    return cell !== code && !cell?.startsWith(`${code}${EPISODE_MARK}`);
  });
  const removed = records.length - 1 - kept.length;
  return { csv: removed ? header + kept.join("") : csv, removed };
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** What one erasure did to one run. */
export interface RunRedactionReport {
  runId: string;
  rowsRemoved: number;
  /** sha256 of the run's CSV before and after the rows were removed. */
  before: string;
  after: string;
}

/**
 * Removes an erased patient's rows from every recorded run of the network and records each redaction
 * (and an audit entry per run). Run it in the erasure's transaction, after the erasure row is inserted:
 * the analysis_runs trigger allows the rewrite only as the application of the run's newest redaction.
 *
 * @example
 * const runs = await redactRuns(trx, { networkId, erasureId, patientCode: "P7", requestedBy: userId });
 */
export async function redactRuns(
  db: Db,
  r: { networkId: string; erasureId: string; patientCode: string; requestedBy: string },
): Promise<RunRedactionReport[]> {
  // Only runs whose CSV holds the code somewhere (as written in the CSV: quotes doubled) can be affected.
  const written = r.patientCode.replace(/"/g, '""');
  const pattern = `%${written.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const q = db
    .selectFrom("analysis_runs")
    .select(["id", "data_csv"])
    .where("network_id", "=", r.networkId)
    .where(sql<boolean>`data_csv like ${pattern} escape '\\'`)
    .orderBy("id");
  // Two erasures at once on PostgreSQL: lock the runs, so the second reads the CSV the first left (its
  // redaction's `before` must match, or the trigger refuses). SQLite runs one write transaction at a time.
  const runs = await (db.getExecutor().adapter instanceof PostgresAdapter ? q.forUpdate() : q).execute();
  const out: RunRedactionReport[] = [];
  const at = nowIso();
  for (const run of runs) {
    const { csv, removed } = removePatientRows(run.data_csv, r.patientCode);
    if (removed === 0) continue;
    const red: RunRedaction = {
      id: newId(),
      run_id: run.id,
      erasure_id: r.erasureId,
      at,
      rows_removed: removed,
      before_sha256: sha256(run.data_csv),
      after_sha256: sha256(csv),
    };
    await db.insertInto("run_redactions").values(red).execute();
    await db
      .updateTable("analysis_runs")
      .set({ data_csv: csv, redacted_by: red.id })
      .where("id", "=", run.id)
      .execute();
    const report = {
      runId: run.id,
      rowsRemoved: removed,
      before: red.before_sha256,
      after: red.after_sha256,
    };
    await appendAudit(db, {
      network_id: r.networkId,
      actor_kind: "user",
      actor_id: r.requestedBy,
      action: "redact",
      entity: "analysis_run",
      entity_id: run.id,
      ip: null,
      user_agent: null,
      detail: JSON.stringify({ erasureId: r.erasureId, ...report }),
    });
    out.push(report);
  }
  return out;
}

/**
 * The redactions of the given runs, oldest first.
 *
 * @example
 * const [first] = await listRunRedactions(db, [run.id]); // first?.after_sha256
 */
export async function listRunRedactions(db: Db, runIds: readonly string[]): Promise<RunRedaction[]> {
  if (runIds.length === 0) return [];
  return db.selectFrom("run_redactions").selectAll().where("run_id", "in", runIds).orderBy("id").execute();
}

/**
 * How many of the given patient codes no longer exist in the network (their patients were erased), locking
 * the others against erasure until the transaction ends (PostgreSQL; SQLite writes one at a time). Call it
 * in the transaction that records a run, before inserting: a run computed while one of its patients was
 * erased would otherwise keep that patient's rows, as the erasure could not see the run yet.
 *
 * @example
 * if ((await erasedSince(trx, networkId, ["P1", "P2"])) > 0) throw new Error("run it again");
 */
export async function erasedSince(db: Db, networkId: string, codes: readonly string[]): Promise<number> {
  const unique = [...new Set(codes)];
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const found = await inChunks(unique, (slice) => {
    const q = db
      .selectFrom("patients")
      .select("id")
      .where("network_id", "=", networkId)
      .where("code", "in", slice);
    return (pg ? q.forShare() : q).execute();
  });
  return unique.length - found.length;
}
