// Audit entries for reads and writes of identifiable records: who, what, when, from where.
import type { Context } from "hono";
import { appendAudit, type AuditInput, type Db } from "@attune/db";
import type { AppEnv } from "../context.ts";

export function clientAddress(c: Context<AppEnv>): string | null {
  return c.env?.incoming?.socket?.remoteAddress ?? null;
}

export function auditEntry(
  c: Context<AppEnv>,
  e: {
    action: string;
    entity: string;
    entityId?: string | null;
    networkId?: string | null;
    detail?: unknown;
  },
): AuditInput {
  const p = c.get("principal");
  return {
    network_id:
      e.networkId ?? (p.kind === "user" ? p.user.network_id : p.kind === "link" ? p.link.network_id : null),
    actor_kind: p.kind === "user" ? "user" : p.kind === "link" ? "patient-link" : "anonymous",
    actor_id: p.kind === "user" ? p.user.id : p.kind === "link" ? p.link.id : null,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId ?? null,
    ip: clientAddress(c),
    user_agent: c.req.header("user-agent")?.slice(0, 300) ?? null,
    detail: e.detail === undefined ? null : JSON.stringify(e.detail),
  };
}

export async function audit(db: Db, c: Context<AppEnv>, e: Parameters<typeof auditEntry>[1]): Promise<void> {
  await appendAudit(db, auditEntry(c, e));
}
