// Patients, contact details (coordinators only), episodes, sessions, patient links, coder
// assignment, erasure.
import {
  listSites,
  assignCoder,
  createEpisode,
  createPatient,
  ensureSession,
  erasePatient,
  appendErasureLedger,
  getContact,
  getPatientByCode,
  getStudy,
  getUser,
  listPatients,
  listSessions,
  lastSessionDate,
  setEpisodeEnd,
  setSessionModality,
  type Episode,
  type Patient,
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
  ContactOut,
  EpisodeBody,
  EpisodeEndBody,
  EpisodeOut,
  ErasureBody,
  ErasureOut,
  Id,
  LinkBody,
  LinkOut,
  PatientBody,
  PatientOut,
  SessionBody,
  SessionModalityBody,
  SessionOut,
} from "@attune/api";
import { episodeEndProblem } from "@attune/core";

const idParam = { params: z.object({ id: Id }) };
const patientOut = (p: Patient) => ({ id: p.id, code: p.code, siteId: p.site_id });
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

export function clinicalApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/patients",
      summary: "Register a patient under a pseudonymous code (contact details optional, kept apart)",
      request: jsonBody(PatientBody),
      responses: { 201: json(PatientOut) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const me = userOf(c);
      if (b.siteId && !(await listSites(db, me.network_id)).some((s) => s.id === b.siteId))
        throw notFound(`site ${b.siteId}`);
      if (await getPatientByCode(db, me.network_id, b.code))
        throw new ApiError("conflict", `patient code ${b.code} is already used in this network`);
      const p = await db.transaction().execute(async (trx) => {
        const created = await createPatient(trx, {
          networkId: me.network_id,
          siteId: b.siteId ?? null,
          code: b.code,
          ...(b.contact ? { contact: b.contact } : {}),
        });
        await audit(trx, c, { action: "create", entity: "patient", entityId: created.id });
        if (b.contact)
          await audit(trx, c, { action: "create", entity: "patient_contact", entityId: created.id });
        return created;
      });
      return c.json(patientOut(p), 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher"], {
      method: "get",
      path: "/api/patients",
      summary: "Patients (pseudonymous codes): a therapist sees their own",
      responses: { 200: json(z.object({ patients: z.array(PatientOut) })) },
    }),
    async (c) => {
      const me = userOf(c);
      const list = await listPatients(db, me.network_id, me.role === "therapist" ? me.id : undefined);
      await audit(db, c, { action: "read", entity: "patient", detail: { count: list.length } });
      return c.json({ patients: list.map(patientOut) }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher"], {
      method: "get",
      path: "/api/patients/{id}",
      summary: "One patient (pseudonymous)",
      request: idParam,
      responses: { 200: json(PatientOut) },
    }),
    async (c) => {
      const p = await visiblePatient(ctx, c, c.req.valid("param").id);
      await audit(db, c, { action: "read", entity: "patient", entityId: p.id });
      return c.json(patientOut(p), 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/patients/{id}/contact",
      summary: "A patient's identifying contact details (coordinators only; audited)",
      request: idParam,
      responses: { 200: json(ContactOut) },
    }),
    async (c) => {
      const p = await visiblePatient(ctx, c, c.req.valid("param").id);
      const contact = await getContact(db, p.id);
      await audit(db, c, { action: "read", entity: "patient_contact", entityId: p.id });
      if (!contact) throw notFound(`contact details of patient ${p.code}`);
      const out: ContactOut = {
        patientId: p.id,
        name: contact.name,
        email: contact.email,
        phone: contact.phone,
        language: contact.language === "fr" ? "fr" : contact.language === "en" ? "en" : null,
      };
      return c.json(out, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/patients/{id}/erasure",
      summary: "Erase a patient and all their answers on request (the one deletion; audited)",
      request: { ...idParam, ...jsonBody(ErasureBody) },
      responses: { 200: json(ErasureOut) },
    }),
    async (c) => {
      const p = await visiblePatient(ctx, c, c.req.valid("param").id);
      const me = userOf(c);
      // The ledger first: if it cannot be written nothing is erased, so no erasure is ever missing from it.
      if (ctx.config.erasureLedger)
        appendErasureLedger(ctx.config.erasureLedger, {
          patientId: p.id,
          networkId: me.network_id,
          requestedBy: me.id,
          at: new Date().toISOString(),
        });
      const report = await erasePatient(db, {
        patientId: p.id,
        networkId: me.network_id,
        requestedBy: me.id,
        reason: c.req.valid("json").reason,
      });
      // Another erasure of this patient won the race (it holds the row lock first).
      if (!report) throw notFound(`patient ${p.id}`);
      await ctx.store.checkpoint();
      await audit(db, c, { action: "erase", entity: "patient", entityId: p.id, detail: report });
      return c.json(report, 200);
    },
  );

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
