// Episodes (a course of therapy), their sessions and end, session modality, patient links and coder
// assignment: the part of the clinical record below a patient (mounted by clinicalApi, routes.ts).
import {
  assignCoder,
  createEpisode,
  ensureSession,
  getStudy,
  getUser,
  listSessions,
  lastSessionDate,
  setEpisodeEnd,
  setSessionModality,
  type Episode,
  type TherapySession,
} from "@attune/db";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError, invalid, notFound } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { assertFormsHaveWording, issueLink } from "../links.ts";
import { patientFormsFor } from "./nextSession.ts";
import { sendPatientLink } from "../messaging/hooks.ts";
import { visibleEpisode, visiblePatient, visibleSession } from "../policy.ts";
import { assertActive } from "../studies/maintenance.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import {
  CoderBody,
  EpisodeBody,
  EpisodeEndBody,
  EpisodeOut,
  Id,
  LinkBody,
  LinkOut,
  SessionBody,
  SessionModalityBody,
  SessionOut,
} from "@attune/api";
import { episodeEndProblem } from "@attune/core";

const idParam = { params: z.object({ id: Id }) };
const episodeOut = (e: Episode) => ({
  id: e.id,
  patientId: e.patient_id,
  therapistId: e.therapist_id,
  studyId: e.study_id,
  armId: e.arm_id,
  endedAt: e.ended_at,
  endReason: e.end_reason,
});
const sessionOut = (s: TherapySession) => ({
  id: s.id,
  episodeId: s.episode_id,
  number: s.number,
  date: s.date,
  modality: s.modality,
});

/**
 * POST/GET episodes, their sessions, PUT/DELETE an episode's end, PUT a session's modality, POST a
 * session's patient link and coders.
 *
 * @example
 * app.route("/", episodesApi(ctx));
 */
export function episodesApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/episodes",
      summary: "Open an episode (a course of therapy: one patient with one therapist)",
      request: jsonBody(EpisodeBody),
      responses: { 201: json(EpisodeOut) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const me = userOf(c);
      await visiblePatient(ctx, c, b.patientId);
      const t = await getUser(db, b.therapistId);
      if (!t || t.network_id !== me.network_id || t.role !== "therapist")
        throw notFound(`therapist ${b.therapistId}`);
      if (b.studyId) {
        const s = await getStudy(db, b.studyId);
        if (!s || s.network_id !== me.network_id) throw notFound(`study ${b.studyId}`);
        assertActive(s);
      }
      const e = await db
        .transaction()
        .execute(async (trx) => {
          // In a patient-level study this allocates the patient (the next place of their site's sequence).
          const created = await createEpisode(trx, {
            patientId: b.patientId,
            therapistId: t.id,
            studyId: b.studyId ?? null,
            by: me.id,
          });
          await audit(trx, c, {
            action: "create",
            entity: "episode",
            entityId: created.id,
            ...(created.arm_id ? { detail: { armId: created.arm_id } } : {}),
          });
          return created;
        })
        .catch((err: unknown) => {
          // Two enrolments racing for one place of a site's sequence: the unique place lets one through.
          if (/unique|duplicate key/i.test(err instanceof Error ? err.message : ""))
            throw new ApiError(
              "conflict",
              "another patient was enrolled in this study at the same moment; try again",
            );
          throw err;
        });
      return c.json(episodeOut(e), 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher"], {
      method: "get",
      path: "/api/episodes/{id}",
      summary: "One episode",
      request: idParam,
      responses: { 200: json(EpisodeOut) },
    }),
    async (c) => {
      const e = await visibleEpisode(ctx, c, c.req.valid("param").id);
      return c.json(episodeOut(e), 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher"], {
      method: "get",
      path: "/api/episodes/{id}/sessions",
      summary: "The sessions of an episode",
      request: idParam,
      responses: { 200: json(z.object({ sessions: z.array(SessionOut) })) },
    }),
    async (c) => {
      const e = await visibleEpisode(ctx, c, c.req.valid("param").id);
      return c.json({ sessions: (await listSessions(db, e.id)).map(sessionOut) }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "post",
      path: "/api/episodes/{id}/sessions",
      summary: "Record a session (number, date) of an episode",
      request: { ...idParam, ...jsonBody(SessionBody) },
      responses: { 201: json(SessionOut) },
    }),
    async (c) => {
      const e = await visibleEpisode(ctx, c, c.req.valid("param").id);
      const b = c.req.valid("json");
      const existing = (await listSessions(db, e.id)).find((s) => s.number === b.number);
      if (existing) throw new ApiError("conflict", `session ${b.number} of this episode already exists`);
      const s = await db.transaction().execute(async (trx) => {
        const created = await ensureSession(trx, e.id, b.number, b.date ?? null, b.modality ?? null);
        await audit(trx, c, {
          action: "create",
          entity: "session",
          entityId: created.id,
          ...(b.modality ? { detail: { modality: b.modality } } : {}),
        });
        return created;
      });
      return c.json(sessionOut(s), 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "put",
      path: "/api/sessions/{id}/modality",
      summary: "Record how a session was held: in person, video or phone (null: not recorded; audited)",
      request: { ...idParam, ...jsonBody(SessionModalityBody) },
      responses: { 200: json(SessionOut) },
    }),
    async (c) => {
      const { session } = await visibleSession(ctx, c, c.req.valid("param").id);
      const { modality } = c.req.valid("json");
      const s = await db.transaction().execute(async (trx) => {
        const updated = await setSessionModality(trx, session.id, modality);
        await audit(trx, c, {
          action: "update",
          entity: "session",
          entityId: session.id,
          detail: { modality, was: session.modality },
        });
        return updated;
      });
      if (!s) throw notFound(`session ${session.id}`);
      return c.json(sessionOut(s), 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "put",
      path: "/api/episodes/{id}/end",
      summary: "End an episode on a day for a reason: completed, dropout, referred or other (audited)",
      request: { ...idParam, ...jsonBody(EpisodeEndBody) },
      responses: { 200: json(EpisodeOut) },
    }),
    async (c) => {
      const e = await visibleEpisode(ctx, c, c.req.valid("param").id);
      const b = c.req.valid("json");
      const problem = episodeEndProblem({
        endedAt: b.endedAt,
        lastSessionDate: await lastSessionDate(db, e.id),
      });
      if (problem) throw invalid(problem, [{ where: "body.endedAt", message: problem }]);
      const updated = await db.transaction().execute(async (trx) => {
        const u = await setEpisodeEnd(trx, e.id, { endedAt: b.endedAt, reason: b.reason });
        await audit(trx, c, {
          action: "update",
          entity: "episode",
          entityId: e.id,
          detail: {
            endedAt: b.endedAt.slice(0, 10),
            endReason: b.reason,
            was: { endedAt: e.ended_at, endReason: e.end_reason },
          },
        });
        return u;
      });
      if (!updated) throw notFound(`episode ${e.id}`);
      return c.json(episodeOut(updated), 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "delete",
      path: "/api/episodes/{id}/end",
      summary: "Reopen an ended episode (audited)",
      request: idParam,
      responses: { 200: json(EpisodeOut) },
    }),
    async (c) => {
      const e = await visibleEpisode(ctx, c, c.req.valid("param").id);
      const updated = await db.transaction().execute(async (trx) => {
        const u = await setEpisodeEnd(trx, e.id, null);
        await audit(trx, c, {
          action: "update",
          entity: "episode",
          entityId: e.id,
          detail: { endedAt: null, endReason: null, was: { endedAt: e.ended_at, endReason: e.end_reason } },
        });
        return u;
      });
      if (!updated) throw notFound(`episode ${e.id}`);
      return c.json(episodeOut(updated), 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "post",
      path: "/api/sessions/{id}/links",
      summary: "Create a one-time patient link for a session's forms",
      request: { ...idParam, ...jsonBody(LinkBody) },
      responses: { 201: json(LinkOut) },
    }),
    async (c) => {
      const { session, episode } = await visibleSession(ctx, c, c.req.valid("param").id);
      const b = c.req.valid("json");
      // Without a list: the session's forms of the study schedule, else every patient form with wording.
      const forms = b.forms ?? (await patientFormsFor(ctx, episode, session.number));
      for (const [i, f] of forms.entries()) {
        const inst = ctx.instruments.byUrl(f);
        if (!inst)
          throw invalid(`unknown questionnaire ${f}`, [
            { where: `body.forms.${i}`, message: `unknown ${f}` },
          ]);
        if (inst.rater !== "patient") throw invalid(`${f} is not a patient form (rater ${inst.rater})`);
      }
      await assertFormsHaveWording(ctx, episode.network_id, forms);
      const expiresAt = new Date(
        Date.now() + (b.expiresInHours ? b.expiresInHours * 3600_000 : ctx.config.linkTtlMs),
      );
      const link = await issueLink(ctx, c, { episode, session, forms, expiresAt });
      if (!b.send) return c.json(link, 201);
      const delivery = await sendPatientLink(ctx, c, { episode, session, link, kind: "patient-link" });
      return c.json({ ...link, delivery }, 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/sessions/{id}/coders",
      summary: "Assign an observer (coder) to a session",
      request: { ...idParam, ...jsonBody(CoderBody) },
      responses: { 201: json(z.object({ sessionId: z.string(), coderId: z.string() })) },
    }),
    async (c) => {
      const { session } = await visibleSession(ctx, c, c.req.valid("param").id);
      const coderId = c.req.valid("json").coderId;
      const coder = await getUser(db, coderId);
      if (!coder || coder.network_id !== userOf(c).network_id || coder.role !== "coder")
        throw notFound(`coder ${coderId}`);
      await assignCoder(db, coder.id, session.id).catch(() => {
        throw new ApiError("conflict", "the coder is already assigned to this session");
      });
      return c.json({ sessionId: session.id, coderId: coder.id }, 201);
    },
  );
  return app;
}
