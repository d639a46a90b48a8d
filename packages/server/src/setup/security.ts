// The network's sign-in policy: a coordinator may require two-factor sign-in for every staff member. Staff
// without it are then sent to enrolment right after their password (and a session already open is held
// to enrolment at its next request: auth/principal.ts), and cannot turn theirs off.
import { getNetwork, listUsers, setNetworkRequiresTotp } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { NetworkSecurity, SecurityBody } from "@attune/api";

export function securityApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  async function current(networkId: string) {
    const n = await getNetwork(db, networkId);
    const staff = await listUsers(db, networkId);
    return {
      requireTotp: Number(n?.require_totp ?? 0) === 1,
      staffWithoutTotp: staff.filter((u) => !u.disabled_at && (u.email || u.shared_email) && !u.totp_secret)
        .length,
    };
  }

  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/network/security",
      summary: "Whether the network requires two-factor sign-in, and how many staff have none yet",
      responses: { 200: json(NetworkSecurity) },
    }),
    async (c) => c.json(await current(userOf(c).network_id), 200),
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "put",
      path: "/api/network/security",
      summary:
        "Require (or stop requiring) two-factor sign-in for every staff member of the network; turn on your own first",
      request: jsonBody(SecurityBody),
      responses: { 200: json(NetworkSecurity) },
    }),
    async (c) => {
      const me = userOf(c);
      const { requireTotp } = c.req.valid("json");
      if (requireTotp && !me.totp_secret)
        throw new ApiError(
          "conflict",
          "turn on two-factor sign-in for your own account first (Account page), so you are not sent to enrolment",
        );
      await db.transaction().execute(async (trx) => {
        await setNetworkRequiresTotp(trx, me.network_id, requireTotp);
        await audit(trx, c, {
          action: "update",
          entity: "network",
          entityId: me.network_id,
          detail: { requireTotp },
        });
      });
      return c.json(await current(me.network_id), 200);
    },
  );
  return app;
}
