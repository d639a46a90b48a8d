// Study maintenance: change a study's arms while it is still being set up (schedule.ts does the schedule),
// and archive a test study or restore it. Archiving keeps everything the study holds; it only takes the
// study off the active list and refuses new enrolments (the episodes route asks `assertActive`).
import { nowIso, replaceArms, setStudyArchived, type Study } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError, invalid } from "../errors.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { ArchiveBody, ArmsBody, StudyOut } from "../schemas.ts";
import { studyOf } from "./access.ts";
import { studyOut } from "./routes.ts";
import { assertStillInSetUp } from "./schedule.ts";
import { idParam } from "./schemas.ts";

/**
 * Refuses (409) to enrol into an archived study, naming it and how to restore it.
 *
 * @example
 * assertActive(study); // throws for an archived study
 */
export function assertActive(study: Study): void {
  if (study.archived_at)
    throw new ApiError(
      "conflict",
      `Study "${study.name}" is archived, so it takes no new patients. Restore it on its study page first.`,
    );
}

/**
 * PUT /api/studies/{id}/arms and PUT /api/studies/{id}/archived.
 *
 * @example
 * app.route("/", studyMaintenanceApi(ctx));
 */
export function studyMaintenanceApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  app.openapi(
    apiRoute(["coordinator"], {
      method: "put",
      path: "/api/studies/{id}/arms",
      summary: "Replace a study's arms (only before any therapist is allocated or patient enrolled)",
      request: { ...idParam, ...jsonBody(ArmsBody) },
      responses: { 200: json(StudyOut) },
    }),
    async (c) => {
      const study = await studyOf(db, c, c.req.valid("param").id);
      const { arms } = c.req.valid("json");
      const seen = new Map<string, number>();
      for (const [i, a] of arms.entries()) {
        const first = seen.get(a.code);
        if (first !== undefined)
          throw invalid(`arm code "${a.code}" is used twice`, [
            { where: `arm row ${i + 1}`, message: `the code "${a.code}" is already arm row ${first + 1}'s` },
          ]);
        seen.set(a.code, i);
      }
      await db.transaction().execute(async (trx) => {
        await assertStillInSetUp(trx, study, "arms");
        await replaceArms(trx, study.id, arms);
        await audit(trx, c, { action: "update", entity: "study_arms", entityId: study.id });
      });
      return c.json(await studyOut(db, study), 200);
    },
  );
  app.openapi(
    apiRoute(["coordinator"], {
      method: "put",
      path: "/api/studies/{id}/archived",
      summary: "Archive a study (no new enrolments; everything kept) or restore it",
      request: { ...idParam, ...jsonBody(ArchiveBody) },
      responses: { 200: json(StudyOut) },
    }),
    async (c) => {
      const study = await studyOf(db, c, c.req.valid("param").id);
      const { archived } = c.req.valid("json");
      const at = archived ? (study.archived_at ?? nowIso()) : null;
      await db.transaction().execute(async (trx) => {
        await setStudyArchived(trx, study.id, at);
        await audit(trx, c, {
          action: archived ? "archive" : "restore",
          entity: "study",
          entityId: study.id,
        });
      });
      return c.json(await studyOut(db, { ...study, archived_at: at }), 200);
    },
  );
  return app;
}
