import { Migrator, type Migration, type MigrationProvider } from "kysely";
import { initialMigration } from "./migrations/001_initial.ts";
import { studyMigration } from "./migrations/002_study.ts";
import { licensedTextsMigration } from "./migrations/003_licensed_texts.ts";
import { scoreRangeMigration } from "./migrations/004_score_range.ts";
import { runRedactionsMigration } from "./migrations/005_run_redactions.ts";
import { userLanguageMigration } from "./migrations/006_user_language.ts";
import { auditRedactionMigration } from "./migrations/040_audit_redaction.ts";
import type { Db, DialectName } from "./open.ts";

/** All migrations in order; names are permanent once released. */
function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    "001_initial": initialMigration(dialect),
    "002_study": studyMigration(dialect),
    "003_licensed_texts": licensedTextsMigration(dialect),
    "004_score_range": scoreRangeMigration(),
    "005_run_redactions": runRedactionsMigration(dialect),
    "006_user_language": userLanguageMigration(),
    // 040, well above the others: helpers add migrations in parallel (issue 12).
    "040_audit_redaction": auditRedactionMigration(dialect),
  };
}

export async function migrateToLatest(db: Db, dialect: DialectName): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(
      `migration ${failed?.migrationName ?? "?"} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
