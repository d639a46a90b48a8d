// "New session and patient link" on the therapist's patient page, as one operation: the forms are checked
// first (a licensed form without this network's wording is refused before anything is stored), then the
// session and its one-time link are written in one transaction. A second click on the same day, while the
// session it made is still unanswered, makes another link for that same session instead of an empty
// session that the completion monitor would count as forms due. A session can be scheduled ahead (a day
// and a time): its link opens on that day in the clinic's time zone, not before (schedule.ts).
import {
  createLink,
  formsDue,
  listSchedule,
  nowIso,
  newId,
  SessionRepository,
  type Db,
  type Episode,
} from "@attune/db";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { assertFormsHaveWording } from "../links.ts";
import { formsWithoutWording } from "../instruments/licensed.ts";
import { ApiError, invalid } from "../errors.ts";
import { dayStart, isTimeZone } from "./schedule.ts";
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

type SessionRow = { id: string; number: number; date: string | null; time: string | null };

/**
 * Which session the link is for: the newest one again (`reuse`, or a second click for the same day while it
 * is unanswered), else a new one after it. A new session may not be dated before an unanswered session
 * already scheduled later (the numbers would run against the calendar).
 */
async function plan(
  db: Db,
  episodeId: string,
  date: string,
  reuse: boolean,
): Promise<{ last: SessionRow | undefined; again: SessionRow | undefined }> {
  const last = await SessionRepository.newest(db, episodeId);
  const answered = last !== undefined && (await SessionRepository.answered(db, last.id));
  if (reuse) {
    if (!last)
      throw new ApiError("conflict", "this patient has no session yet: make the first session instead");
    if (answered)
      throw new ApiError(
        "conflict",
        `session ${last.number} already has answers: a new link for it would ask again; make the next session instead`,
      );
    return { last, again: last };
  }
  if (!last || answered || last.date === null || last.date < date) return { last, again: undefined };
  if (last.date > date)
    throw new ApiError(
      "conflict",
      `session ${last.number} is already scheduled for ${last.date}, after ${date}, and has no answers yet: choose ${last.date} or a later day`,
      [{ where: "date", message: `before the unanswered session ${last.number} of ${last.date}` }],
    );
  return { last, again: last };
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
      const body = c.req.valid("json");
      const date = body.date ?? nowIso().slice(0, 10);
      const timeZone = body.timeZone ?? "UTC";
      if (!isTimeZone(timeZone))
        throw invalid(`unknown time zone "${timeZone}"`, [
          { where: "timeZone", message: `"${timeZone}" is not an IANA time zone (e.g. Europe/Paris)` },
        ]);
      // Plan and check first, outside the transaction (the wording lookup reads the network's texts).
      const { last, again } = await plan(db, episode.id, date, body.reuse === true);
      const number = again ? again.number : (last?.number ?? 0) + 1;
      const day = again?.date ?? date;
      // The link works from the start of the session's day in the clinic; its lifetime counts from then.
      const opensAt = dayStart(day, timeZone);
      const expiresAt = new Date(
        Math.max(Date.now(), Date.parse(opensAt)) + ctx.config.linkTtlMs,
      ).toISOString();
      const forms = await patientFormsFor(ctx, episode, number);
      // Refused before anything is written: a failed click leaves no empty session behind.
      await assertFormsHaveWording(ctx, episode.network_id, forms);
      const out = await db.transaction().execute(async (trx) => {
        const now = await SessionRepository.newest(trx, episode.id);
        // Two clicks at once: the one that lost the race says so instead of making a second session.
        if (now?.id !== last?.id)
          throw new ApiError(
            "conflict",
            `session ${now?.number ?? number} of this patient was made a moment ago; its link is on the page after a reload`,
          );
        const time = body.time ?? again?.time ?? null;
        const session = again ? { ...again, time } : { id: newId(), number, date, time };
        if (!again)
          await SessionRepository.insert(trx, { ...session, episode_id: episode.id, created_at: nowIso() });
        else if (body.time && body.time !== again.time)
          await SessionRepository.setTime(trx, again.id, body.time);
        const made = await createLink(trx, {
          networkId: episode.network_id,
          episodeId: episode.id,
          sessionId: session.id,
          forms,
          expiresAt,
          opensAt,
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
          time: out.session.time,
          opensAt,
          reused: again !== undefined,
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
