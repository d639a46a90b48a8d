// Networks, sites, staff, studies (arms, allocation, measurement schedule).
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { Arm, Network, Rater, Role, ScheduleItem, Site, Study, User } from "../schema.ts";

export async function createNetwork(db: Db, name: string): Promise<Network> {
  const row = {
    id: newId(),
    name,
    created_at: nowIso(),
    require_totp: 0,
    share_progress: 0,
    rupture_statistic: null,
  };
  await db.insertInto("networks").values(row).execute();
  return row;
}

export async function getNetwork(db: Db, id: string): Promise<Network | undefined> {
  return db.selectFrom("networks").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Sets whether the network shows a patient their own progress right after they send a form (090).
 *
 * @example
 * await setNetworkSharesProgress(trx, me.network_id, true);
 */
export async function setNetworkSharesProgress(db: Db, networkId: string, share: boolean): Promise<void> {
  await db
    .updateTable("networks")
    .set({ share_progress: share ? 1 : 0 })
    .where("id", "=", networkId)
    .execute();
}

export async function listNetworks(db: Db): Promise<Network[]> {
  return db.selectFrom("networks").selectAll().orderBy("id").execute();
}

export async function createSite(db: Db, networkId: string, name: string): Promise<Site> {
  const row = { id: newId(), network_id: networkId, name, created_at: nowIso() };
  await db.insertInto("sites").values(row).execute();
  return row;
}

export async function listSites(db: Db, networkId: string): Promise<Site[]> {
  return db.selectFrom("sites").selectAll().where("network_id", "=", networkId).orderBy("id").execute();
}

export interface NewUser {
  networkId: string;
  siteId?: string | null;
  code: string;
  email?: string | null;
  displayName: string;
  role: Role;
  passwordHash?: string | null;
  /** The address is already another network's sign-in name: keep it as this account's shared one (051). */
  sharedEmail?: string | null;
}

export async function createUser(db: Db, u: NewUser): Promise<User> {
  const row: User = {
    id: newId(),
    network_id: u.networkId,
    site_id: u.siteId ?? null,
    code: u.code,
    email: u.email ? u.email.toLowerCase() : null,
    display_name: u.displayName,
    role: u.role,
    password_hash: u.passwordHash ?? null,
    created_at: nowIso(),
    language: null,
    disabled_at: null,
    totp_secret: null,
    totp_pending: null,
    totp_enabled_at: null,
    totp_last_step: null,
    shared_email: u.sharedEmail ? u.sharedEmail.toLowerCase() : null,
  };
  await db.insertInto("users").values(row).execute();
  return row;
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

/**
 * Every account that signs in with an address: its `email` owner and the accounts of other networks that
 * share it (migration 051), oldest first.
 *
 * @example
 * await listUsersBySignInName(db, "ana@clinic.org"); // usually one
 */
export async function listUsersBySignInName(db: Db, email: string): Promise<User[]> {
  const e = email.toLowerCase();
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb.or([eb("email", "=", e), eb("shared_email", "=", e)]))
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function getUserByCode(db: Db, networkId: string, code: string): Promise<User | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("code", "=", code)
    .executeTakeFirst();
}

export async function listUsers(db: Db, networkId: string, role?: Role): Promise<User[]> {
  let q = db.selectFrom("users").selectAll().where("network_id", "=", networkId);
  if (role) q = q.where("role", "=", role);
  return q.orderBy("id").execute();
}

export interface NewScheduleItem {
  questionnaireUrl: string;
  rater: Rater;
  /** "all" or the session numbers at which the form is due. */
  sessions: "all" | number[];
}

export interface NewStudy {
  networkId: string;
  name: string;
  arms: { code: string; name: string }[];
  schedule: NewScheduleItem[];
  /** Randomise patients at enrolment (with this block size) instead of therapists [therapists]. */
  patientLevel?: { blockSize: number };
}

export async function createStudy(db: Db, s: NewStudy): Promise<{ study: Study; arms: Arm[] }> {
  const study: Study = {
    id: newId(),
    network_id: s.networkId,
    name: s.name,
    created_at: nowIso(),
    allocation_level: s.patientLevel ? "patient" : "therapist",
    block_size: s.patientLevel?.blockSize ?? null,
    archived_at: null,
  };
  await db.insertInto("studies").values(study).execute();
  const arms = s.arms.map((a) => ({ id: newId(), study_id: study.id, code: a.code, name: a.name }));
  if (arms.length > 0) await db.insertInto("arms").values(arms).execute();
  await insertSchedule(db, study.id, s.schedule);
  return { study, arms };
}

async function insertSchedule(db: Db, studyId: string, schedule: NewScheduleItem[]): Promise<void> {
  if (schedule.length > 0)
    await db
      .insertInto("schedule_items")
      .values(
        schedule.map((i) => ({
          id: newId(),
          study_id: studyId,
          questionnaire_url: i.questionnaireUrl,
          rater: i.rater,
          sessions: i.sessions === "all" ? "all" : JSON.stringify(i.sessions),
        })),
      )
      .execute();
}

/**
 * What makes a study's arms and schedule fixed: its enrolled episodes and recorded randomisations (zero
 * of both: still editable).
 *
 * @example
 * const { episodes, randomisations } = await studyCommitments(db, studyId);
 */
export async function studyCommitments(
  db: Db,
  studyId: string,
): Promise<{ episodes: number; randomisations: number; allocations: number }> {
  const a = await db
    .selectFrom("allocations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("study_id", "=", studyId)
    .executeTakeFirstOrThrow();
  const e = await db
    .selectFrom("episodes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("study_id", "=", studyId)
    .executeTakeFirstOrThrow();
  const r = await db
    .selectFrom("randomisations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("study_id", "=", studyId)
    .executeTakeFirstOrThrow();
  return { episodes: Number(e.n), randomisations: Number(r.n), allocations: Number(a.n) };
}

/**
 * Replaces a study's arms (the caller checks that no therapist is allocated and nothing is enrolled or
 * randomised yet; run it in a transaction).
 *
 * @example
 * await replaceArms(trx, studyId, [{ code: "0", name: "Usual care" }, { code: "1", name: "Training" }]);
 */
export async function replaceArms(
  db: Db,
  studyId: string,
  arms: { code: string; name: string }[],
): Promise<void> {
  await db.deleteFrom("arms").where("study_id", "=", studyId).execute();
  if (arms.length > 0)
    await db
      .insertInto("arms")
      .values(arms.map((a) => ({ id: newId(), study_id: studyId, code: a.code, name: a.name })))
      .execute();
}

/**
 * Archives a study (`at` = now) or makes it active again (`at` = null).
 *
 * @example
 * await setStudyArchived(db, studyId, nowIso());
 */
export async function setStudyArchived(db: Db, studyId: string, at: string | null): Promise<void> {
  await db.updateTable("studies").set({ archived_at: at }).where("id", "=", studyId).execute();
}

/**
 * Replaces a study's measurement schedule (the caller checks that nothing is enrolled or randomised yet;
 * run it in a transaction).
 *
 * @example
 * await replaceSchedule(trx, studyId, [{ questionnaireUrl: phq9, rater: "patient", sessions: "all" }]);
 */
export async function replaceSchedule(db: Db, studyId: string, schedule: NewScheduleItem[]): Promise<void> {
  await db.deleteFrom("schedule_items").where("study_id", "=", studyId).execute();
  await insertSchedule(db, studyId, schedule);
}

export async function getStudy(db: Db, id: string): Promise<Study | undefined> {
  return db.selectFrom("studies").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listStudies(db: Db, networkId: string): Promise<Study[]> {
  return db.selectFrom("studies").selectAll().where("network_id", "=", networkId).orderBy("id").execute();
}

export async function getStudyByName(db: Db, networkId: string, name: string): Promise<Study | undefined> {
  return db
    .selectFrom("studies")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("name", "=", name)
    .executeTakeFirst();
}

export async function listArms(db: Db, studyId: string): Promise<Arm[]> {
  return db.selectFrom("arms").selectAll().where("study_id", "=", studyId).orderBy("code").execute();
}

export async function addArm(db: Db, studyId: string, code: string, name: string): Promise<Arm> {
  const row = { id: newId(), study_id: studyId, code, name };
  await db.insertInto("arms").values(row).execute();
  return row;
}

export async function allocate(db: Db, studyId: string, therapistId: string, armId: string): Promise<void> {
  await db
    .insertInto("allocations")
    .values({ study_id: studyId, therapist_id: therapistId, arm_id: armId })
    .execute();
}

export async function allocatedArm(db: Db, studyId: string, therapistId: string): Promise<Arm | undefined> {
  return db
    .selectFrom("allocations")
    .innerJoin("arms", "arms.id", "allocations.arm_id")
    .selectAll("arms")
    .where("allocations.study_id", "=", studyId)
    .where("allocations.therapist_id", "=", therapistId)
    .executeTakeFirst();
}

export async function listSchedule(db: Db, studyId: string): Promise<ScheduleItem[]> {
  return db.selectFrom("schedule_items").selectAll().where("study_id", "=", studyId).orderBy("id").execute();
}

/** The forms due at a session number under a study's schedule. */
export function formsDue(schedule: ScheduleItem[], sessionNumber: number, rater?: Rater): string[] {
  return schedule
    .filter((i) => (rater ? i.rater === rater : true))
    .filter((i) => i.sessions === "all" || (JSON.parse(i.sessions) as number[]).includes(sessionNumber))
    .map((i) => i.questionnaire_url);
}
