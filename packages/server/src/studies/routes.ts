// Studies: create one with its arms and measurement schedule, list the network's, allocate a
// therapist to an arm by hand (randomisation.ts allocates by a recorded randomisation).
import { z } from "@hono/zod-openapi";
import {
  allocate,
  createStudy,
  getUser,
  listArms,
  listSchedule,
  listStudies,
  type Db,
  type Study,
  AllocationRepository,
} from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError, invalid, notFound } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { AllocationBody, StudyBody, StudyOut } from "@attune/api";
import { studyOf } from "./access.ts";
import { idParam } from "./params.ts";
import { formsWithoutWording } from "../instruments/licensed.ts";
import { stripVersion } from "../instruments/catalog.ts";

/**
 * A study as the API answers it: arms and schedule.
 *
 * @example
 * c.json(await studyOut(db, study), 200);
 */
export async function studyOut(db: Db, s: Study) {
  const arms = await listArms(db, s.id);
  const schedule = await listSchedule(db, s.id);
  return {
    id: s.id,
    name: s.name,
    allocation: s.allocation_level,
    archivedAt: s.archived_at ?? null,
    arms: arms.map((a) => ({ id: a.id, code: a.code, name: a.name })),
    schedule: schedule.map((i) => ({
      questionnaire: i.questionnaire_url,
      rater: i.rater,
      sessions: i.sessions === "all" ? ("all" as const) : (JSON.parse(i.sessions) as number[]),
    })),
  };
}

/**
 * Refuses (400) a schedule with a licensed form whose wording this network has not imported: every
 * enrolment would stop at its first link. The message names each form and says where to import it.
 *
 * @example
 * await assertScheduleHasWording(ctx, networkId, [{ questionnaire: waiUrl }]); // throws before an import
 */
export async function assertScheduleHasWording(
  ctx: Ctx,
  networkId: string,
  schedule: readonly { questionnaire: string }[],
): Promise<void> {
  const urls = schedule.map((s) => s.questionnaire);
  const blank = new Set(await formsWithoutWording(ctx.store.db, ctx.instruments, networkId, urls));
  const rows = schedule.flatMap((s, i) => (blank.has(stripVersion(s.questionnaire)) ? [{ s, i }] : []));
  if (rows.length === 0) return;
  const title = (u: string) => ctx.instruments.byUrl(u)?.questionnaire.title ?? u;
  const names = [...new Set(rows.map((r) => `"${title(r.s.questionnaire)}"`))].join(", ");
  throw invalid(
    `${names} ${rows.length === 1 ? "has" : "have"} no wording in this network yet, so no patient or therapist ` +
      "could be shown the form. attune does not ship licensed wording: import the network's licensed text on " +
      "the Instruments page first, or leave the form out of the schedule.",
    rows.map((r) => ({
      where: `schedule row ${r.i + 1}`,
      message: `${title(r.s.questionnaire)} has no wording in this network yet`,
    })),
  );
}

/**
 * POST /api/studies, GET /api/studies and POST /api/studies/{id}/allocations.
 *
 * @example
 * app.route("/", studiesApi(ctx));
 */
export function studiesApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/studies",
      summary: "Create a study with its arms and measurement schedule",
      request: jsonBody(StudyBody),
      responses: { 201: json(StudyOut) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const codes = new Set(b.arms.map((a) => a.code));
      if (codes.size !== b.arms.length) throw invalid("arm codes must be unique within a study");
      for (const [i, s] of b.schedule.entries())
        if (!ctx.instruments.byUrl(s.questionnaire))
          throw invalid(`unknown questionnaire ${s.questionnaire}`, [
            { where: `body.schedule.${i}.questionnaire`, message: `no questionnaire ${s.questionnaire}` },
          ]);
      if (b.allocation === "patient") {
        if (b.arms.length < 2) throw invalid("patient-level randomisation needs at least two arms");
        if (b.blockSize !== undefined && b.blockSize % b.arms.length !== 0)
          throw invalid(`block size ${b.blockSize} is not a multiple of the ${b.arms.length} arms`, [
            { where: "body.blockSize", message: `a multiple of ${b.arms.length}` },
          ]);
      } else if (b.blockSize !== undefined)
        throw invalid(
          "a block size is chosen only with patient-level allocation (therapists are randomised later)",
        );
      await assertScheduleHasWording(ctx, userOf(c).network_id, b.schedule);
      const { study } = await db.transaction().execute((trx) =>
        createStudy(trx, {
          networkId: userOf(c).network_id,
          name: b.name,
          arms: b.arms,
          ...(b.allocation === "patient"
            ? { patientLevel: { blockSize: b.blockSize ?? 2 * b.arms.length } }
            : {}),
          schedule: b.schedule.map((s) => ({
            questionnaireUrl: s.questionnaire,
            rater: s.rater,
            sessions: s.sessions,
          })),
        }),
      );
      return c.json(await studyOut(db, study), 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher"], {
      method: "get",
      path: "/api/studies",
      summary: "The network's studies",
      responses: { 200: json(z.object({ studies: z.array(StudyOut) })) },
    }),
    async (c) => {
      const studies = await listStudies(db, userOf(c).network_id);
      return c.json({ studies: await Promise.all(studies.map((s) => studyOut(db, s))) }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/studies/{id}/allocations",
      summary: "Allocate a therapist to an arm of the study",
      request: { ...idParam, ...jsonBody(AllocationBody) },
      responses: { 201: json(z.object({ studyId: z.string(), therapistId: z.string(), armId: z.string() })) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      const me = userOf(c);
      const study = await studyOf(db, c, id);
      if (study.allocation_level === "patient")
        throw new ApiError(
          "conflict",
          `study ${study.name} randomises patients at enrolment, not therapists`,
        );
      const t = await getUser(db, b.therapistId);
      if (!t || t.network_id !== me.network_id || t.role !== "therapist")
        throw notFound(`therapist ${b.therapistId}`);
      const arm = (await listArms(db, id)).find((a) => a.code === b.armCode);
      if (!arm) throw invalid(`study ${study.name} has no arm ${b.armCode}`);
      const existing = await AllocationRepository.of(db, id, t.id);
      if (existing) throw new ApiError("conflict", `therapist ${t.code} is already allocated in this study`);
      await allocate(db, id, t.id, arm.id);
      return c.json({ studyId: id, therapistId: t.id, armId: arm.id }, 201);
    },
  );
  return app;
}
