// Editing a study's measurement schedule while the study is still being set up: allowed until the first
// patient is enrolled or the first randomisation is recorded, refused after with a message that says why
// (the enrolled patients' forms would change under them).
import { replaceSchedule, studyCommitments, type Db, type Study } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError, invalid } from "../errors.ts";
import { audit } from "../audit/record.ts";
import { userOf } from "../auth/principal.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { StudyBody, StudyOut } from "../schemas.ts";
import { studyOf } from "./access.ts";
import { assertScheduleHasWording, studyOut } from "./routes.ts";
import { idParam } from "./schemas.ts";

const ScheduleBody = StudyBody.pick({ schedule: true });

/**
 * Refuses (409, saying why) to change a study's arms or schedule once a patient is enrolled or a therapist
 * randomised or allocated: the change would alter what is asked of them part-way through the study.
 *
 * @example
 * await assertStillInSetUp(trx, study, "arms"); // throws once a therapist is allocated
 */
export async function assertStillInSetUp(db: Db, study: Study, what: "schedule" | "arms"): Promise<void> {
  const done = await studyCommitments(db, study.id);
  const arms = what === "arms";
  const reason =
    done.episodes > 0
      ? `${done.episodes} patient${done.episodes === 1 ? " is" : "s are"} already enrolled`
      : done.randomisations > 0
        ? "therapists were already randomised"
        : arms && done.allocations > 0
          ? `${done.allocations} therapist${done.allocations === 1 ? " is" : "s are"} already allocated to its arms`
          : null;
  if (reason === null) return;
  throw new ApiError(
    "conflict",
    `The ${what} of "${study.name}" can no longer be changed: ${reason}, and changing ${arms ? "them" : "it"} ` +
      `would change ${arms ? "the arms therapists and patients belong to" : "what is asked of them"} part-way ` +
      `through the study. Create a new study for ${arms ? "different arms" : "a different schedule"}.`,
  );
}

/**
 * PUT /api/studies/{id}/schedule.
 *
 * @example
 * app.route("/", scheduleApi(ctx));
 */
export function scheduleApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  app.openapi(
    apiRoute(["coordinator"], {
      method: "put",
      path: "/api/studies/{id}/schedule",
      summary: "Replace a study's measurement schedule (only before the first enrolment or randomisation)",
      request: { ...idParam, ...jsonBody(ScheduleBody) },
      responses: { 200: json(StudyOut) },
    }),
    async (c) => {
      const study = await studyOf(db, c, c.req.valid("param").id);
      const { schedule } = c.req.valid("json");
      for (const [i, s] of schedule.entries())
        if (!ctx.instruments.byUrl(s.questionnaire))
          throw invalid(`unknown questionnaire ${s.questionnaire}`, [
            { where: `schedule row ${i + 1}`, message: `no questionnaire ${s.questionnaire}` },
          ]);
      await assertScheduleHasWording(ctx, userOf(c).network_id, schedule);
      await db.transaction().execute(async (trx) => {
        await assertStillInSetUp(trx, study, "schedule");
        await replaceSchedule(
          trx,
          study.id,
          schedule.map((s) => ({ questionnaireUrl: s.questionnaire, rater: s.rater, sessions: s.sessions })),
        );
        await audit(trx, c, { action: "update", entity: "study_schedule", entityId: study.id });
      });
      return c.json(await studyOut(db, study), 200);
    },
  );
  return app;
}
