// The patient's message language from the therapist's side (issue 14): the language the e-mailed or texted
// link and its reminders are written in. A therapist sets it for their own patient on the patient's page;
// the address and phone stay with the coordinator (contact.ts), and the language reveals neither, so the
// therapist reads and writes only this field. Audited as a change to the patient's contact record.
import { getContact, setContactLanguage } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { MessageLanguage } from "@attune/api";
import { idParam } from "../studies/params.ts";
import { visibleEpisode } from "../policy.ts";

/**
 * GET and PUT /api/episodes/{id}/message-language (the episode's therapist, or a coordinator).
 *
 * @example
 * app.route("/", messageLanguageApi(ctx));
 */
export function messageLanguageApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "get",
      path: "/api/episodes/{id}/message-language",
      summary: "The language of the patient's messages (English unless set)",
      request: idParam,
      responses: { 200: json(MessageLanguage) },
    }),
    async (c) => {
      const e = await visibleEpisode(ctx, c, c.req.valid("param").id);
      const language: MessageLanguage["language"] =
        (await getContact(db, e.patient_id))?.language === "fr" ? "fr" : "en";
      return c.json({ language }, 200);
    },
  );
  app.openapi(
    apiRoute(["coordinator", "therapist"], {
      method: "put",
      path: "/api/episodes/{id}/message-language",
      summary: "Set the language of the patient's messages (e-mailed and texted links, reminders)",
      request: { ...idParam, ...jsonBody(MessageLanguage) },
      responses: { 200: json(MessageLanguage) },
    }),
    async (c) => {
      const e = await visibleEpisode(ctx, c, c.req.valid("param").id);
      const { language } = c.req.valid("json");
      await db.transaction().execute(async (trx) => {
        await setContactLanguage(trx, e.patient_id, language);
        await audit(trx, c, {
          action: "update",
          entity: "patient_contact",
          entityId: e.patient_id,
          detail: { language },
        });
      });
      return c.json({ language }, 200);
    },
  );
  return app;
}
