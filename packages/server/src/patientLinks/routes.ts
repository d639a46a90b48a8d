// The patient's one-time link: read the forms, submit the answers (idempotent).
import { z } from "@hono/zod-openapi";
import { declinedForms, getSession } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { linkFromPath, linkOf } from "../auth/principal.ts";
import { ApiError } from "../errors.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { LinkFormOut, SubmitBody, SubmitOut } from "../schemas.ts";
import { submitViaLink } from "../submissions.ts";
import { formsForNetwork } from "../instruments/licensed.ts";
import { stripVersion } from "../instruments/catalog.ts";

const tokenParam = { params: z.object({ token: z.string().min(16).max(128) }) };

export function patientLinkApi(ctx: Ctx): Api {
  const app = newApi();
  app.openapi(
    apiRoute(
      ["patient"],
      {
        method: "get",
        path: "/api/r/{token}",
        summary: "The forms of a patient link (the token in the path is the credential)",
        request: tokenParam,
        responses: { 200: json(LinkFormOut) },
      },
      [linkFromPath(ctx)],
    ),
    async (c) => {
      const link = linkOf(c);
      if (!link.submitted_at && Date.parse(link.expires_at) <= Date.now())
        throw new ApiError("gone", "this link has expired; ask your therapist for a new one");
      const session = await getSession(ctx.store.db, link.session_id);
      // Before the session's day the link says when it opens and shows no form (scheduled ahead).
      const early = !link.submitted_at && link.opens_at !== null && Date.parse(link.opens_at) > Date.now();
      const forms = early ? [] : (JSON.parse(link.forms) as string[]);
      const declined = await declinedForms(ctx.store.db, link.session_id);
      // The link's network decides the wording: its licensed text where imported, the shell otherwise.
      const shown = await formsForNetwork(
        ctx.store.db,
        ctx.instruments,
        link.network_id,
        forms,
        (u) => ctx.instruments.byUrl(u)?.questionnaire,
      );
      return c.json(
        {
          session: session?.number ?? 0,
          expiresAt: link.expires_at,
          submitted: link.submitted_at !== null,
          opensAt: link.opens_at,
          sessionDate: session?.date ?? null,
          sessionTime: session?.time ?? null,
          // A used link shows no wording any more (licensed text is for answering, once).
          questionnaires: link.submitted_at
            ? []
            : forms.flatMap((f) => {
                const q = shown.get(stripVersion(f));
                return q ? [q as unknown as { resourceType: string }] : [];
              }),
          declined: declined.filter((f) => forms.includes(f)),
        },
        200,
      );
    },
  );

  app.openapi(
    apiRoute(
      ["patient"],
      {
        method: "post",
        path: "/api/r/{token}/submit",
        summary: "Submit the answers of a patient link; a retry returns the first result",
        request: { ...tokenParam, ...jsonBody(SubmitBody) },
        responses: { 200: json(SubmitOut, "stored now or earlier (replayed)") },
      },
      [linkFromPath(ctx)],
    ),
    async (c) => {
      const result = await submitViaLink(ctx, c, linkOf(c), c.req.valid("json").responses);
      return c.json(result, 200);
    },
  );
  return app;
}
