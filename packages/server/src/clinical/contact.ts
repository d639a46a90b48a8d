// Editing a patient's contact details (identifying, kept apart from the pseudonymous patient; coordinators
// only, audited). Reading them is GET /api/patients/{id}/contact in routes.ts.
import { getContact, setContact } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { ContactBody, ContactOut } from "../schemas.ts";
import { idParam } from "../studies/schemas.ts";
import { visiblePatient } from "../policy.ts";

/** "" and blanks are no value. */
const clean = (v: string | null): string | null => (v === null || v.trim() === "" ? null : v.trim());

/**
 * PUT /api/patients/{id}/contact.
 *
 * @example
 * app.route("/", contactApi(ctx));
 */
export function contactApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  app.openapi(
    apiRoute(["coordinator"], {
      method: "put",
      path: "/api/patients/{id}/contact",
      summary: "Set a patient's contact details and message language (coordinators only; audited)",
      request: { ...idParam, ...jsonBody(ContactBody) },
      responses: { 200: json(ContactOut) },
    }),
    async (c) => {
      const p = await visiblePatient(ctx, c, c.req.valid("param").id);
      const b = c.req.valid("json");
      const fields = {
        name: clean(b.name),
        email: clean(b.email),
        phone: clean(b.phone),
        language: b.language,
      };
      await db.transaction().execute(async (trx) => {
        const had = await getContact(trx, p.id);
        await setContact(trx, p.id, fields);
        await audit(trx, c, { action: had ? "update" : "create", entity: "patient_contact", entityId: p.id });
      });
      return c.json({ patientId: p.id, ...fields }, 200);
    },
  );
  return app;
}
