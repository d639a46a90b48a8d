// FHIR R4: Questionnaire read/search, QuestionnaireResponse create/read/search, corrections.
import type { Context } from "hono";
import type { FhirResource, Questionnaire } from "fhir/r4";
import { z } from "@hono/zod-openapi";
import {
  correctResponse,
  getQuestionnaire,
  getResponse,
  listResponses,
  searchQuestionnaires,
  type QuestionnaireRow,
  type ResponseRow,
} from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { AppEnv, Ctx } from "../context.ts";
import { ApiError, forbidden, invalid, notFound } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { networkOf, visibleEpisode, visiblePatient, visibleSession } from "../policy.ts";
import { apiRoute, json } from "../route.ts";
import { Bundle, FhirResource as FhirSchema, Id } from "@attune/api";
import { searchset, responseResource } from "../fhir/bundle.ts";
import { checkResponse } from "../fhir/qr.ts";
import { store, submitViaLink } from "../submissions.ts";
import { formsForNetwork } from "../instruments/licensed.ts";

const fhirBody = <T extends z.ZodType>(schema: T) =>
  ({
    body: {
      required: true,
      content: { "application/fhir+json": { schema }, "application/json": { schema } },
    },
  }) as const;

const sessionRef = /^Encounter\/([A-Za-z0-9_-]{1,64})$/;

export function fhirApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  const base = ctx.config.publicBaseUrl;

  /**
   * The stored Questionnaires as the caller's network sees them: with the network's licensed wording
   * where it imported one for that (url, version), the stored shell otherwise.
   */
  async function asSeenBy(c: Context<AppEnv>, rows: QuestionnaireRow[]): Promise<Questionnaire[]> {
    const p = c.get("principal");
    // A patient's link shows licensed wording only while it can be answered, and only its own forms.
    if (p.kind === "link" && (p.link.submitted_at || Date.parse(p.link.expires_at) <= Date.now()))
      return rows.map((r) => JSON.parse(r.resource) as Questionnaire);
    const linkForms = p.kind === "link" ? new Set(JSON.parse(p.link.forms) as string[]) : undefined;
    const forms = await formsForNetwork(
      db,
      ctx.instruments,
      networkOf(c),
      rows.map((r) => r.url),
      () => undefined,
    );
    return rows.map((r) => {
      const stored = JSON.parse(r.resource) as Questionnaire;
      const mine = linkForms && !linkForms.has(r.url) ? undefined : forms.get(r.url);
      return mine && (mine.version ?? "1") === r.version ? { ...mine, id: r.id } : stored;
    });
  }

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher", "coder", "patient"], {
      method: "get",
      path: "/api/fhir/Questionnaire/{id}",
      summary: "FHIR read: a Questionnaire",
      request: { params: z.object({ id: Id }) },
      responses: { 200: json(FhirSchema) },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const q = await getQuestionnaire(db, id);
      if (!q) throw notFound(`Questionnaire/${id}`);
      const [form] = await asSeenBy(c, [q]);
      return c.json(form as { resourceType: string }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher", "coder", "patient"], {
      method: "get",
      path: "/api/fhir/Questionnaire",
      summary: "FHIR search: Questionnaires by url, title (contains) or status",
      request: {
        query: z.object({
          url: z.string().max(500).optional(),
          title: z.string().max(200).optional(),
          status: z.enum(["draft", "active", "retired", "unknown"]).optional(),
        }),
      },
      responses: { 200: json(Bundle) },
    }),
    async (c) => {
      const rows = await searchQuestionnaires(db, c.req.valid("query"));
      const forms = await asSeenBy(c, rows);
      return c.json(searchset(base, forms as FhirResource[]) as never, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "coder", "patient"], {
      method: "post",
      path: "/api/fhir/QuestionnaireResponse",
      summary:
        "FHIR create: store a QuestionnaireResponse for a session (encounter = Encounter/<session id>). " +
        "Staff: therapist (own sessions, therapist forms), coder (assigned sessions, observer forms), coordinator. " +
        "Patient: Authorization: Bearer <link token> (one submission per link).",
      request: fhirBody(FhirSchema),
      responses: { 201: json(FhirSchema) },
    }),
    async (c) => {
      const raw = c.req.valid("json");
      const p = c.get("principal");
      if (p.kind === "link") {
        const r = await submitViaLink(ctx, c, p.link, [raw]);
        const row = await getResponse(db, r.ids[0] ?? "");
        if (!row) throw notFound("the stored response");
        return c.json(responseResource(row) as never, 201);
      }
      const ch = checkResponse(ctx, raw, "body");
      const ref = ch.qr.encounter?.reference ?? "";
      const m = sessionRef.exec(ref);
      if (!m) throw invalid(`body.encounter.reference: expected "Encounter/<session id>", got "${ref}"`);
      const { session, episode } = await visibleSession(ctx, c, m[1]!);
      const me = userOf(c);
      const rater = ch.instrument.rater;
      if (me.role === "therapist" && rater !== "therapist")
        throw forbidden(
          `a therapist enters therapist forms only; ${ch.instrument.questionnaire.url} is a ${rater} form`,
        );
      if (me.role === "coder" && rater !== "observer")
        throw forbidden(
          `a coder enters observer codings only; ${ch.instrument.questionnaire.url} is a ${rater} form`,
        );
      const row = await db.transaction().execute(async (trx) => {
        const r = await store(trx, ch, { episode, session, authorKind: "user", authorId: me.id });
        await audit(trx, c, { action: "create", entity: "QuestionnaireResponse", entityId: r.id });
        return r;
      });
      ctx.events.emit({
        networkId: row.network_id,
        episodeId: row.episode_id,
        sessionId: row.session_id,
        rater: row.rater,
      });
      return c.json(responseResource(row) as never, 201);
    },
  );

  async function visibleResponse(c: Parameters<typeof userOf>[0], id: string): Promise<ResponseRow> {
    const row = await getResponse(db, id);
    if (!row || row.network_id !== networkOf(c)) throw notFound(`QuestionnaireResponse/${id}`);
    await visibleSession(ctx, c, row.session_id).catch(() => {
      throw notFound(`QuestionnaireResponse/${id}`);
    });
    // Coders code blind to each other (inter-rater reliability needs independent codings): their own only.
    const me = userOf(c);
    if (me.role === "coder" && (row.rater !== "observer" || row.author_id !== me.id))
      throw notFound(`QuestionnaireResponse/${id}`);
    return row;
  }

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher", "coder"], {
      method: "get",
      path: "/api/fhir/QuestionnaireResponse/{id}",
      summary: "FHIR read: one QuestionnaireResponse (any version)",
      request: { params: z.object({ id: Id }) },
      responses: { 200: json(FhirSchema) },
    }),
    async (c) => {
      const row = await visibleResponse(c, c.req.valid("param").id);
      await audit(db, c, { action: "read", entity: "QuestionnaireResponse", entityId: row.id });
      return c.json(responseResource(row) as never, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher", "coder"], {
      method: "get",
      path: "/api/fhir/QuestionnaireResponse",
      summary: "FHIR search: QuestionnaireResponses by patient, episode or session (newest versions)",
      request: {
        query: z.object({
          patient: Id.optional(),
          episode: Id.optional(),
          session: Id.optional(),
          questionnaire: z.string().max(500).optional(),
          _count: z.coerce.number().int().min(1).max(10_000).optional(),
        }),
      },
      responses: { 200: json(Bundle) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const me = userOf(c);
      if (q.patient) await visiblePatient(ctx, c, q.patient);
      if (q.episode) await visibleEpisode(ctx, c, q.episode);
      if (q.session) await visibleSession(ctx, c, q.session);
      if (me.role === "coder" && !q.session)
        throw invalid("a coder searches by session (the sessions assigned to them)");
      let rows = await listResponses(db, {
        networkId: me.network_id,
        ...(q.patient ? { patientId: q.patient } : {}),
        ...(q.episode ? { episodeId: q.episode } : {}),
        ...(q.session ? { sessionId: q.session } : {}),
        ...(q.questionnaire ? { questionnaireUrl: q.questionnaire } : {}),
        ...(me.role === "therapist" ? { therapistId: me.id } : {}),
        limit: q._count ?? 1000,
      });
      if (me.role === "coder") rows = rows.filter((r) => r.rater === "observer" && r.author_id === me.id);
      await audit(db, c, {
        action: "search",
        entity: "QuestionnaireResponse",
        detail: { ...q, count: rows.length },
      });
      return c.json(searchset(base, rows.map(responseResource)) as never, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "coder"], {
      method: "post",
      path: "/api/fhir/QuestionnaireResponse/{id}/correction",
      summary:
        "Correct a stored response: stores a new version that points at this one (nothing is overwritten). " +
        "Only the newest version can be corrected.",
      request: { params: z.object({ id: Id }), ...fhirBody(FhirSchema) },
      responses: { 201: json(FhirSchema) },
    }),
    async (c) => {
      const prev = await visibleResponse(c, c.req.valid("param").id);
      const me = userOf(c);
      if (me.role === "therapist" && prev.rater !== "therapist")
        throw forbidden("a therapist corrects therapist forms only");
      if (me.role === "coder" && prev.rater !== "observer")
        throw forbidden("a coder corrects observer codings only");
      const ch = checkResponse(ctx, c.req.valid("json"), "body");
      if (ch.instrument.questionnaire.url !== prev.questionnaire_url)
        throw invalid(`body.questionnaire: a correction must answer ${prev.questionnaire_url}`);
      const row = await db
        .transaction()
        .execute(async (trx) => {
          const r = await correctResponse(trx, prev.id, {
            networkId: prev.network_id,
            patientId: prev.patient_id,
            episodeId: prev.episode_id,
            sessionId: prev.session_id,
            questionnaireUrl: prev.questionnaire_url,
            rater: prev.rater,
            authorKind: "user",
            authorId: me.id,
            resource: {
              ...(ch.qr as unknown as Record<string, unknown>),
              subject: { reference: `Patient/${prev.patient_id}` },
              encounter: { reference: `Encounter/${prev.session_id}` },
              status: "amended",
            },
            scores: ch.scores,
          });
          await audit(trx, c, {
            action: "correct",
            entity: "QuestionnaireResponse",
            entityId: r.id,
            detail: { supersedes: prev.id },
          });
          return r;
        })
        .catch((e: unknown) => {
          if (e instanceof Error && /already corrected/.test(e.message))
            throw new ApiError("conflict", e.message);
          throw e;
        });
      return c.json(responseResource(row) as never, 201);
    },
  );
  return app;
}
