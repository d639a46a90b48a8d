// Single statements that belong to no larger area: the health check, a user's language, site, signed-in
// sessions and the network's codes, whether the network asks for two factors, links by id and in bulk,
// arm and site names, whether a therapist is already allocated in a study.
import type { Db } from "../open.ts";
import type { Insertable } from "kysely";
import type { PatientLink, PatientLinkTable } from "../schema.ts";

/** Reads one row, so that /healthz fails when the database does. */
async function ping(db: Db): Promise<void> {
  await db.selectFrom("networks").select("id").limit(1).execute();
}

/** Keeps a staff member's page language with the account. */
async function setLanguage(db: Db, userId: string, language: string | null): Promise<void> {
  await db.updateTable("users").set({ language }).where("id", "=", userId).execute();
}

/** Moves a staff member to a site (or to none). */
async function setSite(db: Db, userId: string, siteId: string | null): Promise<void> {
  await db.updateTable("users").set({ site_id: siteId }).where("id", "=", userId).execute();
}

/** How many of the network's links were used to submit (the load benchmark's check). */
async function submittedCount(db: Db, networkId: string): Promise<number> {
  const r = await db
    .selectFrom("patient_links")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("network_id", "=", networkId)
    .where("submitted_at", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A patient link by its id (the token is never stored, only its hash). */
async function linkById(db: Db, id: string): Promise<PatientLink | undefined> {
  return db.selectFrom("patient_links").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The therapist's allocation in the study, if any. */
async function allocationOf(db: Db, studyId: string, therapistId: string) {
  return db
    .selectFrom("allocations")
    .selectAll()
    .where("study_id", "=", studyId)
    .where("therapist_id", "=", therapistId)
    .executeTakeFirst();
}

/** How many signed-in sessions (browser sessions, not therapy sessions) the user has. */
async function signedInCount(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom("auth_sessions")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The network's staff codes by user id. */
async function staffCodes(db: Db, networkId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "code"])
    .where("network_id", "=", networkId)
    .execute();
  return new Map(rows.map((u) => [u.id, u.code]));
}

/** Whether the network requires two-factor sign-in. */
async function requiresTotp(db: Db, networkId: string): Promise<boolean> {
  const n = await db
    .selectFrom("networks")
    .select("require_totp")
    .where("id", "=", networkId)
    .executeTakeFirst();
  return Number(n?.require_totp ?? 0) === 1;
}

/** Stores prepared links (the load fleet's bulk set-up; tokens are hashed by the caller). */
async function insertLinks(db: Db, rows: readonly Insertable<PatientLinkTable>[]): Promise<void> {
  await db
    .insertInto("patient_links")
    .values([...rows])
    .execute();
}

/** Every arm's code by arm id. */
async function armCodes(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom("arms").select(["id", "code"]).execute();
  return new Map(rows.map((a) => [a.id, a.code]));
}

/** The site name of each of the network's patients by patient code (null: no site). */
async function sitesByPatientCode(db: Db, networkId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom("patients as p")
    .leftJoin("sites as s", "s.id", "p.site_id")
    .select(["p.code", "s.name as site"])
    .where("p.network_id", "=", networkId)
    .execute();
  return new Map(rows.map((p) => [p.code, p.site]));
}

/**
 * The health check.
 *
 * @example
 * await HealthRepository.ping(store.db);
 */
export const HealthRepository = Object.freeze({ ping });
/**
 * Account settings a user changes themselves.
 *
 * @example
 * await UserRepository.setLanguage(db, me.id, "fr");
 */
export const UserRepository = Object.freeze({ setLanguage, setSite, signedInCount });
/**
 * Patient links by id.
 *
 * @example
 * const link = await LinkRepository.byId(db, id);
 */
export const LinkRepository = Object.freeze({ byId: linkById, submittedCount, insertMany: insertLinks });
/**
 * Hand allocations.
 *
 * @example
 * if (await AllocationRepository.of(db, studyId, therapistId)) throw conflict;
 */
export const AllocationRepository = Object.freeze({ of: allocationOf });
/**
 * Network-wide settings read at sign-in.
 *
 * @example
 * if (await NetworkRepository.requiresTotp(db, user.network_id)) …
 */
export const NetworkRepository = Object.freeze({ requiresTotp });
/**
 * Codes and names by id for exports and tables (arms, staff, patients' sites).
 *
 * @example
 * const arms = await CodeRepository.armCodes(db); // Map armId → code
 */
export const CodeRepository = Object.freeze({ armCodes, staffCodes, sitesByPatientCode });
