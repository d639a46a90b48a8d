// The send log (migration 060): one row per e-mail or SMS queued, updated as delivery succeeds or
// fails. Message bodies are never stored — they carry one-time links.
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { MessageLogEntry, MessageLogTable } from "../schema.ts";

export type MessageKind = MessageLogTable["kind"];
export type MessageChannel = MessageLogTable["channel"];

/**
 * Records a message as queued and answers its row.
 *
 * @example
 * const row = await logQueued(db, { networkId, kind: "invitation", channel: "email", recipient: "t@x.org", userId, language: "en", queuedBy: me.id });
 */
export async function logQueued(
  db: Db,
  m: {
    networkId: string;
    kind: MessageKind;
    channel: MessageChannel;
    recipient: string;
    language: string;
    patientId?: string | null;
    userId?: string | null;
    queuedBy?: string | null;
  },
): Promise<MessageLogEntry> {
  const row: MessageLogEntry = {
    id: newId(),
    network_id: m.networkId,
    kind: m.kind,
    channel: m.channel,
    recipient: m.recipient,
    patient_id: m.patientId ?? null,
    user_id: m.userId ?? null,
    language: m.language,
    status: "queued",
    attempts: 0,
    queued_at: nowIso(),
    sent_at: null,
    error: null,
    queued_by: m.queuedBy ?? null,
  };
  await db.insertInto("message_log").values(row).execute();
  return row;
}

/**
 * Records a delivery attempt: sent, or the error (still queued while retries are left, else failed).
 *
 * @example
 * await logAttempt(db, row.id, { attempts: 1, error: "connect ECONNREFUSED", final: false });
 */
export async function logAttempt(
  db: Db,
  id: string,
  a: { attempts: number; error?: string; final?: boolean },
): Promise<void> {
  await db
    .updateTable("message_log")
    .set(
      a.error === undefined
        ? { status: "sent", attempts: a.attempts, sent_at: nowIso(), error: null }
        : { status: a.final ? "failed" : "queued", attempts: a.attempts, error: a.error.slice(0, 500) },
    )
    .where("id", "=", id)
    .execute();
}

/**
 * The network's send log, newest first.
 *
 * @example
 * const rows = await listMessages(db, networkId, { limit: 200 });
 */
export async function listMessages(
  db: Db,
  networkId: string,
  o: { limit?: number; patientId?: string } = {},
): Promise<MessageLogEntry[]> {
  let q = db.selectFrom("message_log").selectAll().where("network_id", "=", networkId);
  if (o.patientId) q = q.where("patient_id", "=", o.patientId);
  return q
    .orderBy("queued_at", "desc")
    .orderBy("id", "desc")
    .limit(o.limit ?? 500)
    .execute();
}

/**
 * Messages still queued long after their last retry could have run were lost with a stopped server
 * (their bodies lived in memory only): they are marked failed, so the log never shows them pending
 * forever. `before` spares the messages other live API processes are still sending.
 *
 * @example
 * await failUnsent(db, new Date(Date.now() - 3600_000).toISOString(), "the server stopped before sending");
 */
export async function failUnsent(db: Db, before: string, why: string): Promise<number> {
  const r = await db
    .updateTable("message_log")
    .set({ status: "failed", error: why })
    .where("status", "=", "queued")
    .where("queued_at", "<", before)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Erasure: the patient's rows lose their recipient (address or number); kind, time and outcome stay.
 *
 * @example
 * await eraseMessageRecipients(trx, patientId);
 */
export async function eraseMessageRecipients(db: Db, patientId: string): Promise<number> {
  const r = await db
    .updateTable("message_log")
    .set({ recipient: null, error: null })
    .where("patient_id", "=", patientId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
