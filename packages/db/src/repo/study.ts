// Running a study: recorded randomisations, declined forms, the completion monitor's data, analysis runs.
import { setPassword, voidInvitations } from "./accounts.ts";
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { AnalysisRun, FormDecline, Invitation, Randomisation } from "../schema.ts";
import { hashToken, newToken } from "./links.ts";

export interface NewRandomisation {
  studyId: string;
  algorithm: string;
  seed: number;
  blockSize: number;
  input: unknown;
  madeBy: string;
  /** The allocations it made: therapist id → arm id. */
  allocations: { therapistId: string; armId: string }[];
}

/** Records a randomisation and the allocations it made, with who and when. Run it in a transaction. */
export async function recordRandomisation(db: Db, r: NewRandomisation): Promise<Randomisation> {
  const row: Randomisation = {
    id: newId(),
    study_id: r.studyId,
    algorithm: r.algorithm,
    seed: String(r.seed),
    block_size: r.blockSize,
    input: JSON.stringify(r.input),
    made_by: r.madeBy,
    made_at: nowIso(),
  };
  await db.insertInto("randomisations").values(row).execute();
  if (r.allocations.length)
    await db
      .insertInto("allocations")
      .values(
        r.allocations.map((a) => ({
          study_id: r.studyId,
          therapist_id: a.therapistId,
          arm_id: a.armId,
          randomisation_id: row.id,
          allocated_by: r.madeBy,
          allocated_at: row.made_at,
        })),
      )
      .execute();
  return row;
}

export async function listRandomisations(db: Db, studyId: string): Promise<Randomisation[]> {
  return db.selectFrom("randomisations").selectAll().where("study_id", "=", studyId).orderBy("id").execute();
}

export async function listAllocations(db: Db, studyId: string) {
  return db
    .selectFrom("allocations as al")
    .innerJoin("arms as a", "a.id", "al.arm_id")
    .innerJoin("users as t", "t.id", "al.therapist_id")
    .leftJoin("sites as st", "st.id", "t.site_id")
    .select([
      "al.therapist_id",
      "t.code as therapist_code",
      "t.site_id",
      "st.name as site_name",
      "a.code as arm",
      "al.randomisation_id",
      "al.allocated_by",
      "al.allocated_at",
    ])
    .where("al.study_id", "=", studyId)
    .orderBy("t.code")
    .execute();
}

/** Records that the patient declined forms of a session; declining twice is not an error. */
export async function recordDeclines(
  db: Db,
  d: { networkId: string; episodeId: string; sessionId: string; forms: string[]; linkId: string | null },
): Promise<FormDecline[]> {
  const at = nowIso();
  const rows = d.forms.map((f) => ({
    id: newId(),
    network_id: d.networkId,
    episode_id: d.episodeId,
    session_id: d.sessionId,
    questionnaire_url: f,
    link_id: d.linkId,
    declined_at: at,
  }));
  if (rows.length)
    await db
      .insertInto("form_declines")
      .values(rows)
      .onConflict((oc) => oc.columns(["session_id", "questionnaire_url"]).doNothing())
      .execute();
  return db
    .selectFrom("form_declines")
    .selectAll()
    .where("session_id", "=", d.sessionId)
    .where("questionnaire_url", "in", d.forms.length ? d.forms : [""])
    .execute();
}

/** Everything the completion monitor needs for one study: episodes, their sessions, answers, declines. */
export async function completionData(db: Db, networkId: string, studyId: string) {
  const episodes = await db
    .selectFrom("episodes as e")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .innerJoin("users as t", "t.id", "e.therapist_id")
    .leftJoin("sites as st", "st.id", "t.site_id")
    .select([
      "e.id",
      "e.patient_id",
      "p.code as patient_code",
      "e.therapist_id",
      "t.code as therapist_code",
      "st.id as site_id",
      "st.name as site_name",
    ])
    .where("e.network_id", "=", networkId)
    .where("e.study_id", "=", studyId)
    .orderBy("t.code")
    .orderBy("p.code")
    .execute();
  const ids = episodes.map((e) => e.id);
  const none = [""];
  const sessions = await db
    .selectFrom("therapy_sessions")
    .select(["id", "episode_id", "number", "date", "created_at"])
    .where("episode_id", "in", ids.length ? ids : none)
    .execute();
  const answered = await db
    .selectFrom("responses")
    .select(["session_id", "questionnaire_url"])
    .where("episode_id", "in", ids.length ? ids : none)
    .distinct()
    .execute();
  const declined = await db
    .selectFrom("form_declines")
    .select(["session_id", "questionnaire_url"])
    .where("episode_id", "in", ids.length ? ids : none)
    .execute();
  return { episodes, sessions, answered, declined };
}

export type NewAnalysisRun = Omit<AnalysisRun, "id" | "run_at" | "redacted_by">;

export async function recordRun(db: Db, r: NewAnalysisRun): Promise<AnalysisRun> {
  const row: AnalysisRun = { id: newId(), run_at: nowIso(), redacted_by: null, ...r };
  await db.insertInto("analysis_runs").values(row).execute();
  return row;
}

export async function getRun(db: Db, id: string): Promise<AnalysisRun | undefined> {
  return db.selectFrom("analysis_runs").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listRuns(db: Db, networkId: string) {
  return db
    .selectFrom("analysis_runs as r")
    .innerJoin("users as u", "u.id", "r.run_by")
    .select([
      "r.id",
      "r.run_at",
      "r.attune_version",
      "r.selection",
      "r.recipe",
      "r.rows",
      "r.data_sha256",
      "u.code as run_by_code",
    ])
    .where("r.network_id", "=", networkId)
    .orderBy("r.id", "desc")
    .execute();
}

/**
 * The forms declined for a session (questionnaire urls).
 *
 * @example
 * const declined = await declinedForms(db, sessionId); // ["https://.../wellbeing"]
 */
export async function declinedForms(db: Db, sessionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("form_declines")
    .select("questionnaire_url")
    .where("session_id", "=", sessionId)
    .execute();
  return rows.map((r) => r.questionnaire_url);
}

/** An invitation for a staff account to set its own password: a random token, stored as its sha256. */
export async function createInvitation(
  db: Db,
  i: { userId: string; createdBy: string; expiresAt: string },
): Promise<{ token: string; invitation: Invitation }> {
  const token = newToken();
  const invitation: Invitation = {
    id: newId(),
    token_hash: hashToken(token),
    user_id: i.userId,
    created_by: i.createdBy,
    created_at: nowIso(),
    expires_at: i.expiresAt,
    accepted_at: null,
  };
  await db.insertInto("invitations").values(invitation).execute();
  // Only the newest link works: an older one re-sent or found in a mailbox sets no password.
  await voidInvitations(db, i.userId, invitation.id);
  return { token, invitation };
}

export async function findInvitation(db: Db, token: string): Promise<Invitation | undefined> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
}

/**
 * Accepts an invitation once (false if it was accepted meanwhile) and sets the password, ending the
 * account's sessions and voiding its other invitations (accounts.ts). Use a transaction.
 */
export async function acceptInvitation(db: Db, inv: Invitation, passwordHash: string): Promise<boolean> {
  const r = await db
    .updateTable("invitations")
    .set({ accepted_at: nowIso() })
    .where("id", "=", inv.id)
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await setPassword(db, inv.user_id, passwordHash);
  return true;
}
