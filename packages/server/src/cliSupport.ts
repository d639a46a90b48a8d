// Helpers the CLI commands (import, export, serve) share: open the store, pick the network,
// report progress, and one-line user errors.
import { listNetworks, openStore, type Store } from "@attune/db";
import type { Ctx } from "./context.ts";
import { builtinCatalog } from "./instruments/builtin.ts";
import type { ImportReport, Progress } from "./io/report.ts";

/** An error the user fixes (the CLI prints its message on one line and exits 1). */
export function inputError(message: string): Error {
  const e = new Error(message);
  e.name = "InputError";
  return e;
}

export interface StoreOptions {
  database?: string;
  dataDir?: string;
}

export async function openCliStore(
  o: StoreOptions,
): Promise<{ store: Store; ctx: Pick<Ctx, "store" | "instruments"> }> {
  const store = await openStore({
    ...(o.database ? { url: o.database } : {}),
    ...(o.dataDir ? { dataDir: o.dataDir } : {}),
  });
  return { store, ctx: { store, instruments: builtinCatalog() } };
}

/** The network named by id or name, or the only one there is; creates one if the store is empty and `create` is set. */
export async function resolveNetwork(
  store: Store,
  wanted: string | undefined,
  create = false,
): Promise<string> {
  const all = await listNetworks(store.db);
  if (wanted) {
    const n = all.find((x) => x.id === wanted || x.name === wanted);
    if (n) return n.id;
    if (create) {
      const { createNetwork } = await import("@attune/db");
      return (await createNetwork(store.db, wanted)).id;
    }
    throw inputError(
      `no network "${wanted}" (networks: ${all.map((x) => `${x.name} [${x.id}]`).join(", ") || "none"})`,
    );
  }
  if (all.length === 1) return all[0]!.id;
  if (all.length === 0) {
    if (create) {
      const { createNetwork } = await import("@attune/db");
      return (await createNetwork(store.db, "attune network")).id;
    }
    throw inputError("the store holds no network yet (import creates one with --network NAME)");
  }
  throw inputError(
    `the store holds ${all.length} networks; choose one with --network (${all.map((x) => x.name).join(", ")})`,
  );
}

/** Progress on stderr: a rewritten line on a terminal, nothing otherwise. */
export function progressLine(label: string): Progress {
  let last = 0;
  return (done, total) => {
    if (!process.stderr.isTTY) return;
    const now = Date.now();
    if (done < total && now - last < 200) return;
    last = now;
    process.stderr.write(`\r${label}: ${done}/${total}${done >= total ? "\n" : ""}`);
  };
}

/** Prints an import report; throws (exit 1) when the import was rejected. */
export function finishImport(kind: string, report: ImportReport, json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  if (!report.ok) {
    if (!json)
      for (const r of report.rejected.slice(0, 50))
        process.stderr.write(`  row ${r.row}${r.column ? `, column ${r.column}` : ""}: ${r.message}\n`);
    if (report.rejected.length > 50) process.stderr.write(`  ... and ${report.rejected.length - 50} more\n`);
    throw inputError(`${kind} import rejected, nothing was stored (${report.rejected.length} problem(s))`);
  }
  if (!json) {
    process.stdout.write(
      `imported ${report.rows} rows: ${Object.entries(report.created)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}\n`,
    );
    for (const w of report.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
  }
}
