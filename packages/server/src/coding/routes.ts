// Observer coding: the coder's list of assigned sessions (with the forms to use and whether they coded
// each), and the coordinator's view of a study's sessions and who codes them. Codes only: a coder never
// sees a patient's identity, and a coordinator needs none to assign.
import { z } from "@hono/zod-openapi";
import {
  formsDue,
  getStudy,
  listCodingAssignments,
  listSchedule,
  listStudySessions,
  type ScheduleItem,
} from "@attune/db";
import { ATTUNE_CANONICAL } from "@attune/core";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { notFound } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { RUPTURE_OBSERVER } from "@attune/core";
import { apiRoute, json } from "../route.ts";
import { Id, MySessionsOut, StudyCodingOut } from "../schemas.ts";

/** Core's project-authored rupture coding form (type, intensity, resolution; uses enableWhen). */
export const RUPTURE_CODING = `${ATTUNE_CANONICAL}/Questionnaire/rupture-coding`;

/**
 * Registers the coding routes on the app.
 *
 * @example
 * registerCodingRoutes(app, ctx); // GET /api/coding/sessions, GET /api/studies/{id}/coding
 */
export function codingApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  /** Without a scheduled observer form: core's rupture coding if the catalog has it, else the demo form. */
  const defaultForms = () => [ctx.instruments.byUrl(RUPTURE_CODING) ? RUPTURE_CODING : RUPTURE_OBSERVER];

  app.openapi(
    apiRoute(["coder"], {
      method: "get",
      path: "/api/coding/sessions",
      summary:
        "The sessions assigned to the signed-in coder: codes, date, study, the observer forms to use (the " +
        "study schedule's observer forms, else rupture coding) and when the coder coded it (null: not yet)",
      responses: { 200: json(MySessionsOut) },
    }),
    async (c) => {
      const me = userOf(c);
      const rows = await listCodingAssignments(db, { networkId: me.network_id, coderId: me.id });
      const schedules = new Map<string, ScheduleItem[]>();
      for (const id of new Set(rows.map((r) => r.studyId).filter((s): s is string => s !== null)))
        schedules.set(id, await listSchedule(db, id));
      const sessions = rows.map((r) => {
        const schedule = (r.studyId ? schedules.get(r.studyId) : undefined) ?? [];
        // Due at this session first; an observer form scheduled at other sessions still applies to an
        // assignment the coordinator chose off-schedule.
        let forms = formsDue(schedule, r.number, "observer");
        if (!forms.length)
          forms = [
            ...new Set(schedule.filter((i) => i.rater === "observer").map((i) => i.questionnaire_url)),
          ];
        forms = forms.filter((u) => ctx.instruments.byUrl(u)?.rater === "observer");
        return {
          sessionId: r.sessionId,
          number: r.number,
          date: r.date,
          patient: r.patientCode,
          therapist: r.therapistCode,
          studyId: r.studyId,
          study: r.studyName,
          forms: forms.length ? forms : defaultForms(),
          codedAt: r.codedAt,
          responses: r.responses.map((x) => ({
            id: x.id,
            questionnaire: x.questionnaireUrl,
            version: x.version,
            submittedAt: x.submittedAt,
          })),
        };
      });
      await audit(db, c, { action: "read", entity: "coder_assignment", detail: { count: sessions.length } });
      return c.json({ sessions }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/studies/{id}/coding",
      summary:
        "A study's sessions (codes, number, date) and their coder assignments, each with when the coder coded it",
      request: { params: z.object({ id: Id }) },
      responses: { 200: json(StudyCodingOut) },
    }),
    async (c) => {
      const me = userOf(c);
      const id = c.req.valid("param").id;
      const study = await getStudy(db, id);
      if (!study || study.network_id !== me.network_id) throw notFound(`study ${id}`);
      const [sessions, assigned] = await Promise.all([
        listStudySessions(db, me.network_id, study.id),
        listCodingAssignments(db, { networkId: me.network_id, studyId: study.id }),
      ]);
      await audit(db, c, { action: "read", entity: "study-coding", entityId: study.id });
      return c.json(
        {
          sessions: sessions.map((s) => ({
            sessionId: s.sessionId,
            number: s.number,
            date: s.date,
            patient: s.patientCode,
            therapist: s.therapistCode,
            studyId: s.studyId,
            study: s.studyName,
          })),
          assignments: assigned.map((a) => ({
            sessionId: a.sessionId,
            coderId: a.coderId,
            coder: a.coderCode,
            codedAt: a.codedAt,
          })),
        },
        200,
      );
    },
  );
  return app;
}
