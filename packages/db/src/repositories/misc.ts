// Single statements that belong to no larger area: the health check, a user's language and site, a
// link by id, a count of sessions, whether a therapist is already allocated in a study.
import type { Db } from "../open.ts";
import type { PatientLink } from "../schema.ts";

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

/** How many sessions the episode has. */
async function sessionCount(db: Db, episodeId: string): Promise<number> {
  const r = await db
    .selectFrom("therapy_sessions")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("episode_id", "=", episodeId)
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
export const UserRepository = Object.freeze({ setLanguage, setSite });
/**
 * Patient links by id.
 *
 * @example
 * const link = await LinkRepository.byId(db, id);
 */
export const LinkRepository = Object.freeze({ byId: linkById, submittedCount });
/**
 * Sessions of an episode.
 *
 * @example
 * const next = (await SessionRepository.count(db, episodeId)) + 1;
 */
export const SessionRepository = Object.freeze({ count: sessionCount });
/**
 * Hand allocations.
 *
 * @example
 * if (await AllocationRepository.of(db, studyId, therapistId)) throw conflict;
 */
export const AllocationRepository = Object.freeze({ of: allocationOf });
