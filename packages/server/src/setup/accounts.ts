// A coordinator disables or re-enables a staff member of their network: disabling ends the
// member's sessions and voids their invitations at once (db repo/accounts.ts).
import { getUser, setDisabled } from "@attune/db";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { DisabledBody, Id } from "@attune/api";

export function accountsApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;
  app.openapi(
    apiRoute(["coordinator"], {
      method: "put",
      path: "/api/users/{id}/disabled",
      summary:
        "Disable (true) or re-enable (false) a staff member; disabling ends their sessions at once and voids their invitations",
      request: { params: z.object({ id: Id }), ...jsonBody(DisabledBody) },
      responses: { 200: json(z.object({ id: z.string(), disabled: z.boolean() })) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { disabled } = c.req.valid("json");
      const me = userOf(c);
      const u = await getUser(db, id);
      if (!u || u.network_id !== me.network_id) throw notFound(`user ${id}`);
      if (u.id === me.id && disabled) throw invalid("you cannot disable your own account");
      await db.transaction().execute(async (trx) => {
        await setDisabled(trx, u.id, disabled);
        await audit(trx, c, { action: disabled ? "disable" : "enable", entity: "user", entityId: u.id });
      });
      return c.json({ id: u.id, disabled }, 200);
    },
  );
  return app;
}
