// The messaging routes: what the server can send (public, for the sign-in page), the network's send
// log (coordinator; recipients are identifying, so reading it is audited), and the therapists' rating
// reminders of a study (each therapist with open or late therapist forms gets one e-mail listing them).
import { z } from "@hono/zod-openapi";
import { findLinkByToken, getUser, listMessages } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody, PUBLIC } from "../route.ts";
import {
  DeliveryOut,
  Id,
  MessagesOut,
  SendLinkBody,
  MessagesQuery,
  ServerOptionsOut,
  TherapistRemindersBody,
  TherapistRemindersOut,
} from "@attune/api";
import { studyOf } from "../studies/access.ts";
import { studyCompletion } from "../studies/completion.ts";
import { deliveryJson, sendPatientLink } from "./hooks.ts";
import { visibleSession } from "../policy.ts";
import { ApiError, notFound } from "../errors.ts";

/**
 * GET /api/auth/options, GET /api/messages, POST /api/studies/{id}/therapist-reminders.
 *
 * @example
 * app.route("/", messagingApi(ctx));
 */
export function messagingApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(PUBLIC, {
      method: "get",
      path: "/api/auth/options",
      summary:
        "What this server offers before sign-in: e-mail and SMS configured, self-service password reset, the idle sign-out period",
      responses: { 200: json(ServerOptionsOut) },
    }),
    (c) => {
      const ch = ctx.messenger.channels;
      return c.json(
        {
          email: ch.email,
          sms: ch.sms,
          passwordReset: ch.email,
          idleSeconds: Math.round(ctx.config.sessionIdleMs / 1000),
        },
        200,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/messages",
      summary:
        "The network's send log, newest first: kind, channel, recipient, patient or staff id, when, delivered or the error (never the message; audited)",
      request: { query: MessagesQuery },
      responses: { 200: json(MessagesOut) },
    }),
    async (c) => {
      const me = userOf(c);
      const q = c.req.valid("query");
      const rows = await listMessages(db, me.network_id, {
        ...(q.patientId ? { patientId: q.patientId } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      });
      await audit(db, c, { action: "read", entity: "message_log", detail: { count: rows.length } });
      return c.json(
        {
          ...ctx.messenger.channels,
          messages: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            channel: r.channel,
            recipient: r.recipient,
            patientId: r.patient_id,
            userId: r.user_id,
            language: r.language,
            status: r.status,
            attempts: Number(r.attempts),
            queuedAt: r.queued_at,
            sentAt: r.sent_at,
            error: r.error,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "post",
      path: "/api/links/send",
      summary:
        "Send a patient link already made (its token, as the page holds it) to its patient by e-mail, else SMS; unused and unexpired links only",
      request: jsonBody(SendLinkBody),
      responses: { 202: json(z.object({ delivery: DeliveryOut })) },
    }),
    async (c) => {
      const link = await findLinkByToken(db, c.req.valid("json").token);
      if (!link) throw notFound("patient link");
      // The caller must see the link's session (a therapist: their own patient's), else 404.
      const { session, episode } = await visibleSession(ctx, c, link.session_id);
      if (link.submitted_at) throw new ApiError("conflict", "this link was already used; make a new one");
      if (Date.parse(link.expires_at) <= Date.now())
        throw new ApiError("gone", "this link has expired; make a new one");
      const token = c.req.valid("json").token;
      const delivery = await sendPatientLink(ctx, c, {
        episode,
        session,
        link: { url: `${ctx.config.publicBaseUrl}/r/${token}`, expiresAt: link.expires_at },
        kind: "patient-link",
      });
      return c.json({ delivery }, 202);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/studies/{id}/therapist-reminders",
      summary:
        "E-mail each therapist of the study whose own ratings (therapist forms) are open or late one reminder listing those sessions",
      request: { params: z.object({ id: Id }), ...jsonBody(TherapistRemindersBody) },
      responses: { 201: json(TherapistRemindersOut) },
    }),
    async (c) => {
      const study = await studyOf(db, c, c.req.valid("param").id);
      const r = await studyCompletion(ctx, study, c.req.valid("json"));
      const due = new Map<
        string,
        { code: string; list: { patient: string; session: number; late: boolean }[] }
      >();
      for (const p of r.patients) {
        const open = p.forms.filter(
          (f) => f.rater === "therapist" && (f.status === "open" || f.status === "late"),
        );
        const bySession = new Map<number, boolean>();
        for (const f of open)
          bySession.set(f.session, (bySession.get(f.session) ?? false) || f.status === "late");
        if (!bySession.size) continue;
        const entry = due.get(p.episode.therapist_id) ?? { code: p.episode.therapist_code, list: [] };
        for (const [session, late] of bySession)
          entry.list.push({ patient: p.episode.patient_code, session, late });
        due.set(p.episode.therapist_id, entry);
      }
      const reminders = [];
      for (const [therapistId, e] of due) {
        const user = await getUser(db, therapistId);
        const d = user
          ? await ctx.messenger.toStaff({
              user,
              queuedBy: userOf(c).id,
              message: {
                kind: "therapist-reminder",
                name: user.display_name,
                url: `${ctx.config.publicBaseUrl}/patients`,
                due: e.list,
              },
            })
          : null;
        reminders.push({ therapistId, therapist: e.code, sessions: e.list, delivery: deliveryJson(d) });
      }
      return c.json({ reminders }, 201);
    },
  );
  return app;
}
