// Acknowledgements of feedback alerts: recorded with who and when, audited in the same transaction.
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { AlertAck, AlertAckTable } from "../schema.ts";
import { appendAudit, type AuditInput } from "./audit.ts";

/** What an acknowledgement names. */
export interface AckInput {
  networkId: string;
  episodeId: string;
  kind: AlertAckTable["kind"];
  session: number;
  /** The outcome form of a not-on-track alert (its id); "" or absent for other kinds. */
  form?: string;
  userId: string;
  note?: string | null;
}

/**
 * Records that a staff member acknowledged an alert, and audits it; acknowledging the same alert (episode,
 * kind, session and outcome form) again returns the first acknowledgement unchanged.
 *
 * @example
 * await acknowledgeAlert(db, { networkId, episodeId, kind: "rupture", session: 5, userId }, auditFields);
 */
export async function acknowledgeAlert(
  db: Db,
  a: AckInput,
  audit: Omit<AuditInput, "action" | "entity" | "entity_id" | "detail">,
): Promise<{ ack: AlertAck; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("alert_acks")
      .selectAll()
      .where("episode_id", "=", a.episodeId)
      .where("kind", "=", a.kind)
      .where("session", "=", a.session)
      .where("form", "=", a.form ?? "")
      .executeTakeFirst();
    if (existing) return { ack: existing, created: false };
    const ack: AlertAck = {
      id: newId(),
      network_id: a.networkId,
      episode_id: a.episodeId,
      kind: a.kind,
      session: a.session,
      acknowledged_by: a.userId,
      at: nowIso(),
      note: a.note ?? null,
      form: a.form ?? "",
    };
    await trx.insertInto("alert_acks").values(ack).execute();
    await appendAudit(trx, {
      ...audit,
      action: "acknowledge-alert",
      entity: "episode",
      entity_id: a.episodeId,
      detail: JSON.stringify({
        kind: a.kind,
        session: a.session,
        ...(ack.form ? { form: ack.form } : {}),
        ack: ack.id,
      }),
    });
    return { ack, created: true };
  });
}

/**
 * Acknowledgements of the given episodes.
 *
 * @example
 * const acks = await listAlertAcks(db, [episodeId]);
 */
export async function listAlertAcks(db: Db, episodeIds: readonly string[]): Promise<AlertAck[]> {
  if (episodeIds.length === 0) return [];
  return db
    .selectFrom("alert_acks")
    .selectAll()
    .where("episode_id", "in", [...episodeIds])
    .execute();
}
