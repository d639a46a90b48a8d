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

export async function listAudit(
  db: Db,
  f: { networkId: string; entity?: string; entityId?: string; limit?: number; before?: string },
): Promise<AuditEntry[]> {
  let q = db.selectFrom("audit_log").selectAll().where("network_id", "=", f.networkId);
  if (f.entity) q = q.where("entity", "=", f.entity);
  if (f.entityId) q = q.where("entity_id", "=", f.entityId);
  if (f.before) q = q.where("id", "<", f.before);
  return q
    .orderBy("id", "desc")
    .limit(f.limit ?? 100)
    .execute();
}
