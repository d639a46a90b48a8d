// A run's downloads: the HTML report, the tidy CSV it analysed, and the R script (with its model CSV)
// that refits every model with lme4. Numbers are recomputed in the analysis worker from the run's
// recorded data (less the rows of patients erased since).
import type { Context } from "hono";
import { z } from "@hono/zod-openapi";
import { listRunRedactions, type AnalysisRun } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { AppEnv, Ctx } from "../context.ts";
import { audit } from "../audit/record.ts";
import { apiRoute } from "../route.ts";
import { safeCsv } from "../io/csv.ts";
import { downloadHeaders, reportHeaders } from "../io/downloads.ts";
import { runOf } from "../studies/access.ts";
import { idParam, redactionNote, selectionOf } from "./model.ts";
import { analyseRun } from "./analyseRun.ts";
import { figuresApi } from "./figures.ts";

/**
 * GET /api/runs/{id}/report.html, data.csv, script.R and models.csv.
 *
 * @example
 * app.route("/", downloadsApi(ctx));
 */
export function downloadsApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  const download = (name: string, type: string, description: string) =>
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: `/api/runs/{id}/${name}`,
      summary: description,
      request: { ...idParam, query: z.object({ download: z.enum(["0", "1"]).optional() }) },
      responses: { 200: { description: type, content: { [type]: { schema: z.string() } } } },
    });

  async function serve(
    c: Context<AppEnv>,
    id: string,
    what: string,
    filename: string,
    type: string,
    body: string,
  ) {
    await audit(db, c, { action: "export", entity: "analysis_run", entityId: id, detail: { what } });
    const headers = downloadHeaders(type, filename);
    return c.body(type === "text/csv" ? safeCsv(body) : body, 200, headers);
  }

  app.openapi(
    download("report.html", "text/html", "The run's HTML report (inline; ?download=1 to save)"),
    async (c) => {
      const run = await runOf(db, c, c.req.valid("param").id);
      const sel = selectionOf(run);
      const redactions = await listRunRedactions(db, [run.id]);
      const note = redactionNote(redactions);
      const { html } = await analyseRun<"report">(ctx, run, redactions, {
        kind: "report",
        title: run.recipe === "all" ? "attune analysis" : `attune analysis: ${run.recipe}`,
        subtitle:
          `run ${run.id} · attune ${run.attune_version} · ${run.run_at} · ` +
          `${sel.studyName ? `study ${sel.studyName}` : "whole network"}` +
          `${sel.from || sel.to ? ` · sessions ${sel.from ?? "…"} to ${sel.to ?? "…"}` : ""}` +
          `${sel.arms ? ` · arms ${sel.arms.join(", ")}` : ""} · data sha256 ${run.data_sha256.slice(0, 12)}` +
          `${note ? ` · ${note}` : ""}`,
      });
      await audit(db, c, {
        action: "export",
        entity: "analysis_run",
        entityId: run.id,
        detail: { what: "report" },
      });
      const headers = reportHeaders(
        c.req.valid("query").download === "1" ? `attune-run-${run.id}.html` : null,
      );
      return c.body(html, 200, headers);
    },
  );

  app.openapi(
    download(
      "data.csv",
      "text/csv",
      "The tidy long CSV the run analysed (as recorded, less the rows of patients erased since)",
    ),
    async (c) => {
      const run = await runOf(db, c, c.req.valid("param").id);
      return serve(c, run.id, "data", `attune-run-${run.id}-data.csv`, "text/csv", run.data_csv);
    },
  );

  const rOf = async (run: AnalysisRun) => {
    const redactions = await listRunRedactions(db, [run.id]);
    const note = redactionNote(redactions);
    return analyseRun<"rScript">(ctx, run, redactions, {
      kind: "rScript",
      csvName: `attune-run-${run.id}-models.csv`,
      command: `attune run ${run.id} (attune ${run.attune_version}, ${run.run_at}, data sha256 ${run.data_sha256})`,
      // attune's numbers below are recomputed from the redacted data, so R and attune still agree.
      ...(note
        ? { notes: [`NOTE: ${note}.`, "attune's numbers below are recomputed from the redacted data."] }
        : {}),
    });
  };

  app.openapi(
    download("script.R", "text/x-r", "An R script refitting every model of the run with lme4 + lmerTest"),
    async (c) => {
      const run = await runOf(db, c, c.req.valid("param").id);
      return serve(c, run.id, "r-script", `attune-run-${run.id}.R`, "text/x-r", (await rOf(run)).script);
    },
  );

  app.openapi(
    download(
      "models.csv",
      "text/csv",
      "The model data the R script reads (derived columns as attune fitted them)",
    ),
    async (c) => {
      const run = await runOf(db, c, c.req.valid("param").id);
      return serve(
        c,
        run.id,
        "model-data",
        `attune-run-${run.id}-models.csv`,
        "text/csv",
        (await rOf(run)).csv,
      );
    },
  );
  // The report's figures, one by one, for the run page (the same code as the report above draws them).
  app.route("/", figuresApi(ctx));
  return app;
}
