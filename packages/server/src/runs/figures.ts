// A run's figures for its page: the report's own figures (packages/report figures.ts), drawn by the same
// code from the same data as the HTML download, listed with their titles, captions and numbers, and each
// served as an image/svg+xml file. A page shows them as <img>, where an SVG can run no script; the file
// also goes out under a policy that forbids script, so even opened on its own it cannot run any.
import { z } from "@hono/zod-openapi";
import { listRunRedactions, type AnalysisRun } from "@attune/db";
import { Id, RunFiguresOut, type FigureOut } from "@attune/api";
import type { FigureLang } from "@attune/report";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError } from "../errors.ts";
import { apiRoute, json } from "../route.ts";
import { runOf } from "../studies/access.ts";
import { idParam } from "./model.ts";
import { analyseRun } from "./analyseRun.ts";

/** A figure as the worker sends it: the listed part and its SVG. */
type Drawn = Omit<FigureOut, "index"> & { svg: string };

/** The language of the words inside the figures: the page's. */
const langQuery = z.object({ lang: z.enum(["en", "fr"]).optional() });

/** An SVG file's policy: its own inline styles, nothing else (no script, no request, no form). */
export const FIGURE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * GET /api/runs/{id}/figures and GET /api/runs/{id}/figures/{n} (mounted by downloads.ts); `?lang=fr` draws
 * the words inside the figures (axes) in French, for a page shown in French.
 *
 * @example
 * app.route("/", figuresApi(ctx));
 */
export function figuresApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  // The last few runs' figures: a page asks for the list and then every SVG at once, so one drawing
  // serves them all (a promise, so simultaneous requests share it). Keyed by the data they were drawn
  // from (an erasure that redacts the run's data draws them again) and the language of their axes.
  const drawn = new Map<string, Promise<Drawn[]>>();

  async function figuresOf(run: AnalysisRun, lang: FigureLang): Promise<Drawn[]> {
    const redactions = await listRunRedactions(db, [run.id]);
    const key = `${run.id} ${redactions.at(-1)?.after_sha256 ?? run.data_sha256} ${lang}`;
    let hit = drawn.get(key);
    if (!hit) {
      hit = analyseRun<"figures">(ctx, run, redactions, { kind: "figures", lang }).then(
        (out) => JSON.parse(out.json) as Drawn[],
      );
      drawn.set(key, hit);
      hit.catch(() => drawn.delete(key));
      if (drawn.size > 16) drawn.delete(drawn.keys().next().value as string);
    }
    return hit;
  }

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/runs/{id}/figures",
      summary:
        "The figures of the run's report (title, caption, the numbers each draws); each SVG at /figures/{n}",
      request: { ...idParam, query: langQuery },
      responses: { 200: json(RunFiguresOut) },
    }),
    async (c) => {
      const run = await runOf(db, c, c.req.valid("param").id);
      const figures = (await figuresOf(run, c.req.valid("query").lang ?? "en")).map(
        ({ svg: _svg, ...f }, index) => ({ index, ...f }),
      );
      return c.json({ figures }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/runs/{id}/figures/{n}",
      summary: "One figure of the run's report as an SVG file (no script can run in it)",
      request: {
        params: z.object({ id: Id, n: z.string().regex(/^\d{1,3}$/, "a figure number") }),
        query: langQuery,
      },
      responses: {
        200: { description: "image/svg+xml", content: { "image/svg+xml": { schema: z.string() } } },
      },
    }),
    async (c) => {
      const { id, n } = c.req.valid("param");
      const run = await runOf(db, c, id);
      const figures = await figuresOf(run, c.req.valid("query").lang ?? "en");
      const f = figures[Number(n)];
      if (!f)
        throw new ApiError(
          "not-found",
          `run ${run.id} has ${figures.length} figures; there is no figure ${n}`,
        );
      return c.body(f.svg, 200, {
        "content-type": "image/svg+xml; charset=utf-8",
        "content-security-policy": FIGURE_CSP,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-cache",
      });
    },
  );
  return app;
}
