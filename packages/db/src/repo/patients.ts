// Patients (pseudonymous), their contact details (separate table), episodes, sessions, coder assignments.
import { inChunks } from "./inChunks.ts";
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { Episode, Patient, PatientContact, Study, TherapySession } from "../schema.ts";
import { allocatedArm, getStudy } from "./network.ts";
import { allocatePatient, NO_SITE_STRATUM } from "./patientArms.ts";
import type { Modality } from "@attune/core";

export interface NewPatient {
  networkId: string;
  siteId?: string | null;
  code: string;
  contact?: {
    name?: string | null;
    email?: string | null;
    phone?: string | null;
    /** The language of their messages, "en" or "fr" (null: English). */
    language?: string | null;
  };
}

export async function createPatient(db: Db, p: NewPatient): Promise<Patient> {
  const row = {
    id: newId(),
    network_id: p.networkId,
    site_id: p.siteId ?? null,
    code: p.code,
    created_at: nowIso(),
  };
  await db.insertInto("patients").values(row).execute();
  if (p.contact)
    await db
      .insertInto("patient_contacts")
      .values({
        patient_id: row.id,
        name: p.contact.name ?? null,
        email: p.contact.email ?? null,
        phone: p.contact.phone ?? null,
        language: p.contact.language ?? null,
        created_at: row.created_at,
      })
      .execute();
  return row;
}

export async function getPatient(db: Db, id: string): Promise<Patient | undefined> {
  return db.selectFrom("patients").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getPatientByCode(
  db: Db,
  networkId: string,
  code: string,
): Promise<Patient | undefined> {
  return db
    .selectFrom("patients")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("code", "=", code)
    .executeTakeFirst();
}

/**
 * The network's patients with these codes, by code (an import reads the codes of its file at once;
 * in chunks, as both dialects limit a statement's parameters).
 *
 * @example
 * const known = await patientsByCode(trx, networkId, ["P001", "P002"]); // Map { "P001" => { id, … } }
 */
export async function patientsByCode(
  db: Db,
  networkId: string,
  codes: readonly string[],
): Promise<Map<string, Patient>> {
  const rows = await inChunks([...new Set(codes)], (slice) =>
    db
      .selectFrom("patients")
      .selectAll()
      .where("network_id", "=", networkId)
      .where("code", "in", slice)
      .execute(),
  );
  return new Map(rows.map((p) => [p.code, p]));
}

export async function listPatients(db: Db, networkId: string, therapistId?: string): Promise<Patient[]> {
  let q = db.selectFrom("patients").selectAll("patients").where("patients.network_id", "=", networkId);
  if (therapistId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("episodes")
          .select("episodes.id")
          .whereRef("episodes.patient_id", "=", "patients.id")
          .where("episodes.therapist_id", "=", therapistId),
      ),
    );
  return q.orderBy("patients.code").execute();
}

export async function getContact(db: Db, patientId: string): Promise<PatientContact | undefined> {
  return db.selectFrom("patient_contacts").selectAll().where("patient_id", "=", patientId).executeTakeFirst();
}

/** A patient's contact details as a coordinator edits them (null = none). */
export interface ContactFields {
  name: string | null;
  email: string | null;
  phone: string | null;
  language: string | null;
}

/**
 * Sets a patient's contact details (creating the row if they had none); all four fields are replaced.
 *
 * @example
 * await setContact(db, patientId, { name: null, email: "p@example.org", phone: null, language: "fr" });
 */
export async function setContact(db: Db, patientId: string, c: ContactFields): Promise<void> {
  const updated = await db
    .updateTable("patient_contacts")
    .set({ name: c.name, email: c.email, phone: c.phone, language: c.language })
    .where("patient_id", "=", patientId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await db
      .insertInto("patient_contacts")
      .values({ patient_id: patientId, ...c, created_at: nowIso() })
      .execute();
}

/**
 * Sets only the language a patient's messages are written in (the therapist's page sets it; the address
 * and phone stay the coordinator's), creating an empty contact row if they had none.
 *
 * @example
 * await setContactLanguage(db, patientId, "fr");
 */
export async function setContactLanguage(db: Db, patientId: string, language: string): Promise<void> {
  const updated = await db
    .updateTable("patient_contacts")
    .set({ language })
    .where("patient_id", "=", patientId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await db
      .insertInto("patient_contacts")
      .values({ patient_id: patientId, name: null, email: null, phone: null, language, created_at: nowIso() })
      .execute();
}

export interface NewEpisode {
  patientId: string;
  therapistId: string;
  studyId?: string | null;
  startedAt?: string;
  /** Who enrols (recorded with a patient-level allocation). */
  by?: string | null;
  /**
   * The patient's and the study's rows as stored now, when the caller holds them (an import creating
   * many episodes), so they are not read again; otherwise they are read.
   */
  patient?: Patient;
  study?: Study;
}

/**
 * Opens an episode. Its arm is the therapist's allocation in a therapist-level study, or — in a
 * patient-level study — the patient's, allocated now at enrolment if they have none (patientArms.ts).
 */
export async function createEpisode(db: Db, e: NewEpisode): Promise<Episode> {
  const patient = e.patient?.id === e.patientId ? e.patient : await getPatient(db, e.patientId);
  if (!patient) throw new Error(`no patient ${e.patientId}`);
  const study = !e.studyId ? undefined : e.study?.id === e.studyId ? e.study : await getStudy(db, e.studyId);
  const arm = !study
    ? undefined
    : study.allocation_level === "patient"
      ? (
          await allocatePatient(db, {
            study,
            patientId: patient.id,
            // The stratum is the site's id (stable if the site is renamed).
            site: patient.site_id ?? NO_SITE_STRATUM,
            by: e.by ?? null,
          })
        ).arm
      : await allocatedArm(db, study.id, e.therapistId);
  const row: Episode = {
    id: newId(),
    network_id: patient.network_id,
    patient_id: e.patientId,
    therapist_id: e.therapistId,
    study_id: e.studyId ?? null,
    arm_id: arm?.id ?? null,
    started_at: e.startedAt ?? nowIso(),
    ended_at: null,
    end_reason: null,
  };
  await db.insertInto("episodes").values(row).execute();
  return row;
}

export async function getEpisode(db: Db, id: string): Promise<Episode | undefined> {
  return db.selectFrom("episodes").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listEpisodes(
  db: Db,
  f: { networkId: string; therapistId?: string; patientId?: string; studyId?: string },
): Promise<Episode[]> {
  let q = db.selectFrom("episodes").selectAll().where("network_id", "=", f.networkId);
  if (f.therapistId) q = q.where("therapist_id", "=", f.therapistId);
  if (f.patientId) q = q.where("patient_id", "=", f.patientId);
  if (f.studyId) q = q.where("study_id", "=", f.studyId);
  return q.orderBy("id").execute();
}

export async function findEpisode(
  db: Db,
  patientId: string,
  therapistId: string,
): Promise<Episode | undefined> {
  return db
    .selectFrom("episodes")
    .selectAll()
    .where("patient_id", "=", patientId)
    .where("therapist_id", "=", therapistId)
    .orderBy("id")
    .executeTakeFirst();
}

/** The session with this number in the episode, created if missing. */
export async function ensureSession(
  db: Db,
  episodeId: string,
  number: number,
  date: string | null = null,
  modality: Modality | null = null,
): Promise<TherapySession> {
  const found = await db
    .selectFrom("therapy_sessions")
    .selectAll()
    .where("episode_id", "=", episodeId)
    .where("number", "=", number)
    .executeTakeFirst();
  if (found) return found;
  const row = newSessionRow(episodeId, number, date, modality);
  await db.insertInto("therapy_sessions").values(row).execute();
  return row;
}

/**
 * A new session's row, not yet stored: what `ensureSession` inserts, for a caller that stores many at
 * once (an import, with SessionRepository.insert).
 *
 * @example
 * const row = newSessionRow(episodeId, 3, null, "video");
 * // { id, episode_id, number: 3, date: null, time: null, created_at, modality: "video" }
 */
export function newSessionRow(
  episodeId: string,
  number: number,
  date: string | null = null,
  modality: Modality | null = null,
): TherapySession {
  return { id: newId(), episode_id: episodeId, number, date, time: null, created_at: nowIso(), modality };
}

export async function getSession(db: Db, id: string): Promise<TherapySession | undefined> {
  return db.selectFrom("therapy_sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listSessions(db: Db, episodeId: string): Promise<TherapySession[]> {
  return db
    .selectFrom("therapy_sessions")
    .selectAll()
    .where("episode_id", "=", episodeId)
    .orderBy("number")
    .execute();
}

/**
 * Sessions of the given episodes dated `fromDate` or later that have no answer yet: what is coming up
 * (the caseload's upcoming sessions), ordered by day and time.
 *
 * @example
 * await upcomingSessions(db, [episodeId], "2026-12-05"); // [{ episode_id, number: 9, date: "2026-12-08", time: "14:30", ... }]
 */
export async function upcomingSessions(
  db: Db,
  episodeIds: readonly string[],
  fromDate: string,
): Promise<TherapySession[]> {
  if (episodeIds.length === 0) return [];
  return db
    .selectFrom("therapy_sessions as s")
    .selectAll("s")
    .where("s.episode_id", "in", [...episodeIds])
    .where("s.date", ">=", fromDate)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("responses as r").select("r.id").whereRef("r.session_id", "=", "s.id"))),
    )
    .orderBy("s.date")
    .orderBy("s.time")
    .execute();
}

export async function assignCoder(db: Db, coderId: string, sessionId: string): Promise<void> {
  await db.insertInto("coder_assignments").values({ coder_id: coderId, session_id: sessionId }).execute();
}

export async function isCoderAssigned(db: Db, coderId: string, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom("coder_assignments")
    .select("session_id")
    .where("coder_id", "=", coderId)
    .where("session_id", "=", sessionId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A session with its episode, in one query. */
export async function getSessionWithEpisode(
  db: Db,
  sessionId: string,
): Promise<{ session: TherapySession; episode: Episode } | undefined> {
  const r = await db
    .selectFrom("therapy_sessions as s")
    .innerJoin("episodes as e", "e.id", "s.episode_id")
    .select([
      "s.id as s_id",
      "s.episode_id",
      "s.number",
      "s.date",
      "s.time",
      "s.created_at",
      "s.modality",
      "e.network_id",
      "e.patient_id",
      "e.therapist_id",
      "e.study_id",
      "e.arm_id",
      "e.started_at",
      "e.ended_at",
      "e.end_reason",
    ])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    session: {
      id: r.s_id,
      episode_id: r.episode_id,
      number: r.number,
      date: r.date,
      time: r.time,
      created_at: r.created_at,
      modality: r.modality,
    },
    episode: {
      id: r.episode_id,
      network_id: r.network_id,
      patient_id: r.patient_id,
      therapist_id: r.therapist_id,
      study_id: r.study_id,
      arm_id: r.arm_id,
      started_at: r.started_at,
      ended_at: r.ended_at,
      end_reason: r.end_reason,
    },
  };
}

/**
 * Files a patient under a site (an import names it; the patient had none).
 *
 * @example
 * await setPatientSite(trx, patient.id, site.id);
 */
export async function setPatientSite(db: Db, patientId: string, siteId: string): Promise<void> {
  await db.updateTable("patients").set({ site_id: siteId }).where("id", "=", patientId).execute();
}
