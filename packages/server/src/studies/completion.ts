// The completion monitor (which scheduled forms are done, declined, open, late or missed, per site,
// therapist and patient) and the reminder list built from it (a one-time link per session with open
// patient forms).
import { z } from "@hono/zod-openapi";
import { completionData, getEpisode, getSession, listSchedule, type Study } from "@attune/db";
import { assembleCompletion, countCompletion, type FormStatus, type ScheduleLine } from "@attune/core";
import { IMPORTED_PATIENT, IMPORTED_THERAPIST, totalsSourceUrl } from "@attune/core";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { assertFormsHaveWording, issueLink } from "../links.ts";
import { audit } from "../audit/record.ts";
import { sendPatientLink } from "../messaging/hooks.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { studyOf } from "./access.ts";
import { CompletionOut, CompletionQuery, ReminderOut, RemindersBody } from "@attune/api";
import { idParam, NO_SITE } from "./params.ts";

/** Imported, already-scored answers (long CSV, REDCap) arrive on a carrier form per rater. */
const CARRIERS = new Map<string, ScheduleLine["rater"]>([
  [IMPORTED_PATIENT, "patient"],
  [IMPORTED_THERAPIST, "therapist"],
]);

/**
 * The study's completion: every patient's scheduled forms and their status at `now`.
 *
 * @example
 * const { patients } = await studyCompletion(ctx, study, { lateAfterDays: 3 });
 */
export async function studyCompletion(
  ctx: Ctx,
  study: Study,
  o: { now?: string | undefined; lateAfterDays?: number | undefined; missedAfterDays?: number | undefined },
) {
  const now = o.now ?? new Date().toISOString();
  const db = ctx.store.db;
  const schedule: ScheduleLine[] = (await listSchedule(db, study.id)).map((i) => ({
    questionnaire: i.questionnaire_url,
    rater: i.rater,
    sessions: i.sessions === "all" ? "all" : (JSON.parse(i.sessions) as number[]),
  }));
  const d = await completionData(db, study.network_id, study.id);
  const assembled = assembleCompletion(
    {
      schedule,
      episodes: d.episodes,
      sessions: d.sessions.map((s) => ({
        id: s.id,
        episodeId: s.episode_id,
        number: Number(s.number),
        date: s.date,
      })),
      // An imported total completes its own form (its carrier names the form it follows).
      answered: d.answered.map((a) => ({
        sessionId: a.session_id,
        questionnaire: totalsSourceUrl(a.questionnaire_url),
      })),
      declined: d.declined.map((a) => ({ sessionId: a.session_id, questionnaire: a.questionnaire_url })),
      carriers: CARRIERS,
    },
    {
      now,
      ...(o.lateAfterDays !== undefined ? { lateAfterDays: o.lateAfterDays } : {}),
      ...(o.missedAfterDays !== undefined ? { missedAfterDays: o.missedAfterDays } : {}),
    },
  );
  const patients = assembled.map((p) => ({ ...p, site: p.episode.site_name ?? NO_SITE }));
  return { now, patients };
}

/**
 * GET /api/studies/{id}/completion and POST /api/studies/{id}/reminders.
 *
 * @example
 * app.route("/", completionApi(ctx));
 */
export function completionApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/studies/{id}/completion",
      summary:
        "Completion monitor: per site, therapist and patient, the forms the schedule made due and whether each " +
        "is done, declined, open, late, missed (or upcoming)",
      request: { ...idParam, query: CompletionQuery },
      responses: { 200: json(CompletionOut) },
    }),
    async (c) => {
      const study = await studyOf(db, c, c.req.valid("param").id);
      const q = c.req.valid("query");
      // A bad `now` or thresholds throw InputError, which the app answers as "invalid" (app.ts).
      const r = await studyCompletion(ctx, study, q);
      const group = (key: (p: (typeof r.patients)[number]) => string) => {
        const m = new Map<string, FormStatus[]>();
        for (const p of r.patients) m.set(key(p), [...(m.get(key(p)) ?? []), ...p.forms]);
        return m;
      };
      const therapistSite = new Map(r.patients.map((p) => [p.episode.therapist_code, p.site]));
      await audit(db, c, { action: "read", entity: "completion", entityId: study.id });
      return c.json(
        {
          now: r.now,
          totals: countCompletion(r.patients.flatMap((p) => p.forms)),
          sites: [...group((p) => p.site)].map(([site, f]) => ({ site, counts: countCompletion(f) })),
          therapists: [...group((p) => p.episode.therapist_code)].map(([therapist, f]) => ({
            therapist,
            site: therapistSite.get(therapist) ?? NO_SITE,
            counts: countCompletion(f),
          })),
          patients: r.patients.map((p) => ({
            patientId: p.episode.patient_id,
            episodeId: p.episode.id,
            lastSession: p.lastSession,
            patient: p.episode.patient_code,
            therapist: p.episode.therapist_code,
            site: p.site,
            counts: countCompletion(p.forms),
            forms: p.forms,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/studies/{id}/reminders",
      summary:
        "The reminder list: every session with open or late patient forms, each with a new one-time patient " +
        "link for exactly those forms, ready to send",
      request: { ...idParam, ...jsonBody(RemindersBody) },
      responses: { 201: json(z.object({ reminders: z.array(ReminderOut) })) },
    }),
    async (c) => {
      const study = await studyOf(db, c, c.req.valid("param").id);
      const b = c.req.valid("json");
      // A bad `now` or thresholds throw InputError, which the app answers as "invalid" (app.ts).
      const r = await studyCompletion(ctx, study, b);
      const expiresAt = new Date(
        Date.now() + (b.expiresInHours ? b.expiresInHours * 3600_000 : ctx.config.linkTtlMs),
      );
      const reminders: z.infer<typeof ReminderOut>[] = [];
      const open = (p: (typeof r.patients)[number]) =>
        p.forms.filter((f) => f.rater === "patient" && (f.status === "open" || f.status === "late"));
      // Checked before any link is made: the list is all or nothing, never links to blank questions.
      await assertFormsHaveWording(
        ctx,
        study.network_id,
        r.patients.flatMap((p) => open(p).map((f) => f.questionnaire)),
      );
      for (const p of r.patients) {
        const bySession = new Map<string, FormStatus[]>();
        for (const f of open(p)) bySession.set(f.sessionId, [...(bySession.get(f.sessionId) ?? []), f]);
        for (const [sessionId, forms] of bySession) {
          const session = await getSession(db, sessionId);
          const episode = await getEpisode(db, p.episode.id);
          if (!session || !episode) continue;
          const link = await issueLink(ctx, c, {
            episode,
            session,
            forms: forms.map((f) => f.questionnaire),
            expiresAt,
          });
          reminders.push({
            patientId: p.episode.patient_id,
            patient: p.episode.patient_code,
            therapist: p.episode.therapist_code,
            site: p.site,
            session: session.number,
            status: forms.some((f) => f.status === "late") ? "late" : "open",
            forms: link.forms,
            url: link.url,
            expiresAt: link.expiresAt,
            ...(b.send
              ? {
                  delivery: await sendPatientLink(ctx, c, {
                    episode,
                    session,
                    link,
                    kind: "patient-reminder",
                  }),
                }
              : {}),
          });
        }
      }
      return c.json({ reminders }, 201);
    },
  );
  return app;
}
