// The audit log: who read or wrote which identifiable record, when, from where. Append-only
// (the database refuses UPDATE and DELETE on it).
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { AuditEntry, AuditTable } from "../schema.ts";

export type AuditInput = Omit<AuditTable, "id" | "at">;

export async function appendAudit(db: Db, e: AuditInput | AuditInput[]): Promise<void> {
  const list = Array.isArray(e) ? e : [e];
  if (list.length === 0) return;
  const at = nowIso();
  await db
    .insertInto("audit_log")
    .values(list.map((x) => ({ ...x, id: newId(), at })))
    .execute();
}

/** What the audit log can be narrowed to; every field but the network is optional ("any"). */
export interface AuditFilter {
  networkId: string;
  entity?: string;
  entityId?: string;
  /** The staff member (user id) who acted. */
  actorId?: string;
  action?: string;
  /** ISO instants: entries at or after `from` and before `to`. */
  from?: string;
  to?: string;
  limit?: number;
  /** Entries older than this entry id (the next page). */
  before?: string;
}

/**
 * The actions and entities that occur in a network's audit log, sorted (the choices of the log's filters).
 *
 * @example
 * const { actions, entities } = await auditVocabulary(db, networkId); // actions: ["create", "read", ...]
 */
export async function auditVocabulary(
  db: Db,
  networkId: string,
): Promise<{ actions: string[]; entities: string[] }> {
  const actions = await db
    .selectFrom("audit_log")
    .select("action")
    .distinct()
    .where("network_id", "=", networkId)
    .orderBy("action")
    .execute();
  const entities = await db
    .selectFrom("audit_log")
    .select("entity")
    .distinct()
    .where("network_id", "=", networkId)
    .orderBy("entity")
    .execute();
  return { actions: actions.map((r) => r.action), entities: entities.map((r) => r.entity) };
}

export async function listAudit(db: Db, f: AuditFilter): Promise<AuditEntry[]> {
  let q = db.selectFrom("audit_log").selectAll().where("network_id", "=", f.networkId);
  if (f.entity) q = q.where("entity", "=", f.entity);
  if (f.entityId) q = q.where("entity_id", "=", f.entityId);
  if (f.actorId) q = q.where("actor_id", "=", f.actorId);
  if (f.action) q = q.where("action", "=", f.action);
  if (f.from) q = q.where("at", ">=", f.from);
  if (f.to) q = q.where("at", "<", f.to);
  if (f.before) q = q.where("id", "<", f.before);
  return q
    .orderBy("id", "desc")
    .limit(f.limit ?? 100)
    .execute();
}
