// Operating a database: schema state, backup, restore, the erasure ledger.
export { migrateUpTo, schemaState } from "./schemaState.ts";
export { appliedMigrations, newerSchemaMessage } from "../migrate.ts";
export { migrationPlan } from "./dryRun.ts";
export type { MigrationPlan } from "./dryRun.ts";
export type { SchemaState } from "./schemaState.ts";
export { backupDatabase } from "./backup.ts";
export type { BackupResult } from "./backup.ts";
export { restoreBackup } from "./restore.ts";
export type { RestoreOptions, RestoreReport } from "./restore.ts";
export { BackupFileError, verifyArchive } from "./archive.ts";
export type { Manifest } from "./archive.ts";
export { appendErasureLedger, defaultLedgerPath, readErasureLedger } from "./erasureLedger.ts";
export type { LedgerEntry } from "./erasureLedger.ts";
export { storeTables } from "./catalog.ts";
export type { TableInfo } from "./catalog.ts";
