// The audit log, for coordinators.
import { z } from "@hono/zod-openapi";
import { auditVocabulary, listAudit } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "./record.ts";
import { apiRoute, json } from "../route.ts";
import { AuditChoicesOut, AuditOut, Id } from "../schemas.ts";

/** The stored form of a time (UTC ISO with milliseconds), so text comparison orders it with `at`. */
const instant = (v: string): string => new Date(v).toISOString();

/**
 * GET /api/audit (filtered, newest first) and GET /api/audit/choices (the filters' menus).
 *
 * @example
 * app.route("/", auditApi(ctx));
 */
export function auditApi(ctx: Ctx): Api {
  const app = newApi();
  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/audit/choices",
      summary: "The actions and entities that occur in the network's audit log (the log page's filters)",
      responses: { 200: json(AuditChoicesOut) },
    }),
    async (c) => c.json(await auditVocabulary(ctx.store.db, userOf(c).network_id), 200),
  );
  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/audit",
      summary: "Audit log of the network, newest first (page with before=<id>)",
      request: {
        query: z.object({
          entity: z.string().max(100).optional(),
          entityId: Id.optional(),
          /** The staff member who acted (a user id). */
          actorId: Id.optional(),
          action: z.string().max(100).optional(),
          /** ISO instants (a date alone is its midnight UTC): entries at or after `from`, before `to`. */
          from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
          to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
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
        ...(q.actorId ? { actorId: q.actorId } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(q.from ? { from: instant(q.from) } : {}),
        ...(q.to ? { to: instant(q.to) } : {}),
        ...(q.before ? { before: q.before } : {}),
        limit: q.limit ?? 100,
      });
      // Reading the audit log is itself an identifiable read (who looked at whom).
      await audit(ctx.store.db, c, {
        action: "read",
        entity: "audit_log",
        detail: {
          entries: rows.length,
          entity: q.entity ?? null,
          entityId: q.entityId ?? null,
          actorId: q.actorId ?? null,
          action: q.action ?? null,
          from: q.from ?? null,
          to: q.to ?? null,
        },
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
