// The therapist's dashboard: caseload ordered by what needs attention, one dyad's feedback (both
// alliance lines, well-being with its expected band, alerts with why), the attunement profile, and
// server-sent events announcing new responses.
import { z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { getUserByCode, upcomingSessions, EpisodeRepository } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { notFound } from "../errors.ts";
import { networkOf, visibleEpisode } from "../policy.ts";
import { apiRoute, json } from "../route.ts";
import { ratingDue } from "./ratingDue.ts";
import { AttunementOut, CaseloadOut, CaseloadQuery, EpisodeFeedbackOut, Id } from "@attune/api";
import { episodeView } from "./episodeView.ts";
import { progressPdf } from "./progressPdf.ts";
import { attentionScore, unacknowledgedAlerts } from "./alertOrder.ts";
import { attunementOf, dashboardOutcome, episodeFeedback } from "./feedback.ts";

const STAFF_VIEW = ["therapist", "coordinator"] as const;

export function dashboardApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(STAFF_VIEW, {
      method: "get",
      path: "/api/dashboard/caseload",
      summary: "The caseload, most urgent first: latest ratings, congruence and open alerts per patient",
      request: { query: CaseloadQuery },
      responses: { 200: json(CaseloadOut) },
    }),
    async (c) => {
      const me = userOf(c);
      const network = networkOf(c);
      const wanted = c.req.valid("query").therapist;
      let therapist = me.role === "therapist" ? me : undefined;
      if (me.role === "coordinator" && wanted) {
        therapist = await getUserByCode(db, network, wanted);
        if (!therapist || therapist.role !== "therapist") throw notFound(`therapist ${wanted}`);
      }
      const eps = await EpisodeRepository.caseload(db, network, therapist?.id);
      const fb = await episodeFeedback(
        ctx,
        network,
        eps.map((e) => e.id),
        false,
      );
      // From yesterday in UTC: a clinic west of UTC is still on the previous day (the page keeps its own day).
      const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const upcoming = await upcomingSessions(
        db,
        eps.map((e) => e.id),
        from,
      );
      const patients = eps.map((e, i) => {
        const f = fb[i]!;
        const next = upcoming.find((u) => u.episode_id === e.id);
        const rated = f.series.filter(
          (x) => x.alliancePatient !== null || x.allianceTherapist !== null || x.outcome !== null,
        );
        const last = rated.at(-1) ?? null;
        const point = f.feedback.congruence.filter((x) => x.gap !== null).at(-1);
        return {
          episodeId: e.id,
          patientId: e.patient_id,
          patientCode: e.patient,
          therapistCode: e.therapist,
          lastSession: last?.session ?? null,
          last,
          gap: point?.gap ?? null,
          direction: point?.direction ?? null,
          awaitingTherapist: ratingDue(f.series).due !== null,
          alerts: unacknowledgedAlerts(f),
          attention: attentionScore(f),
          next: next ? { session: Number(next.number), date: next.date!, time: next.time } : null,
        };
      });
      patients.sort((a, b) => a.attention - b.attention || a.patientCode.localeCompare(b.patientCode));
      await audit(db, c, {
        action: "read",
        entity: "caseload",
        entityId: therapist?.id ?? null,
        detail: { patients: patients.length },
      });
      return c.json(
        {
          therapist: therapist
            ? { id: therapist.id, code: therapist.code, name: therapist.display_name }
            : null,
          model: fb[0]?.model ?? { source: "built-in", note: "" },
          outcome: await dashboardOutcome(ctx, network),
          patients,
        },
        200,
      );
    },
  );

  app.openapi(
    apiRoute(STAFF_VIEW, {
      method: "get",
      path: "/api/dashboard/episodes/{id}",
      summary:
        "One dyad: both alliance lines, congruence, the network's outcome (well-being, PHQ-9, ...) with its expected band, alerts with why",
      request: { params: z.object({ id: Id }) },
      responses: { 200: json(EpisodeFeedbackOut) },
    }),
    async (c) => {
      const ep = await visibleEpisode(ctx, c, c.req.valid("param").id);
      const view = await episodeView(ctx, ep);
      await audit(db, c, { action: "read", entity: "episode", entityId: ep.id });
      return c.json(view as never, 200);
    },
  );

  app.openapi(
    apiRoute(STAFF_VIEW, {
      method: "get",
      path: "/api/dashboard/episodes/{id}/report.pdf",
      summary:
        "The patient's progress report as a PDF (both alliance lines, the outcome against its expected band, alerts with what was done and the therapist's notes), from the same data as the patient's page",
      request: {
        params: z.object({ id: Id }),
        query: z.object({ lang: z.enum(["en", "fr"]).optional() }),
      },
      responses: {
        200: { description: "application/pdf", content: { "application/pdf": { schema: z.string() } } },
      },
    }),
    async (c) => {
      const ep = await visibleEpisode(ctx, c, c.req.valid("param").id);
      const view = await episodeView(ctx, ep);
      const lang = c.req.valid("query").lang ?? (userOf(c).language === "fr" ? "fr" : "en");
      const pdf = await progressPdf(view, lang, new Date().toISOString().slice(0, 10));
      await audit(db, c, {
        action: "export",
        entity: "episode",
        entityId: ep.id,
        detail: { what: "progress report pdf" },
      });
      return c.body(new Uint8Array(pdf), 200, {
        "content-type": "application/pdf",
        "x-content-type-options": "nosniff",
        "content-disposition": `attachment; filename="attune-progress-${view.patientCode}.pdf"`,
      }) as never;
    },
  );

  app.openapi(
    apiRoute(["therapist"], {
      method: "get",
      path: "/api/dashboard/attunement",
      summary:
        "The therapist's attunement profile (truth-and-bias model on the network's data) and the network's",
      responses: { 200: json(AttunementOut) },
    }),
    async (c) => {
      const me = userOf(c);
      return c.json(await attunementOf(ctx, me.network_id, me.code), 200);
    },
  );

  app.openapi(
    apiRoute(STAFF_VIEW, {
      method: "get",
      path: "/api/dashboard/events",
      summary:
        "Server-sent events: `response` with {episodeId, sessionId, rater} when a visible dyad gets an answer",
      responses: { 200: { description: "text/event-stream" } },
    }),
    (c) => {
      const me = userOf(c);
      return streamSSE(c, async (stream) => {
        const visible = async (episodeId: string) =>
          me.role === "coordinator" || (await EpisodeRepository.isTherapistOf(db, me.id, episodeId));
        const off = ctx.events.on((e) => {
          if (e.networkId !== me.network_id) return;
          // The stream or the store may close while the check runs (client gone, server shutting down):
          // a notification that cannot be delivered is dropped, never an unhandled rejection.
          visible(e.episodeId)
            .then((ok) =>
              ok && !stream.aborted && !stream.closed
                ? stream.writeSSE({
                    event: "response",
                    data: JSON.stringify({ episodeId: e.episodeId, sessionId: e.sessionId, rater: e.rater }),
                  })
                : undefined,
            )
            .catch(() => undefined);
        });
        stream.onAbort(off);
        await stream.writeSSE({ event: "ready", data: "{}" });
        while (!stream.aborted && !stream.closed) {
          await stream.sleep(15_000);
          if (!stream.aborted) await stream.writeSSE({ event: "ping", data: "{}" });
        }
        off();
      }) as never;
    },
  );
  return app;
}
