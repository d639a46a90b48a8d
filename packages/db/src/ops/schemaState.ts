// Which schema a database is at: the migrations it has applied, against the ones this attune knows.
// Used by `attune serve` (refuse a newer database), `attune migrate --dry-run`, /healthz and backups.
import { Migrator, type MigrationProvider } from "kysely";
import type { Db, DialectName } from "../open.ts";
import { appliedMigrations, knownMigrations, migrations } from "../migrate.ts";

export interface SchemaState {
  /** Migrations recorded in the database, oldest first. */
  applied: string[];
  /** Migrations this attune knows but the database has not had yet. */
  pending: string[];
  /** Migrations in the database that this attune does not know: the database is from a newer attune. */
  unknown: string[];
  /** The database's schema version (its newest applied migration; null for an empty database). */
  version: string | null;
  /** The schema version this attune writes. */
  latest: string;
}

/**
 * Compares a database's migrations with this attune's.
 *
 * @example
 * const s = await schemaState(store.db);
 * if (s.unknown.length) console.error(newerSchemaMessage(s));
 */
export async function schemaState(db: Db): Promise<SchemaState> {
  const applied = await appliedMigrations(db);
  const known = knownMigrations();
  return {
    applied,
    pending: known.filter((m) => !applied.includes(m)),
    unknown: applied.filter((m) => !known.includes(m)),
    version: applied.at(-1) ?? null,
    latest: known.at(-1) ?? "",
  };
}

/**
 * Applies the migrations up to and including `target` (used by restore to recreate a backup's schema).
 *
 * @example
 * await migrateUpTo(store.db, "sqlite", "003_licensed_texts");
 */
export async function migrateUpTo(db: Db, dialect: DialectName, target: string): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const { error, results } = await new Migrator({ db, provider }).migrateTo(target);
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(
      `migration ${failed?.migrationName ?? "?"} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
