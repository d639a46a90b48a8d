// "New session and patient link" on the therapist's patient page, as one operation: the forms are checked
// first (a licensed form without this network's wording is refused before anything is stored), then the
// session and its one-time link are written in one transaction. A second click on the same day, while the
// session it made is still unanswered, makes another link for that same session instead of an empty
// session that the completion monitor would count as forms due.
import { createLink, formsDue, listSchedule, nowIso, newId, type Db, type Episode } from "@attune/db";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { assertFormsHaveWording } from "../links.ts";
import { formsWithoutWording } from "../instruments/licensed.ts";
import { ApiError } from "../errors.ts";
import { visibleEpisode } from "../policy.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { Id, NextSessionBody, NextSessionOut } from "@attune/api";

/**
 * The patient forms of session `number` of an episode: its study schedule's, else every patient form this
 * network can show (shells without wording left out).
 *
 * @example
 * await patientFormsFor(ctx, episode, 3); // ["…/alliance-patient", "…/wellbeing"]
 */
export async function patientFormsFor(ctx: Ctx, episode: Episode, number: number): Promise<string[]> {
  const due = episode.study_id
    ? formsDue(await listSchedule(ctx.store.db, episode.study_id), number, "patient")
    : [];
  if (due.length) return due;
  const all = ctx.instruments
    .all()
    .filter((i) => i.rater === "patient")
    .map((i) => i.questionnaire.url);
  const blank = new Set(await formsWithoutWording(ctx.store.db, ctx.instruments, episode.network_id, all));
  return all.filter((u) => !blank.has(u));
}

/** The episode's newest session when it is on `date` or later and nothing was answered for it yet. */
async function unansweredSessionOn(db: Db, episodeId: string, date: string) {
  const last = await db
    .selectFrom("therapy_sessions")
    .selectAll()
    .where("episode_id", "=", episodeId)
    .orderBy("number", "desc")
    .executeTakeFirst();
  if (!last || last.date === null || last.date < date) return { last, reuse: undefined };
  const answered = await db
    .selectFrom("responses")
    .select("id")
    .where("session_id", "=", last.id)
    .executeTakeFirst();
  return { last, reuse: answered ? undefined : last };
}

/**
 * POST /api/episodes/{id}/next-session-link.
 *
 * @example
 * app.route("/", nextSessionApi(ctx));
 */
export function nextSessionApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "post",
      path: "/api/episodes/{id}/next-session-link",
      summary:
        "Make the next session and its one-time patient link in one step (a second click the same day reuses the unanswered session)",
      request: { params: z.object({ id: Id }), ...jsonBody(NextSessionBody) },
      responses: { 201: json(NextSessionOut) },
    }),
    async (c) => {
      const episode = await visibleEpisode(ctx, c, c.req.valid("param").id);
      const date = c.req.valid("json").date ?? nowIso().slice(0, 10);
      const expiresAt = new Date(Date.now() + ctx.config.linkTtlMs).toISOString();
      // Plan and check first, outside the transaction (the wording lookup reads the network's texts).
      const { last, reuse } = await unansweredSessionOn(db, episode.id, date);
      const number = reuse ? reuse.number : (last?.number ?? 0) + 1;
      const forms = await patientFormsFor(ctx, episode, number);
      // Refused before anything is written: a failed click leaves no empty session behind.
      await assertFormsHaveWording(ctx, episode.network_id, forms);
      const out = await db.transaction().execute(async (trx) => {
        const now = await trx
          .selectFrom("therapy_sessions")
          .select(["id", "number"])
          .where("episode_id", "=", episode.id)
          .orderBy("number", "desc")
          .executeTakeFirst();
        // Two clicks at once: the one that lost the race says so instead of making a second session.
        if (now?.id !== last?.id)
          throw new ApiError(
            "conflict",
            `session ${now?.number ?? number} of this patient was made a moment ago; its link is on the page after a reload`,
          );
        const session = reuse ?? { id: newId(), episode_id: episode.id, number, date, created_at: nowIso() };
        if (!reuse) await trx.insertInto("therapy_sessions").values(session).execute();
        const made = await createLink(trx, {
          networkId: episode.network_id,
          episodeId: episode.id,
          sessionId: session.id,
          forms,
          expiresAt,
          createdBy: userOf(c).id,
        });
        await audit(trx, c, { action: "create", entity: "patient_link", entityId: made.link.id });
        return { session, token: made.token };
      });
      return c.json(
        {
          sessionId: out.session.id,
          number: Number(out.session.number),
          date: out.session.date,
          reused: reuse !== undefined,
          url: `${ctx.config.publicBaseUrl}/r/${out.token}`,
          expiresAt,
          forms,
        },
        201,
      );
    },
  );
  return app;
}
