// `attune migrate [--dry-run]`: bring a database to this attune's schema, or say what that would change.
import type { Command } from "commander";
import { migrateToLatest, migrationPlan, openStore, resolveDatabaseUrl } from "@attune/db";

interface MigrateFlags {
  database?: string;
  dataDir?: string;
  dryRun: boolean;
  json: boolean;
}

/** Registers `attune migrate`. */
export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description(
      "upgrade the database schema to this attune's (`attune serve` does it too), or --dry-run to see how",
    )
    .option(
      "--database <url>",
      "postgres://… or a SQLite file (default: ATTUNE_DATABASE_URL or .attune-data/attune.sqlite)",
    )
    .option("--data-dir <dir>", "directory of the default SQLite file")
    .option(
      "--dry-run",
      "change nothing: print the pending migrations, their SQL and the row counts they change",
      false,
    )
    .option("--json", "print the plan as JSON", false)
    .action(async (o: MigrateFlags) => {
      const url = resolveDatabaseUrl({
        ...(o.database ? { url: o.database } : {}),
        ...(o.dataDir ? { dataDir: o.dataDir } : {}),
      });
      const store = await openStore({ url, migrate: false });
      try {
        const plan = await migrationPlan(store);
        if (!o.dryRun) await migrateToLatest(store.db, store.dialect);
        if (o.json) {
          process.stdout.write(`${JSON.stringify({ ...plan, applied: !o.dryRun })}\n`);
          return;
        }
        const s = plan.state;
        const out: string[] = [
          `database ${store.location}: schema ${s.version ?? "(empty)"}; this attune: ${s.latest}`,
        ];
        if (plan.steps.length === 0) out.push("nothing to do: the schema is current");
        for (const step of plan.steps) {
          out.push(`${o.dryRun ? "would apply" : "applied"} ${step.name}:`);
          for (const st of step.statements)
            out.push(`    ${st.length > 200 ? `${st.slice(0, 197)}...` : st}`);
        }
        for (const c of plan.rowChanges)
          out.push(
            c.before === null
              ? `  new table ${c.table}${c.after ? ` (${c.after} rows)` : ""}`
              : c.after === null
                ? `  table ${c.table} dropped (${c.before} rows)`
                : `  table ${c.table}: ${c.before} → ${c.after} rows`,
          );
        if (plan.steps.length && !plan.rowChanges.some((c) => c.before !== null))
          out.push("  no stored row is added, changed in number or removed");
        if (o.dryRun && plan.steps.length)
          out.push("nothing was changed (dry run); back up first: attune backup --to FILE");
        process.stdout.write(`${out.join("\n")}\n`);
      } finally {
        await store.close();
      }
    });
}
