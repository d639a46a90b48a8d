// Import (long CSV, REDCap, FHIR Bundle) and export (long CSV, FHIR Bundle) of a network's data.
import { z } from "@hono/zod-openapi";
import { getStudy } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { Bundle, Code, Id, ImportReport, RedcapBody } from "@attune/api";
import { exportLongCsv, importLongCsv } from "../io/longCsv.ts";
import { importRedcap } from "../io/redcap.ts";
import { parseScales } from "../io/longScales.ts";
import { exportBundle, importBundle } from "../io/fhirBundle.ts";
import { rejectedError, type ImportReport as Report } from "../io/report.ts";

const ColumnName = z.string().min(1).max(100);
const importQuery = z.object({
  study: z.string().min(1).max(200).optional(),
  therapist: ColumnName.optional(),
  patient: ColumnName.optional(),
  session: ColumnName.optional(),
  condition: ColumnName.optional(),
  alliance_patient: ColumnName.optional(),
  alliance_therapist: ColumnName.optional(),
  outcome: ColumnName.optional(),
  modality: ColumnName.optional(),
  end_date: ColumnName.optional(),
  end_reason: ColumnName.optional(),
  alliance_scale: z.string().max(40).optional(),
  wellbeing_scale: z.string().max(40).optional(),
});
const exportQuery = z.object({ study: Id.optional(), outcome: Code.optional() });

function answer(kind: string, report: Report): Report {
  if (!report.ok) throw rejectedError(kind, report);
  return report;
}

export function dataApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/import/long-csv",
      summary:
        "Import the recipes' long CSV (therapist, patient, session, condition, alliance_patient, alliance_therapist, " +
        "wellbeing|outcome; optional modality, end_date, end_reason, and form totals without item answers: phq9, gad7, core10, who5, …). " +
        "All or nothing; a rejected import lists every bad row.",
      request: {
        query: importQuery,
        body: { required: true, content: { "text/csv": { schema: z.string() } } },
      },
      responses: { 200: json(ImportReport) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const me = userOf(c);
      const text = await c.req.text();
      const { study, outcome, alliance_scale, wellbeing_scale, ...cols } = q;
      const scales = parseScales(
        { alliance: alliance_scale, wellbeing: wellbeing_scale },
        (r) => `${r}_scale`,
      );
      if (typeof scales === "string") throw invalid(scales);
      const report = await importLongCsv(ctx, text, {
        scales,
        networkId: me.network_id,
        actorId: me.id,
        ...(study ? { study } : {}),
        columns: {
          ...Object.fromEntries(Object.entries(cols).filter(([, v]) => v !== undefined)),
          ...(outcome ? { wellbeing: outcome } : {}),
        },
      });
      await audit(db, c, {
        action: report.ok ? "import" : "import-rejected",
        entity: "long-csv",
        detail: { rows: report.rows, created: report.created, rejected: report.rejected.length },
      });
      return c.json(answer("long CSV", report), 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/import/redcap",
      summary:
        "Import a REDCap records export with its data dictionary, mapped to the long roles. All or nothing.",
      request: jsonBody(RedcapBody),
      responses: { 200: json(ImportReport) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const me = userOf(c);
      const scales = parseScales(b.scales ?? {}, (r) => `scales.${r}`);
      if (typeof scales === "string") throw invalid(scales);
      const report = await importRedcap(ctx, b, {
        networkId: me.network_id,
        actorId: me.id,
        ...(b.study ? { study: b.study } : {}),
        scales,
      });
      await audit(db, c, {
        action: report.ok ? "import" : "import-rejected",
        entity: "redcap",
        detail: { rows: report.rows, created: report.created },
      });
      return c.json(answer("REDCap", report), 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/import/fhir",
      summary:
        "Import a FHIR Bundle of QuestionnaireResponses (with Patient/EpisodeOfCare/Encounter context). All or nothing.",
      request: {
        query: z.object({ study: z.string().min(1).max(200).optional() }),
        body: {
          required: true,
          content: { "application/fhir+json": { schema: Bundle }, "application/json": { schema: Bundle } },
        },
      },
      responses: { 200: json(ImportReport) },
    }),
    async (c) => {
      const me = userOf(c);
      const study = c.req.valid("query").study;
      const report = await importBundle(ctx, c.req.valid("json"), {
        networkId: me.network_id,
        actorId: me.id,
        ...(study ? { study } : {}),
      });
      await audit(db, c, {
        action: report.ok ? "import" : "import-rejected",
        entity: "fhir-bundle",
        detail: { rows: report.rows, created: report.created },
      });
      return c.json(answer("FHIR Bundle", report), 200);
    },
  );

  async function studyParam(networkId: string, id: string | undefined): Promise<string | undefined> {
    if (!id) return undefined;
    const s = await getStudy(db, id);
    if (!s || s.network_id !== networkId) throw notFound(`study ${id}`);
    return s.id;
  }

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/export/long.csv",
      summary:
        "Export the tidy long CSV the recipes read (pseudonymous codes; one row per patient × session)",
      request: { query: exportQuery },
      responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
    }),
    async (c) => {
      const me = userOf(c);
      const q = c.req.valid("query");
      const studyId = await studyParam(me.network_id, q.study);
      const { csv, rows } = await exportLongCsv(ctx.store, {
        networkId: me.network_id,
        ...(studyId ? { studyId } : {}),
        ...(q.outcome ? { outcome: q.outcome } : {}),
      });
      await audit(db, c, { action: "export", entity: "long-csv", detail: { study: studyId ?? null, rows } });
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="attune-long.csv"',
      });
    },
  );

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/export/fhir",
      summary: "Export the network (or one study) as a FHIR Bundle (collection)",
      request: { query: z.object({ study: Id.optional() }) },
      responses: { 200: json(Bundle) },
    }),
    async (c) => {
      const me = userOf(c);
      const studyId = await studyParam(me.network_id, c.req.valid("query").study);
      const bundle = await exportBundle(ctx.store, {
        networkId: me.network_id,
        ...(studyId ? { studyId } : {}),
        baseUrl: ctx.config.publicBaseUrl,
      });
      await audit(db, c, {
        action: "export",
        entity: "fhir-bundle",
        detail: { study: studyId ?? null, entries: bundle.entry?.length ?? 0 },
      });
      return c.json(bundle as never, 200);
    },
  );
  return app;
}
