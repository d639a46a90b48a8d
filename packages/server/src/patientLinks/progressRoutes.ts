// Patients see their own progress (issue 14 item 8). The coordinator turns it on for the network (off by
// default, audited). Then the patient's link, and only it, gives that patient's own series: from the
// moment its answers are sent until PROGRESS_WINDOW_MS later, so the thank-you page can draw it (and a
// phone that lost its connection can ask again). Before the send there is nothing to thank for; after
// the window a used link shows nothing but "already sent", as before: someone who later finds the link
// on a shared phone learns nothing of the patient's scores.
import { getNetwork, setNetworkSharesProgress } from "@attune/db";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError } from "../errors.ts";
import { linkFromPath, linkOf, userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { PatientProgressOut, ProgressSetting } from "@attune/api";
import { patientProgress } from "./progress.ts";

/** How long after sending a link still shows the patient's progress (the answer page's window). */
export const PROGRESS_WINDOW_MS = 30 * 60 * 1000;

const tokenParam = { params: z.object({ token: z.string().min(16).max(128) }) };

/**
 * GET /api/r/{token}/progress (the link's own patient), GET and PUT /api/network/patient-progress
 * (coordinator).
 *
 * @example
 * app.route("/", patientProgressApi(ctx));
 */
export function patientProgressApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  const shares = async (networkId: string) => Number((await getNetwork(db, networkId))?.share_progress) === 1;

  app.openapi(
    apiRoute(
      ["patient"],
      {
        method: "get",
        path: "/api/r/{token}/progress",
        summary:
          "The patient's own well-being and alliance over their sessions, right after they sent this link's answers (if the network shares it)",
        request: tokenParam,
        responses: { 200: json(PatientProgressOut) },
      },
      [linkFromPath(ctx)],
    ),
    async (c) => {
      const link = linkOf(c);
      if (!(await shares(link.network_id)))
        throw new ApiError("not-found", "this network does not show patients their progress");
      if (!link.submitted_at) throw new ApiError("conflict", "send your answers first");
      const until = Date.parse(link.submitted_at) + PROGRESS_WINDOW_MS;
      if (until <= Date.now())
        throw new ApiError(
          "gone",
          "your progress was shown right after you sent your answers; it is not shown again",
        );
      const progress = await patientProgress(db, ctx.instruments, link.network_id, link.episode_id);
      await audit(db, c, { action: "read", entity: "patient_progress", entityId: link.episode_id });
      return c.json({ ...progress, visibleUntil: new Date(until).toISOString() }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/network/patient-progress",
      summary: "Whether patients see their own progress after sending a form",
      responses: { 200: json(ProgressSetting) },
    }),
    async (c) => c.json({ shareProgress: await shares(userOf(c).network_id) }, 200),
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "put",
      path: "/api/network/patient-progress",
      summary: "Show (or stop showing) patients their own progress right after they send a form",
      request: jsonBody(ProgressSetting),
      responses: { 200: json(ProgressSetting) },
    }),
    async (c) => {
      const me = userOf(c);
      const { shareProgress } = c.req.valid("json");
      await db.transaction().execute(async (trx) => {
        await setNetworkSharesProgress(trx, me.network_id, shareProgress);
        await audit(trx, c, {
          action: "update",
          entity: "network",
          entityId: me.network_id,
          detail: { shareProgress },
        });
      });
      return c.json({ shareProgress: await shares(me.network_id) }, 200);
    },
  );
  return app;
}
