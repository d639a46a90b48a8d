// A coordinator's erasure request: the one case where stored answers are deleted. The request is
// recorded first (the append-only triggers allow deleting responses only of an erased patient, and
// rewriting a run's CSV only as a recorded redaction).
import { inChunks } from "./inChunks.ts";
import { PostgresAdapter } from "kysely";
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import { redactRuns, type RunRedactionReport } from "./runRedactions.ts";
import { appendAudit } from "./audit.ts";
import { eraseMessageRecipients } from "./messages.ts";

export interface ErasureReport {
  patientId: string;
  responses: number;
  sessions: number;
  episodes: number;
  /** How many recorded analysis runs had the patient's rows removed from their CSV. */
  runsRedacted: number;
  runs: RunRedactionReport[];
  /** Audit entries written through the patient's links whose IP address and user-agent were removed. */
  auditEntriesRedacted: number;
}

/**
 * Locks a patient's row for the rest of the transaction (PostgreSQL; SQLite has one writer anyway):
 * `update` for an erasure, `share` for a submission, so the two run one after the other and the
 * second sees what the first did. Returns false when the patient is gone (erased meanwhile).
 *
 * @example
 * if (!(await lockPatient(trx, patientId, "share"))) throw conflict("erased");
 */
export async function lockPatient(db: Db, patientId: string, mode: "update" | "share"): Promise<boolean> {
  return (await lockPatients(db, [patientId], mode)).has(patientId);
}

/**
 * Locks several patients' rows at once, as `lockPatient` locks one (an import storing many patients'
 * answers); returns the ids still there, so an id missing from the answer was erased meanwhile.
 *
 * @example
 * const there = await lockPatients(trx, [a, b], "share"); // Set { a, b }
 */
export async function lockPatients(
  db: Db,
  patientIds: readonly string[],
  mode: "update" | "share",
): Promise<Set<string>> {
  const rows = await inChunks([...new Set(patientIds)], (slice) => {
    const q = db.selectFrom("patients").select("id").where("id", "in", slice);
    return (isPostgres(db) ? (mode === "update" ? q.forUpdate() : q.forShare()) : q).execute();
  });
  return new Set(rows.map((r) => r.id));
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Erases a patient in one transaction: records the erasure, deletes their answers, sessions, episodes,
 * links and contact details, removes their rows from every recorded analysis run of the network,
 * and removes the IP address and user-agent from the audit entries their links wrote (audited).
 * The patient's row is locked first: of concurrent erasures one succeeds, the others get undefined
 * (the patient is gone), and a racing submission waits and then finds the patient gone.
 *
 * @example
 * const rep = await erasePatient(db, { patientId, networkId, requestedBy: coordinatorId, reason: "art. 17" });
 */
export async function erasePatient(
  db: Db,
  r: { patientId: string; networkId: string; requestedBy: string; reason: string },
): Promise<ErasureReport | undefined> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockPatient(trx, r.patientId, "update"))) return undefined;
    const patient = await trx
      .selectFrom("patients")
      .select("code")
      .where("id", "=", r.patientId)
      .where("network_id", "=", r.networkId)
      .executeTakeFirst();
    const erasureId = newId();
    await trx
      .insertInto("erasures")
      .values({
        id: erasureId,
        patient_id: r.patientId,
        network_id: r.networkId,
        requested_by: r.requestedBy,
        reason: r.reason,
        at: nowIso(),
      })
      .execute();
    const episodes = await trx
      .selectFrom("episodes")
      .select("id")
      .where("patient_id", "=", r.patientId)
      .execute();
    const episodeIds = episodes.map((e) => e.id);
    const sessions = episodeIds.length
      ? await trx.selectFrom("therapy_sessions").select("id").where("episode_id", "in", episodeIds).execute()
      : [];
    const sessionIds = sessions.map((s) => s.id);
    const responses = await trx
      .selectFrom("responses")
      .select("id")
      .where("patient_id", "=", r.patientId)
      .execute();
    const responseIds = responses.map((x) => x.id);
    if (responseIds.length) {
      await trx.deleteFrom("scores").where("response_id", "in", responseIds).execute();
      await trx.deleteFrom("responses").where("patient_id", "=", r.patientId).execute();
    }
    if (sessionIds.length)
      await trx.deleteFrom("coder_assignments").where("session_id", "in", sessionIds).execute();
    const links = episodeIds.length
      ? await trx.selectFrom("patient_links").select("id").where("episode_id", "in", episodeIds).execute()
      : [];
    const auditEntriesRedacted = await redactLinkAudit(trx, {
      networkId: r.networkId,
      erasureId,
      linkIds: links.map((l) => l.id),
      requestedBy: r.requestedBy,
      patientId: r.patientId,
    });
    if (episodeIds.length) {
      await trx.deleteFrom("form_declines").where("episode_id", "in", episodeIds).execute();
      await trx.deleteFrom("patient_links").where("episode_id", "in", episodeIds).execute();
      await trx.deleteFrom("alert_acks").where("episode_id", "in", episodeIds).execute();
      await trx.deleteFrom("therapy_sessions").where("episode_id", "in", episodeIds).execute();
      await trx.deleteFrom("episodes").where("patient_id", "=", r.patientId).execute();
    }
    await trx.deleteFrom("patient_contacts").where("patient_id", "=", r.patientId).execute();
    // The send log keeps that messages went (kind, when, outcome), not where to (migration 060).
    await eraseMessageRecipients(trx, r.patientId);
    // A patient-level allocation keeps its place in the sequence (migration 076), no longer whose it was.
    await trx
      .updateTable("patient_allocations")
      .set({ patient_id: null })
      .where("patient_id", "=", r.patientId)
      .execute();
    await trx.deleteFrom("patients").where("id", "=", r.patientId).execute();
    // Runs hold the pseudonymised tidy CSV they analysed: the code identifies the patient's rows there.
    const runs = patient
      ? await redactRuns(trx, {
          networkId: r.networkId,
          erasureId,
          patientCode: patient.code,
          requestedBy: r.requestedBy,
        })
      : [];
    return {
      patientId: r.patientId,
      responses: responseIds.length,
      sessions: sessionIds.length,
      episodes: episodeIds.length,
      runsRedacted: runs.length,
      runs,
      auditEntriesRedacted,
    };
  });
}

/** Nulls the IP address and user-agent of the audit entries written through these links, and audits that. */
async function redactLinkAudit(
  db: Db,
  r: { networkId: string; erasureId: string; linkIds: string[]; requestedBy: string; patientId: string },
): Promise<number> {
  if (r.linkIds.length === 0) return 0;
  const res = await db
    .updateTable("audit_log")
    .set({ ip: null, user_agent: null })
    .where("actor_kind", "=", "patient-link")
    .where("actor_id", "in", r.linkIds)
    .where((eb) => eb.or([eb("ip", "is not", null), eb("user_agent", "is not", null)]))
    .executeTakeFirst();
  const n = Number(res.numUpdatedRows);
  await appendAudit(db, {
    network_id: r.networkId,
    actor_kind: "user",
    actor_id: r.requestedBy,
    action: "redact-audit",
    entity: "patient",
    entity_id: r.patientId,
    ip: null,
    user_agent: null,
    detail: JSON.stringify({ erasure: r.erasureId, entries: n, removed: ["ip", "user_agent"] }),
  });
  return n;
}
