// The statements of the demo seeder (server/src/demoNetwork.ts): it imports a simulated network, then
// gives its staff sign-ins, its study a schedule and its sessions dates, and picks a patient link.
import type { Db } from "../open.ts";
import type { Role } from "../schema.ts";

/** The first user of a role in the network (the demo has exactly one coder). */
async function oneUser(db: Db, networkId: string, role: Role) {
  return db
    .selectFrom("users")
    .select("id")
    .where("network_id", "=", networkId)
    .where("role", "=", role)
    .executeTakeFirstOrThrow();
}

/** The network's users of a role, by code. */
async function usersOfRole(db: Db, networkId: string, role: Role) {
  return db
    .selectFrom("users")
    .select(["id", "code"])
    .where("network_id", "=", networkId)
    .where("role", "=", role)
    .orderBy("code")
    .execute();
}

/** Every user of the network, by code. */
async function users(db: Db, networkId: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "role", "code"])
    .where("network_id", "=", networkId)
    .orderBy("code")
    .execute();
}

/** Gives an imported therapist a sign-in and a site. */
async function setSignIn(
  db: Db,
  userId: string,
  s: { email: string; password_hash: string; display_name: string; site_id: string },
): Promise<void> {
  await db.updateTable("users").set(s).where("id", "=", userId).execute();
}

/** Every session of the network with its patient's code, each patient's latest first. */
async function sessionsLatestFirst(db: Db, networkId: string) {
  return db
    .selectFrom("therapy_sessions as s")
    .innerJoin("episodes as e", "e.id", "s.episode_id")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .select(["p.code", "s.id", "s.number"])
    .where("e.network_id", "=", networkId)
    .orderBy("p.code")
    .orderBy("s.number", "desc")
    .execute();
}

/** The therapist's episodes with the patient's code, by code. */
async function episodesOf(db: Db, therapistId: string) {
  return db
    .selectFrom("episodes as e")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .select(["e.id", "p.code"])
    .where("e.therapist_id", "=", therapistId)
    .orderBy("p.code")
    .execute();
}

/** The highest session number of the episode (0 without sessions). */
async function lastSessionNumber(db: Db, episodeId: string): Promise<number> {
  const last = await db
    .selectFrom("therapy_sessions")
    .select(db.fn.max("number").as("n"))
    .where("episode_id", "=", episodeId)
    .executeTakeFirst();
  return Number(last?.n ?? 0);
}

/** How many episodes the network has. */
async function episodeCount(db: Db, networkId: string): Promise<number> {
  const r = await db
    .selectFrom("episodes")
    .select(db.fn.countAll().as("n"))
    .where("network_id", "=", networkId)
    .executeTakeFirst();
  return r?.n as number;
}

/** The id of the network's study of that name. */
async function studyId(db: Db, networkId: string, name: string): Promise<string> {
  const s = await db
    .selectFrom("studies")
    .select("id")
    .where("network_id", "=", networkId)
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return s.id;
}

/** Adds schedule lines (every session) to a study. */
async function addSchedule(
  db: Db,
  lines: { id: string; study_id: string; questionnaire_url: string; rater: "patient" | "therapist" }[],
): Promise<void> {
  await db
    .insertInto("schedule_items")
    .values(lines.map((l) => ({ ...l, sessions: "all" })))
    .execute();
}

/** The sessions of the study's episodes. */
async function studySessions(db: Db, studyId: string) {
  return db
    .selectFrom("therapy_sessions as s")
    .innerJoin("episodes as e", "e.id", "s.episode_id")
    .select(["s.id", "s.episode_id", "s.number"])
    .where("e.study_id", "=", studyId)
    .execute();
}

/** Dates a session (ISO date). */
async function setSessionDate(db: Db, sessionId: string, date: string): Promise<void> {
  await db.updateTable("therapy_sessions").set({ date }).where("id", "=", sessionId).execute();
}

/**
 * The demo seeder's statements.
 *
 * @example
 * const coder = await DemoRepository.oneUser(db, networkId, "coder");
 */
export const DemoRepository = Object.freeze({
  oneUser,
  usersOfRole,
  users,
  setSignIn,
  sessionsLatestFirst,
  episodesOf,
  lastSessionNumber,
  episodeCount,
  studyId,
  addSchedule,
  studySessions,
  setSessionDate,
});
