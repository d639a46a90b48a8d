// GET /api/rates: the network's (or one study's) reliable improvement, no change, deterioration and
// dropout rates by arm and by site, from the same long table the recipes read (core networkRates).
// Pseudonymised like every researcher read: counts and shares only, no codes; audited.
import { longRows } from "@attune/db";
import { networkRates, preparePrnData, resolveRoles, LONG_MEASURES, LONG_COLUMNS } from "@attune/core";
import { dataFrameFromRows, InputError } from "@attune/stats";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { invalid } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json } from "../route.ts";
import { RatesOut, RatesQuery } from "@attune/api";
import { studyOf } from "../studies/access.ts";

/**
 * The rates route.
 *
 * @example
 * app.route("/", ratesApi(ctx));
 */
export function ratesApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/rates",
      summary:
        "Reliable improvement, no change, deterioration (Jacobson–Truax) and dropout (episode end reason) rates, by arm and site",
      request: { query: RatesQuery },
      responses: { 200: json(RatesOut) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const me = userOf(c);
      const study = q.study ? await studyOf(db, c, q.study) : null;
      const outcome = q.outcome ?? "wellbeing";
      const patientRated = LONG_MEASURES.filter((s) => s.rater === "patient");
      const column = patientRated.find((s) => s.column === outcome);
      if (!column)
        throw invalid(
          `outcome "${outcome.slice(0, 40)}" is not a patient-rated score of the long table (${patientRated
            .map((s) => s.column)
            .join(", ")})`,
        );
      const rows = await longRows(db, { networkId: me.network_id, ...(study ? { studyId: study.id } : {}) });
      if (rows.length === 0) throw invalid("the chosen data has no sessions");
      const header = [...LONG_COLUMNS];
      const cells = rows.map((r) =>
        LONG_COLUMNS.map((k) => {
          const v = r[k];
          if (k === "site") return v === null || v === undefined ? "no site" : String(v);
          return v === null || v === undefined || v === "" ? "NA" : String(v);
        }),
      );
      let result;
      try {
        const data = preparePrnData(dataFrameFromRows(header, cells), resolveRoles({ outcome }), {
          outcomeDirection: column.higherIsBetter ? "higher-is-better" : "lower-is-better",
        });
        result = networkRates(data, {
          by: ["condition", "site"],
          ...(q.reliability !== undefined ? { reliability: q.reliability } : {}),
        });
      } catch (e) {
        if (e instanceof InputError)
          throw new InputError(`the rates cannot be computed on the chosen data: ${e.message}`);
        throw e;
      }
      await audit(db, c, {
        action: "read",
        entity: "rates",
        detail: { study: study?.id ?? null, outcome, patients: result.overall.patients },
      });
      return c.json(
        {
          outcome,
          direction: result.rci.direction,
          threshold: result.rci.threshold,
          overall: result.overall,
          byArm: [...(result.by["condition"] ?? [])],
          bySite: [...(result.by["site"] ?? [])],
          notes: [...result.notes],
        },
        200,
      );
    },
  );
  return app;
}
