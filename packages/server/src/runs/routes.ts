// The researcher workspace's analysis runs: run a recipe on chosen data and record the run (who, when,
// which data, which version); list runs; one run with its numbers; its data as a FHIR Bundle.
import { createHash } from "node:crypto";
import { z } from "@hono/zod-openapi";
import {
  erasedSince,
  patientCodeOfCell,
  listRunRedactions,
  listRuns,
  longRows,
  recordRun,
  selectedSessionIds,
  withTherapistColumns,
  type RunRedaction,
} from "@attune/db";
import { InputError } from "@attune/stats";
import { LONG_COLUMNS, LONG_MEASURES, longMeasure } from "@attune/core";
import { RunBody } from "@attune/api";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError, invalid } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { Bundle, type RecipeChoices, type RunResults } from "@attune/api";
import { toCsv } from "../io/csv.ts";
import { inDomainWords } from "./domainWords.ts";
import { crossLaggedChoice } from "./crossLaggedChoice.ts";
import { exportBundle } from "../io/fhirBundle.ts";
import { ATTUNE_VERSION } from "../version.ts";
import { studyOf, runOf } from "../studies/access.ts";
import {
  filterOf,
  idParam,
  redactionOut,
  RunOut,
  runOut,
  RunWithResults,
  Selection,
  selectionOf,
} from "./model.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * POST /api/runs, GET /api/runs, GET /api/runs/{id} and GET /api/runs/{id}/fhir.
 *
 * @example
 * app.route("/", runsApi(ctx));
 */
/** The recipe's own options of a request: only those of the chosen recipe (others are refused). */
function recipeChoices(b: z.infer<typeof RunBody>): RecipeChoices {
  const owner: Record<keyof RecipeChoices, string> = {
    reliability: "deterioration",
    rci: "deterioration",
    plannedSessions: "deterioration",
    formula: "custom",
    family: "custom",
    link: "custom",
    nAGQ: "custom",
  };
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(owner) as (keyof RecipeChoices)[]) {
    if (b[k] === undefined) continue;
    if (owner[k] !== b.recipe)
      throw invalid(`${k} is an option of the ${owner[k]} analysis, not of ${b.recipe}`);
    out[k] = b[k];
  }
  if (b.recipe === "custom" && b.formula === undefined) throw invalid("a custom model needs a formula");
  if (b.reliability !== undefined && b.rci !== undefined)
    throw invalid("give the reliability or the reliable-change threshold (rci), not both");
  return out as RecipeChoices;
}

/**
 * The run's outcome measure (default wellbeing); a name that is no measure of the long table is refused,
 * naming it and the measures there are.
 *
 * @example
 * outcomeOf("phq9"); // "phq9"
 */
function outcomeOf(given: string | undefined): string {
  if (given === undefined || given === "wellbeing" || given === "outcome") return "wellbeing";
  if (longMeasure(given)) return given;
  throw invalid(
    `outcome "${given.slice(0, 40)}" is not a measure of the analysis table (${LONG_MEASURES.map((m) => m.column).join(", ")})`,
  );
}

export function runsApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "post",
      path: "/api/runs",
      summary:
        "Run a recipe (or all) on chosen data — the network or a study, a session date range, arms — and record " +
        "the run: who, when, which data (its tidy CSV and sha256), which attune version",
      request: jsonBody(RunBody),
      responses: { 201: json(RunWithResults) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const me = userOf(c);
      const study = b.study ? await studyOf(db, c, b.study) : null;
      if (b.arms && !study) throw invalid("arms can be chosen only within a study");
      if (b.armsFrom && study)
        throw invalid("armsFrom is for whole-network runs; within a study the arms are that study's");
      const armsFrom = b.armsFrom ? await studyOf(db, c, b.armsFrom) : null;
      const outcome = outcomeOf(b.outcome);
      if (b.from && b.to && b.from > b.to) throw invalid("from is after to");
      if (b.betweenTherapist && b.recipe !== "lagged" && b.recipe !== "all")
        throw invalid(
          `betweenTherapist splits the lagged recipe's alliance mean; ${b.recipe} has no such split`,
        );
      const selection: Selection = {
        study: study?.id ?? null,
        studyName: study?.name ?? null,
        from: b.from ?? null,
        to: b.to ?? null,
        arms: b.arms ?? null,
        ...(study ? {} : { armsFrom: armsFrom?.id ?? null, armsFromName: armsFrom?.name ?? null }),
        options: {
          ...(outcome !== "wellbeing" ? { outcome } : {}),
          byCondition: b.byCondition ?? false,
          rater: b.rater ?? "patient",
          detrend: b.detrend ?? false,
          ...(b.predictors?.length ? { predictors: b.predictors } : {}),
          ...(b.moderators?.length ? { moderators: b.moderators } : {}),
          ...(b.betweenTherapist ? { betweenTherapist: true } : {}),
          ...crossLaggedChoice(b, outcome),
          ...recipeChoices(b),
        },
      };
      const rows = await longRows(db, await filterOf(c, selection));
      if (rows.length === 0) throw invalid("the chosen data has no sessions");
      if (!rows.some((r) => r[outcome] !== null && r[outcome] !== undefined))
        throw invalid(
          `the chosen data has no ${longMeasure(outcome)?.label ?? outcome} (${outcome}) scores; choose another outcome or other data`,
        );
      const p2 = selection.options.process2;
      if (p2 && !rows.some((r) => r[p2] !== null && r[p2] !== undefined))
        throw invalid(
          `the chosen data has no ${longMeasure(p2)?.label ?? p2} (${p2}) values for the second process; choose another or other data`,
        );
      // The long table plus the network's therapist-level columns (attributes, once-only answers' scores).
      // A whole-network run without a study's arms has no condition column: the recipes then fit no arm
      // terms (an all-NA column would drop every row of the models that compare arms).
      const noArms = !study && !armsFrom;
      const columns = noArms ? LONG_COLUMNS.filter((x) => x !== "condition") : LONG_COLUMNS;
      const wide = await withTherapistColumns(db, me.network_id, columns, rows);
      const csv = await toCsv(wide.columns, wide.rows);
      let results: string;
      try {
        // The contract plus what the researcher's page shows (intervals, headline quantities, therapists).
        results = (
          await ctx.analysis.run({ kind: "results", csv, recipe: b.recipe, options: selection.options })
        ).json;
      } catch (e) {
        // Said with the context; app.ts answers every InputError as "invalid".
        if (e instanceof InputError)
          throw new InputError(`the recipe cannot run on the chosen data: ${inDomainWords(e.message, rows)}`);
        throw e;
      }
      // The worker's JSON is the recipes' contract plus `derived` (@attune/api RunResults).
      const json = JSON.parse(results) as RunResults;
      const run = await db.transaction().execute(async (trx) => {
        // An erasure between reading the rows and recording the run could not redact it: refuse instead.
        const erased = await erasedSince(
          trx,
          me.network_id,
          rows.map((x) => patientCodeOfCell(x.patient)),
        );
        if (erased > 0)
          throw new ApiError(
            "conflict",
            `${erased} patient(s) in the chosen data were erased while the run was computed; run it again`,
          );
        const r = await recordRun(trx, {
          network_id: me.network_id,
          run_by: me.id,
          attune_version: ATTUNE_VERSION,
          selection: JSON.stringify(selection),
          recipe: b.recipe,
          rows: rows.length,
          data_sha256: sha256(csv),
          data_csv: csv,
          results,
        });
        await audit(trx, c, { action: "run", entity: "analysis_run", entityId: r.id, detail: selection });
        return r;
      });
      return c.json({ ...(await runOut(db, run)), results: json }, 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/runs",
      summary: "The network's recorded analysis runs, newest first",
      responses: { 200: json(z.object({ runs: z.array(RunOut) })) },
    }),
    async (c) => {
      const runs = await listRuns(db, userOf(c).network_id);
      const redactions = await listRunRedactions(
        db,
        runs.map((r) => r.id),
      );
      const byRun = new Map<string, RunRedaction[]>();
      for (const x of redactions) byRun.set(x.run_id, [...(byRun.get(x.run_id) ?? []), x]);
      return c.json(
        {
          runs: runs.map((r) => ({
            id: r.id,
            runAt: r.run_at,
            runBy: r.run_by_code,
            attuneVersion: r.attune_version,
            recipe: r.recipe,
            selection: Selection.parse(JSON.parse(r.selection)),
            rows: Number(r.rows),
            dataSha256: r.data_sha256,
            redactions: (byRun.get(r.id) ?? []).map(redactionOut),
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/runs/{id}",
      summary: "One run: its record and the numbers it reported",
      request: idParam,
      responses: { 200: json(RunWithResults) },
    }),
    async (c) => {
      const run = await runOf(db, c, c.req.valid("param").id);
      await audit(db, c, { action: "read", entity: "analysis_run", entityId: run.id });
      return c.json({ ...(await runOut(db, run)), results: JSON.parse(run.results) as RunResults }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/runs/{id}/fhir",
      summary:
        "A FHIR Bundle of the run's selection (its sessions, episodes, patients by code, answers) as stored now",
      request: idParam,
      responses: { 200: json(Bundle) },
    }),
    async (c) => {
      const run = await runOf(db, c, c.req.valid("param").id);
      const sel = selectionOf(run);
      const filter = await filterOf(c, sel);
      const bundle = await exportBundle(ctx.store, {
        networkId: filter.networkId,
        ...(sel.study ? { studyId: sel.study } : {}),
        baseUrl: ctx.config.publicBaseUrl,
        sessionIds: await selectedSessionIds(db, filter),
      });
      await audit(db, c, {
        action: "export",
        entity: "analysis_run",
        entityId: run.id,
        detail: { what: "fhir" },
      });
      return c.json(bundle as never, 200);
    },
  );
  return app;
}
