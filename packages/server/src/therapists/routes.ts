// Therapist-level data: a coordinator declares the attributes and once-only questionnaires; a
// therapist enters their own values and answers (a coordinator may enter anyone's). Researchers read
// them only as therapist-level columns of the pseudonymised analysis table, never here.
import { z } from "@hono/zod-openapi";
import {
  attributeValues,
  declareTherapistQuestionnaire,
  defineAttribute,
  getUser,
  listAttributes,
  listTherapistQuestionnaires,
  listTherapistResponses,
  listUsers,
  recordTherapistResponse,
  setAttributeValues,
  type Db,
  type User,
} from "@attune/db";
import { attributeDefProblem, onceOnlyRefusal } from "@attune/core";
import type { Context } from "hono";
import { newApi, type Api } from "../hono.ts";
import type { AppEnv, Ctx } from "../context.ts";
import { ApiError, invalid, notFound } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { checkResponse } from "../fhir/qr.ts";
import {
  Id,
  TherapistAttributeBody,
  TherapistAttributeOut,
  TherapistAttributesOut,
  TherapistProfileOut,
  TherapistProfilesOut,
  TherapistQuestionnaireBody,
  TherapistResponseBody,
  TherapistValuesBody,
} from "@attune/api";
import { checkedValues } from "./values.ts";

const idParam = { params: z.object({ id: Id }) };

/** The therapist `id` if the caller may read and write their data: a coordinator of the network, or themself. */
async function therapistFor(db: Db, c: Context<AppEnv>, id: string): Promise<User> {
  const me = userOf(c);
  const t = await getUser(db, id);
  // Another network's id, a non-therapist, or another therapist: 404 (never confirm what exists).
  if (!t || t.network_id !== me.network_id || t.role !== "therapist") throw notFound(`therapist ${id}`);
  if (me.role === "therapist" && me.id !== t.id) throw notFound(`therapist ${id}`);
  return t;
}

async function profiles(db: Db, networkId: string, only?: User) {
  const therapists = only ? [only] : await listUsers(db, networkId, "therapist");
  const defs = await listAttributes(db, networkId);
  const values = await attributeValues(db, networkId, only?.id);
  const answers = await listTherapistResponses(db, networkId, only?.id);
  const kind = new Map(defs.map((d) => [d.code, d.kind]));
  return therapists.map((t) => {
    const mine: Record<string, number | string | null> = Object.fromEntries(defs.map((d) => [d.code, null]));
    for (const v of values)
      if (v.therapist_id === t.id) mine[v.code] = kind.get(v.code) === "numeric" ? Number(v.value) : v.value;
    return {
      therapistId: t.id,
      therapist: t.code,
      values: mine,
      answered: answers
        .filter((a) => a.therapist_id === t.id)
        .map((a) => ({
          questionnaire: a.questionnaire_url,
          scores: JSON.parse(a.scores) as Record<string, number>,
          submittedAt: a.submitted_at,
        })),
    };
  });
}

/**
 * The therapist-data API: declarations, profiles, values, once-only answers.
 *
 * @example
 * app.route("/", therapistDataApi(ctx));
 */
export function therapistDataApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher"], {
      method: "get",
      path: "/api/therapist-attributes",
      summary:
        "What the network collects about its therapists: the declared attributes (analysis-table columns) and " +
        "the questionnaires each therapist answers once",
      responses: { 200: json(TherapistAttributesOut) },
    }),
    async (c) => {
      const net = userOf(c).network_id;
      const questionnaires = (await listTherapistQuestionnaires(db, net)).map((url) => ({
        url,
        title: ctx.instruments.byUrl(url)?.questionnaire.title ?? url,
      }));
      return c.json({ attributes: await listAttributes(db, net), questionnaires }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/therapist-attributes",
      summary:
        "Declare a therapist attribute (numeric or categorical); its code is its analysis-table column",
      request: jsonBody(TherapistAttributeBody),
      responses: { 201: json(TherapistAttributeOut) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const me = userOf(c);
      const def = { code: b.code, label: b.label, kind: b.kind, ...(b.levels ? { levels: b.levels } : {}) };
      const problem = attributeDefProblem(def);
      if (problem) throw invalid(problem, [{ where: "body", message: problem }]);
      if ((await listAttributes(db, me.network_id)).some((a) => a.code === b.code))
        throw new ApiError("conflict", `the network already has a therapist attribute "${b.code}"`);
      const out = await db.transaction().execute(async (trx) => {
        const a = await defineAttribute(trx, { ...def, networkId: me.network_id, by: me.id });
        await audit(trx, c, { action: "create", entity: "therapist_attribute", entityId: a.id, detail: def });
        return a;
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/therapist-questionnaires",
      summary: "Ask every therapist of the network to answer a questionnaire once (at enrolment)",
      request: jsonBody(TherapistQuestionnaireBody),
      responses: { 201: json(TherapistAttributesOut) },
    }),
    async (c) => {
      const url = c.req.valid("json").questionnaire;
      const me = userOf(c);
      const inst = ctx.instruments.byUrl(url);
      if (!inst)
        throw invalid(`unknown questionnaire ${url}`, [
          { where: "body.questionnaire", message: `no questionnaire ${url}` },
        ]);
      const refused = onceOnlyRefusal(inst.definition);
      if (refused) throw invalid(refused, [{ where: "body.questionnaire", message: refused }]);
      await db.transaction().execute(async (trx) => {
        await declareTherapistQuestionnaire(trx, {
          networkId: me.network_id,
          questionnaireUrl: url,
          by: me.id,
        });
        await audit(trx, c, { action: "create", entity: "therapist_questionnaire", detail: { url } });
      });
      const questionnaires = (await listTherapistQuestionnaires(db, me.network_id)).map((u) => ({
        url: u,
        title: ctx.instruments.byUrl(u)?.questionnaire.title ?? u,
      }));
      return c.json({ attributes: await listAttributes(db, me.network_id), questionnaires }, 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "get",
      path: "/api/therapist-profiles",
      summary:
        "Therapists' attribute values and once-only answers: a coordinator reads every therapist of the network, " +
        "a therapist their own",
      responses: { 200: json(TherapistProfilesOut) },
    }),
    async (c) => {
      const me = userOf(c);
      const list = await profiles(db, me.network_id, me.role === "therapist" ? me : undefined);
      return c.json({ therapists: list }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "put",
      path: "/api/therapists/{id}/attributes",
      summary:
        "Set a therapist's attribute values (a coordinator for anyone, a therapist their own); null removes one",
      request: { ...idParam, ...jsonBody(TherapistValuesBody) },
      responses: { 200: json(TherapistProfileOut) },
    }),
    async (c) => {
      const t = await therapistFor(db, c, c.req.valid("param").id);
      const defs = await listAttributes(db, t.network_id);
      const values = checkedValues(defs, c.req.valid("json").values);
      await db.transaction().execute(async (trx) => {
        await setAttributeValues(trx, { therapistId: t.id, values, source: "entered", by: userOf(c).id });
        await audit(trx, c, {
          action: "update",
          entity: "therapist_attributes",
          entityId: t.id,
          detail: Object.fromEntries(
            values.map((v) => [defs.find((d) => d.id === v.attributeId)?.code, v.value]),
          ),
        });
      });
      const [p] = await profiles(db, t.network_id, t);
      return c.json(p!, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "post",
      path: "/api/therapists/{id}/questionnaire-responses",
      summary:
        "A therapist's answer to a once-only therapist questionnaire (FHIR QuestionnaireResponse), checked and " +
        "scored like every other answer; a second answer is refused (409)",
      request: { ...idParam, ...jsonBody(TherapistResponseBody) },
      responses: { 201: json(TherapistProfileOut) },
    }),
    async (c) => {
      const t = await therapistFor(db, c, c.req.valid("param").id);
      const checked = checkResponse(ctx, c.req.valid("json"), "body");
      const url = checked.instrument.questionnaire.url;
      const asked = await listTherapistQuestionnaires(db, t.network_id);
      if (!asked.some((u) => u.split("|")[0] === url.split("|")[0]))
        throw invalid(`the network does not ask its therapists to answer ${url} once`, [
          { where: "body.questionnaire", message: "not a once-only therapist questionnaire of this network" },
        ]);
      const qr = { ...checked.qr, authored: new Date().toISOString() };
      const stored = await db.transaction().execute(async (trx) => {
        const r = await recordTherapistResponse(trx, {
          networkId: t.network_id,
          therapistId: t.id,
          questionnaireUrl: url,
          resource: qr,
          scores: checked.scores,
          authorId: userOf(c).id,
        });
        if (r)
          await audit(trx, c, {
            action: "create",
            entity: "therapist_response",
            entityId: r.id,
            detail: { url },
          });
        return r;
      });
      if (!stored) throw new ApiError("conflict", `therapist ${t.code} has already answered ${url}`);
      const [p] = await profiles(db, t.network_id, t);
      return c.json(p!, 201);
    },
  );
  return app;
}
