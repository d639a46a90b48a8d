// Alerts beyond the dashboard's reading of them: a therapist acknowledges an alert (recorded, audited;
// it stops heading the caseload), and the coordinator sees the network's calibration — its thresholds and
// the alerts per therapist-week they imply.
import { z } from "@hono/zod-openapi";
import { acknowledgeAlert, countResponses, ruptureStatisticOf, setRuptureStatistic } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { audit, auditEntry } from "../audit/record.ts";
import { userOf } from "../auth/principal.ts";
import { ApiError } from "../errors.ts";
import { networkOf, visibleEpisode } from "../policy.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { AlertSettings, AlertSettingsOut, CalibrationOut, Id } from "@attune/api";
import { alertForm } from "./alertOrder.ts";
import { calibrationReport, episodeFeedback } from "./feedback.ts";
import { itemCalibrationState, startItemFit } from "./itemCalibration.ts";

const AckIn = z.object({
  kind: z.enum(["rupture", "not-on-track", "incongruence"]),
  session: z.number().int().min(1),
  /**
   * Which outcome form's not-on-track alert (its id, as the alert's `why.form`): a network following
   * several outcome forms has one alert per form. Absent: the network's first outcome.
   */
  form: z.string().max(200).optional(),
  note: z.string().max(2000).optional(),
});
const AckOut = z.object({
  id: z.string(),
  kind: z.string(),
  session: z.number(),
  /** The outcome form of a not-on-track alert; "" for other kinds. */
  form: z.string(),
  acknowledgedBy: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  created: z.boolean(),
});

export function alertsApi(ctx: Ctx): Api {
  const app = newApi();
  app.openapi(
    apiRoute(["therapist", "coordinator"], {
      method: "post",
      path: "/api/dashboard/episodes/{id}/acknowledgements",
      summary:
        "Acknowledge an alert of the dyad (kind, session, and for not on track the outcome form); recorded and audited",
      request: { params: z.object({ id: Id }), ...jsonBody(AckIn) },
      responses: { 200: json(AckOut) },
    }),
    async (c) => {
      const ep = await visibleEpisode(ctx, c, c.req.valid("param").id);
      const body = c.req.valid("json");
      const [f] = await episodeFeedback(ctx, ep.network_id, [ep.id], false);
      const form = body.kind === "not-on-track" ? (body.form ?? f?.outcome.id ?? "") : "";
      const alert = f?.feedback.alerts.find(
        (a) => a.kind === body.kind && a.session === body.session && alertForm(a) === form,
      );
      if (!alert) {
        // The request is well formed; what it names does not exist (any more): a conflict with the state.
        const what = `${body.kind} alert${form ? ` of ${form}` : ""} at session ${body.session}`;
        throw new ApiError("conflict", `this patient has no ${what}`, [
          { where: body.form !== undefined ? "form" : "session", message: `no ${what}` },
        ]);
      }
      const me = userOf(c);
      const {
        network_id: _n,
        actor_kind,
        actor_id,
        ip,
        user_agent,
      } = auditEntry(c, {
        action: "acknowledge-alert",
        entity: "episode",
      });
      const { ack, created } = await acknowledgeAlert(
        ctx.store.db,
        {
          networkId: ep.network_id,
          episodeId: ep.id,
          kind: body.kind,
          session: body.session,
          form,
          userId: me.id,
          note: body.note ?? null,
        },
        { network_id: ep.network_id, actor_kind, actor_id, ip, user_agent },
      );
      return c.json(
        {
          id: ack.id,
          kind: ack.kind,
          session: Number(ack.session),
          form: ack.form,
          acknowledgedBy: me.code,
          at: ack.at,
          note: ack.note,
          created,
        },
        200,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/dashboard/calibration",
      summary:
        "The network's alert calibration: thresholds, noise, and the alerts per therapist-week they imply",
      responses: { 200: json(CalibrationOut) },
    }),
    async (c) => c.json(await calibrationReport(ctx, networkOf(c)), 200),
  );

  const settingsOut = async (networkId: string) => {
    const itemCalibration = await itemCalibrationState(ctx, networkId);
    return { ruptureStatistic: itemCalibration.setting, itemCalibration };
  };
  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/network/alert-settings",
      summary: "The network's rupture statistic and the state of the item-level rule's background fit",
      responses: { 200: json(AlertSettingsOut) },
    }),
    async (c) => c.json(await settingsOut(networkOf(c)), 200),
  );
  app.openapi(
    apiRoute(["coordinator"], {
      method: "put",
      path: "/api/network/alert-settings",
      summary:
        'Choose the rupture statistic ("mean" or "items"); "items" fits the item-level rule in the background (audited)',
      request: jsonBody(AlertSettings),
      responses: { 200: json(AlertSettingsOut) },
    }),
    async (c) => {
      const networkId = networkOf(c);
      const { ruptureStatistic } = c.req.valid("json");
      const before = await ruptureStatisticOf(ctx.store.db, networkId);
      await ctx.store.db.transaction().execute(async (trx) => {
        await setRuptureStatistic(trx, networkId, ruptureStatistic);
        await audit(trx, c, {
          action: "update",
          entity: "network",
          entityId: networkId,
          detail: { ruptureStatistic, before: before ?? "default" },
        });
      });
      // A change to "items" (re)computes the item rule in the background; the request does not wait.
      if (ruptureStatistic === "items" && before !== "items")
        startItemFit(ctx, networkId, await countResponses(ctx.store.db, networkId));
      return c.json(await settingsOut(networkId), 200);
    },
  );
  return app;
}
