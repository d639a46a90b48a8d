// A patient declines forms of their link: recorded as declined, so the completion monitor does not
// count them as missed.
import { z } from "@hono/zod-openapi";
import { recordDeclines, FormRepository } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError, invalid } from "../errors.ts";
import { linkFromPath, linkOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";

const DeclineBody = z.object({ forms: z.array(z.string().min(1).max(500)).min(1).max(50) });

/**
 * POST /api/r/{token}/decline.
 *
 * @example
 * app.route("/", declineApi(ctx));
 */
export function declineApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(
      ["patient"],
      {
        method: "post",
        path: "/api/r/{token}/decline",
        summary: "The patient declines forms of their link; recorded as declined (not missed)",
        request: { params: z.object({ token: z.string().min(16).max(128) }), ...jsonBody(DeclineBody) },
        responses: { 200: json(z.object({ declined: z.array(z.string()) })) },
      },
      [linkFromPath(ctx)],
    ),
    async (c) => {
      const link = linkOf(c);
      if (Date.parse(link.expires_at) <= Date.now())
        throw new ApiError("gone", "this link has expired; ask your therapist for a new one");
      const forms = [...new Set(c.req.valid("json").forms)];
      const offered = new Set(JSON.parse(link.forms) as string[]);
      for (const [i, f] of forms.entries())
        if (!offered.has(f))
          throw invalid(`${f} is not a form of this link`, [
            { where: `body.forms.${i}`, message: "not offered" },
          ]);
      const answered = await FormRepository.answeredAt(db, link.session_id, forms);
      if (answered.length)
        throw new ApiError(
          "conflict",
          `already answered: ${answered.map((a) => a.questionnaire_url).join(", ")}`,
        );
      await db.transaction().execute(async (trx) => {
        await recordDeclines(trx, {
          networkId: link.network_id,
          episodeId: link.episode_id,
          sessionId: link.session_id,
          forms,
          linkId: link.id,
        });
        await audit(trx, c, {
          action: "decline",
          entity: "session",
          entityId: link.session_id,
          detail: { forms },
        });
      });
      return c.json({ declined: forms }, 200);
    },
  );
  return app;
}
