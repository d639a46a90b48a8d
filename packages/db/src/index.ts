// @attune/db: one schema and migrations for SQLite (embedded default) and PostgreSQL, and the
// repository functions the server and CLI use. Every function takes a Kysely handle, so it runs
// the same inside or outside a transaction.
export * from "./schema.ts";
export { newId, nowIso } from "./ids.ts";
export { openStore, resolveDatabaseUrl, isPostgresUrl } from "./open.ts";
export type { Db, DialectName, OpenOptions, Relay, Store } from "./open.ts";
export { migrateToLatest } from "./migrate.ts";
export * from "./repo/network.ts";
export * from "./repo/itemCalibration.ts";
export * from "./repo/patients.ts";
export * from "./repo/coding.ts";
export * from "./repo/responses.ts";
export * from "./repo/links.ts";
export * from "./repo/authSessions.ts";
export * from "./repo/audit.ts";
export * from "./repo/questionnaires.ts";
export * from "./repo/erasure.ts";
export * from "./repo/runRedactions.ts";
export * from "./repo/longData.ts";
export * from "./repo/study.ts";
export * from "./repo/licensedTexts.ts";
export * from "./repo/importTargets.ts";
export * from "./repo/accounts.ts";
export * from "./repositories/index.ts";
export * from "./ops/index.ts";
export { knownMigrations } from "./migrate.ts";
export * from "./repo/alertAcks.ts";
export * from "./repo/twoFactor.ts";
export * from "./repo/messages.ts";
export * from "./repo/therapistData.ts";
export * from "./repo/patientArms.ts";
export * from "./repo/sessionFacts.ts";
