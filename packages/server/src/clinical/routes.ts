// Patients, contact details (coordinators only) and erasure; episodes, sessions, patient links and
// coder assignment are mounted from episodes.ts.
import {
  listSites,
  createPatient,
  erasePatient,
  appendErasureLedger,
  getContact,
  getPatientByCode,
  listPatients,
  type Patient,
} from "@attune/db";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { episodesApi } from "./episodes.ts";
import { visiblePatient } from "../policy.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { ContactOut, ErasureBody, ErasureOut, Id, PatientBody, PatientOut } from "@attune/api";

const idParam = { params: z.object({ id: Id }) };
const patientOut = (p: Patient) => ({ id: p.id, code: p.code, siteId: p.site_id });

/**
 * The clinical record's routes: patients here, episodes and sessions from {@link episodesApi}.
 *
 * @example
 * app.route("/", clinicalApi(ctx));
 */
export function clinicalApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/patients",
      summary: "Register a patient under a pseudonymous code (contact details optional, kept apart)",
      request: jsonBody(PatientBody),
      responses: { 201: json(PatientOut) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const me = userOf(c);
      if (b.siteId && !(await listSites(db, me.network_id)).some((s) => s.id === b.siteId))
        throw notFound(`site ${b.siteId}`);
      if (await getPatientByCode(db, me.network_id, b.code))
        throw new ApiError("conflict", `patient code ${b.code} is already used in this network`);
      const p = await db.transaction().execute(async (trx) => {
        const created = await createPatient(trx, {
          networkId: me.network_id,
          siteId: b.siteId ?? null,
          code: b.code,
          ...(b.contact ? { contact: b.contact } : {}),
        });
        await audit(trx, c, { action: "create", entity: "patient", entityId: created.id });
        if (b.contact)
          await audit(trx, c, { action: "create", entity: "patient_contact", entityId: created.id });
        return created;
      });
      return c.json(patientOut(p), 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher"], {
      method: "get",
      path: "/api/patients",
      summary: "Patients (pseudonymous codes): a therapist sees their own",
      responses: { 200: json(z.object({ patients: z.array(PatientOut) })) },
    }),
    async (c) => {
      const me = userOf(c);
      const list = await listPatients(db, me.network_id, me.role === "therapist" ? me.id : undefined);
      await audit(db, c, { action: "read", entity: "patient", detail: { count: list.length } });
      return c.json({ patients: list.map(patientOut) }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher"], {
      method: "get",
      path: "/api/patients/{id}",
      summary: "One patient (pseudonymous)",
      request: idParam,
      responses: { 200: json(PatientOut) },
    }),
    async (c) => {
      const p = await visiblePatient(ctx, c, c.req.valid("param").id);
      await audit(db, c, { action: "read", entity: "patient", entityId: p.id });
      return c.json(patientOut(p), 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/patients/{id}/contact",
      summary: "A patient's identifying contact details (coordinators only; audited)",
      request: idParam,
      responses: { 200: json(ContactOut) },
    }),
    async (c) => {
      const p = await visiblePatient(ctx, c, c.req.valid("param").id);
      const contact = await getContact(db, p.id);
      await audit(db, c, { action: "read", entity: "patient_contact", entityId: p.id });
      if (!contact) throw notFound(`contact details of patient ${p.code}`);
      const out: ContactOut = {
        patientId: p.id,
        name: contact.name,
        email: contact.email,
        phone: contact.phone,
        language: contact.language === "fr" ? "fr" : contact.language === "en" ? "en" : null,
      };
      return c.json(out, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/patients/{id}/erasure",
      summary: "Erase a patient and all their answers on request (the one deletion; audited)",
      request: { ...idParam, ...jsonBody(ErasureBody) },
      responses: { 200: json(ErasureOut) },
    }),
    async (c) => {
      const p = await visiblePatient(ctx, c, c.req.valid("param").id);
      const me = userOf(c);
      // The ledger first: if it cannot be written nothing is erased, so no erasure is ever missing from it.
      if (ctx.config.erasureLedger)
        appendErasureLedger(ctx.config.erasureLedger, {
          patientId: p.id,
          networkId: me.network_id,
          requestedBy: me.id,
          at: new Date().toISOString(),
        });
      const report = await erasePatient(db, {
        patientId: p.id,
        networkId: me.network_id,
        requestedBy: me.id,
        reason: c.req.valid("json").reason,
      });
      // Another erasure of this patient won the race (it holds the row lock first).
      if (!report) throw notFound(`patient ${p.id}`);
      await ctx.store.checkpoint();
      await audit(db, c, { action: "erase", entity: "patient", entityId: p.id, detail: report });
      return c.json(report, 200);
    },
  );

  app.route("/", episodesApi(ctx));
  return app;
}
