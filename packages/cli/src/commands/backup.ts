// `attune backup --to FILE` and `attune restore FILE`: an online, consistent copy of the database with a
// manifest, and its restore into an empty data directory or database (docs/deploy.md, "Backup and restore").
import type { Command } from "commander";
import { backupDatabase, defaultLedgerPath, resolveDatabaseUrl, restoreBackup } from "@attune/db";
import { ATTUNE_VERSION } from "@attune/server";

interface StoreFlags {
  database?: string;
  dataDir?: string;
}

function storeUrl(o: StoreFlags): string {
  return resolveDatabaseUrl({
    ...(o.database ? { url: o.database } : {}),
    ...(o.dataDir ? { dataDir: o.dataDir } : {}),
  });
}

const DATABASE_HELP =
  "postgres://… or a SQLite file (default: ATTUNE_DATABASE_URL or .attune-data/attune.sqlite)";

/** Registers `attune backup` and `attune restore`. */
export function registerBackup(program: Command): void {
  program
    .command("backup")
    .description("copy the database, while the server runs, into one file with a manifest")
    .requiredOption("--to <file>", "the backup file to write (gzip'd JSON lines)")
    .option("--database <url>", DATABASE_HELP)
    .option("--data-dir <dir>", "directory of the default SQLite file")
    .option("--json", "print the manifest as JSON", false)
    .action(async (o: StoreFlags & { to: string; json: boolean }) => {
      const r = await backupDatabase({ url: storeUrl(o), to: o.to, attuneVersion: ATTUNE_VERSION });
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ ...r.manifest, bytes: r.bytes, ms: Math.round(r.ms) })}\n`);
        return;
      }
      const m = r.manifest;
      const total = Object.values(m.rowCounts).reduce((a, b) => a + b, 0);
      process.stdout.write(
        `backup written to ${o.to}: ${total} rows in ${Object.keys(m.rowCounts).length} tables, ` +
          `${(r.bytes / 1e6).toFixed(1)} MB, ${(r.ms / 1000).toFixed(1)} s\n` +
          `  attune ${m.attuneVersion}, schema ${m.schema.version}, sha256 ${m.sha256}\n` +
          `  ${Object.entries(m.rowCounts)
            .filter(([, n]) => n > 0)
            .map(([t, n]) => `${t} ${n}`)
            .join(", ")}\n`,
      );
    });

  program
    .command("restore")
    .description("restore a backup into an empty data directory or an empty PostgreSQL database")
    .argument("<file>", "the backup file")
    .option("--database <url>", DATABASE_HELP)
    .option("--data-dir <dir>", "directory of the default SQLite file")
    .option(
      "--erasure-ledger <file>",
      "the erasure ledger kept with the backups (default: ATTUNE_ERASURE_LEDGER, else erasures.jsonl in the data directory)",
    )
    .option("--no-erasure-ledger", "there is no ledger: no patient was erased after this backup was taken")
    .option("--json", "print the restore report as JSON", false)
    .action(async (file: string, o: StoreFlags & { erasureLedger: string | boolean; json: boolean }) => {
      const ledger =
        o.erasureLedger === false
          ? null
          : typeof o.erasureLedger === "string"
            ? o.erasureLedger
            : defaultLedgerPath(storeUrl(o));
      const r = await restoreBackup({ file, url: storeUrl(o), erasureLedger: ledger });
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ ...r, ms: Math.round(r.ms) })}\n`);
        return;
      }
      const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
      process.stdout.write(
        `restored ${total} rows (schema ${r.manifest.schema.version}, attune ${r.manifest.attuneVersion}) ` +
          `in ${(r.ms / 1000).toFixed(1)} s\n` +
          (r.upgraded.length ? `  upgraded with ${r.upgraded.join(", ")}\n` : "") +
          (r.erasedAgain.length
            ? `  erased again from the ledger (erased after the backup): ${r.erasedAgain.length} patient(s)\n`
            : ""),
      );
    });
}
