// The audit log, for coordinators.
import { z } from "@hono/zod-openapi";
import { listAudit } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "./record.ts";
import { apiRoute, json } from "../route.ts";
import { AuditOut, Id } from "@attune/api";

export function auditApi(ctx: Ctx): Api {
  const app = newApi();
  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/audit",
      summary: "Audit log of the network, newest first (page with before=<id>)",
      request: {
        query: z.object({
          entity: z.string().max(100).optional(),
          entityId: Id.optional(),
          before: Id.optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: { 200: json(AuditOut) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const rows = await listAudit(ctx.store.db, {
        networkId: userOf(c).network_id,
        ...(q.entity ? { entity: q.entity } : {}),
        ...(q.entityId ? { entityId: q.entityId } : {}),
        ...(q.before ? { before: q.before } : {}),
        limit: q.limit ?? 100,
      });
      // Reading the audit log is itself an identifiable read (who looked at whom).
      await audit(ctx.store.db, c, {
        action: "read",
        entity: "audit_log",
        detail: { entries: rows.length, entity: q.entity ?? null, entityId: q.entityId ?? null },
      });
      return c.json(
        {
          entries: rows.map((r) => ({
            id: r.id,
            at: r.at,
            actorKind: r.actor_kind,
            actorId: r.actor_id,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            ip: r.ip,
            detail: r.detail,
          })),
        },
        200,
      );
    },
  );
  return app;
}
