import { Migrator, sql, type Migration, type MigrationProvider } from "kysely";
import { initialMigration } from "./migrations/001_initial.ts";
import { studyMigration } from "./migrations/002_study.ts";
import { licensedTextsMigration } from "./migrations/003_licensed_texts.ts";
import { scoreRangeMigration } from "./migrations/004_score_range.ts";
import { runRedactionsMigration } from "./migrations/005_run_redactions.ts";
import { userLanguageMigration } from "./migrations/006_user_language.ts";
import { auditRedactionMigration } from "./migrations/040_audit_redaction.ts";
import { alertAcksMigration } from "./migrations/020_alert_acks.ts";
import { twoFactorMigration } from "./migrations/050_two_factor.ts";
import { sharedEmailMigration } from "./migrations/051_shared_email.ts";
import { messagesMigration } from "./migrations/060_messages.ts";
import { sessionFactsMigration } from "./migrations/070_session_facts.ts";
import { therapistDataMigration } from "./migrations/075_therapist_data.ts";
import { patientArmsMigration } from "./migrations/076_patient_arms.ts";
import { sessionScheduleMigration } from "./migrations/080_session_schedule.ts";
import { studyArchiveMigration } from "./migrations/085_study_archive.ts";
import { patientProgressMigration } from "./migrations/090_patient_progress.ts";
import { alertAckFormMigration } from "./migrations/105_alert_ack_form.ts";
import { itemCalibrationMigration } from "./migrations/106_item_calibration.ts";
import type { Db, DialectName } from "./open.ts";

/** All migrations in order; names are permanent once released. */
export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    "001_initial": initialMigration(dialect),
    "002_study": studyMigration(dialect),
    "003_licensed_texts": licensedTextsMigration(dialect),
    "004_score_range": scoreRangeMigration(),
    "005_run_redactions": runRedactionsMigration(dialect),
    "006_user_language": userLanguageMigration(),
    // Numbers 007–019 left free for parallel branches; order is by name.
    "020_alert_acks": alertAcksMigration(),
    // 040, well above the others: helpers add migrations in parallel (issue 12).
    "040_audit_redaction": auditRedactionMigration(dialect),
    // 050–059: accounts (issue 12: two-factor sign-in, one address in several networks).
    "050_two_factor": twoFactorMigration(),
    "051_shared_email": sharedEmailMigration(),
    // 060–069: e-mail and SMS, idle sign-out (issue 14).
    "060_messages": messagesMigration(),
    // 070–074: session modality, episode end and reason (issue 13).
    "070_session_facts": sessionFactsMigration(),
    // 075–079: therapist-level data and patient-level arms (issue 13).
    "075_therapist_data": therapistDataMigration(),
    "076_patient_arms": patientArmsMigration(),
    // 080–084: session scheduling (issue 14: a time beside the date, links that open on the session's day).
    "080_session_schedule": sessionScheduleMigration(),
    // 085–089: study maintenance in the browser (issue 14 item 7).
    "085_study_archive": studyArchiveMigration(),
    // 090–094: patients see their own progress (issue 14 item 8).
    "090_patient_progress": patientProgressMigration(),
    // 105–109: alerts (issue 15: one acknowledgement per outcome form).
    "105_alert_ack_form": alertAckFormMigration(),
    // The item-level rupture rule: the network's choice and its background fit.
    "106_item_calibration": itemCalibrationMigration(),
  };
}

export async function migrateToLatest(db: Db, dialect: DialectName): Promise<string[]> {
  // A database written by a newer attune: refuse before touching it (its newer tables and triggers
  // would be ignored by this code, and a downgrade is not a migration anyone wrote).
  const known = knownMigrations();
  const unknown = (await appliedMigrations(db)).filter((m) => !known.includes(m));
  if (unknown.length) throw newerSchemaError(newerSchemaMessage({ unknown, latest: known.at(-1) ?? "" }));
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

/**
 * The names of the migrations this attune knows, oldest first (the last is the schema version it writes).
 *
 * @example
 * knownMigrations().at(-1); // "006_user_language"
 */
export function knownMigrations(): string[] {
  return Object.keys(migrations("sqlite")).sort();
}

/**
 * Reads the migrations a database has applied, oldest first (empty for a database attune never touched).
 *
 * @example
 * await appliedMigrations(store.db); // ["001_initial", "002_study", ...]
 */
export async function appliedMigrations(db: Db): Promise<string[]> {
  try {
    const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return r.rows.map((x) => x.name);
  } catch {
    return []; // no migration table yet: nothing applied
  }
}

/**
 * The one line said when a database (or a backup) is from a newer attune than this one.
 *
 * @example
 * newerSchemaMessage({ unknown: ["007_x"], latest: "006_user_language" });
 */
export function newerSchemaMessage(s: { unknown: string[]; latest: string }, what = "the database"): string {
  return (
    `${what} has schema ${s.unknown.at(-1) ?? "?"}, newer than this attune knows (${s.latest}): ` +
    `run the attune release that wrote it, or a newer one (unknown migrations: ${s.unknown.join(", ")})`
  );
}

function newerSchemaError(message: string): Error {
  const e = new Error(message);
  e.name = "InputError"; // the operator's to fix: printed as one line, no stack
  return e;
}
