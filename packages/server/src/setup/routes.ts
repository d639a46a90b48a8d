// Coordinator set-up: sites, staff accounts and their invitations (studies are in ../studies/).
import type { Context } from "hono";
import {
  createInvitation,
  createSite,
  createUser,
  getUser,
  listUsersBySignInName,
  listSites,
  listUsers,
  type Db,
  UserRepository,
} from "@attune/db";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import type { AppEnv, Ctx } from "../context.ts";
import { ApiError, invalid, notFound } from "../errors.ts";
import { hashPassword } from "../auth/password.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { sendInvitation } from "../messaging/hooks.ts";
import { Id, InvitationOut, Site, SiteBody, UserBody, UserOut } from "@attune/api";

const idParam = { params: z.object({ id: Id }) };
const INVITATION_TTL_MS = 14 * 24 * 3600_000;

export function setupApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  async function invite(trx: Db, c: Context<AppEnv>, userId: string) {
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS).toISOString();
    const { token, invitation } = await createInvitation(trx, { userId, createdBy: userOf(c).id, expiresAt });
    await audit(trx, c, {
      action: "invite",
      entity: "user",
      entityId: userId,
      detail: { invitation: invitation.id },
    });
    return { token, url: `${ctx.config.publicBaseUrl}/invite/${token}`, expiresAt };
  }

  app.openapi(
    apiRoute(["coordinator"], {
      method: "put",
      path: "/api/users/{id}/site",
      summary: "Set (or clear) the site of a staff member — the stratum of randomisation and completion",
      request: { ...idParam, ...jsonBody(z.object({ siteId: Id.nullable() })) },
      responses: { 200: json(z.object({ id: z.string(), siteId: z.string().nullable() })) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { siteId } = c.req.valid("json");
      const me = userOf(c);
      const u = await getUser(db, id);
      if (!u || u.network_id !== me.network_id) throw notFound(`user ${id}`);
      if (siteId && !(await listSites(db, me.network_id)).some((s) => s.id === siteId))
        throw notFound(`site ${siteId}`);
      await db.transaction().execute(async (trx) => {
        await UserRepository.setSite(trx, u.id, siteId);
        await audit(trx, c, { action: "update", entity: "user", entityId: u.id, detail: { siteId } });
      });
      return c.json({ id: u.id, siteId }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/users/{id}/invitation",
      summary: "A new invitation link for a staff account (to set or reset its password; valid 14 days)",
      request: idParam,
      responses: { 201: json(InvitationOut) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const u = await getUser(db, id);
      if (!u || u.network_id !== userOf(c).network_id) throw notFound(`user ${id}`);
      if (!u.email && !u.shared_email) throw invalid(`user ${u.code} has no email to sign in with`);
      const inv = await db.transaction().execute((trx) => invite(trx, c, u.id));
      return c.json({ ...inv, delivery: await sendInvitation(ctx, c, u.id, inv) }, 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/sites",
      summary: "Create a site",
      request: jsonBody(SiteBody),
      responses: { 201: json(Site) },
    }),
    async (c) => {
      const site = await createSite(db, userOf(c).network_id, c.req.valid("json").name);
      return c.json({ id: site.id, name: site.name }, 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher"], {
      method: "get",
      path: "/api/sites",
      summary: "The network's sites",
      responses: { 200: json(z.object({ sites: z.array(Site) })) },
    }),
    async (c) => {
      const sites = await listSites(db, userOf(c).network_id);
      return c.json({ sites: sites.map((s) => ({ id: s.id, name: s.name })) }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/users",
      summary:
        "Create a staff account (therapist, researcher, coder or coordinator); without a password, answers an " +
        "invitation link with which the person sets their own",
      request: jsonBody(UserBody),
      responses: { 201: json(UserOut.extend({ invitation: InvitationOut.optional() })) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const me = userOf(c);
      if (b.siteId && !(await listSites(db, me.network_id)).some((s) => s.id === b.siteId))
        throw notFound(`site ${b.siteId}`);
      // Whether the address has an account in another network is not said: the account is created all
      // the same (its address kept as a shared sign-in name, migration 051) and sign-in enters the account
      // whose password matches. An address already used in this network is named: the coordinator sees it
      // in the staff list anyway.
      const email = b.email.toLowerCase();
      const holders = await listUsersBySignInName(db, email);
      const here = holders.find((h) => h.network_id === me.network_id);
      if (here)
        throw new ApiError(
          "conflict",
          `this e-mail address already signs in as ${here.code} in your network`,
        );
      const elsewhere = holders.some((h) => h.email === email);
      const u = await db.transaction().execute(async (trx) => {
        const created = await createUser(trx, {
          networkId: me.network_id,
          siteId: b.siteId ?? null,
          code: b.code,
          email: elsewhere ? null : email,
          sharedEmail: elsewhere ? email : null,
          displayName: b.displayName,
          role: b.role,
          passwordHash: b.password ? await hashPassword(b.password) : null,
        });
        await audit(trx, c, { action: "create", entity: "user", entityId: created.id });
        const invitation = b.password ? undefined : await invite(trx, c, created.id);
        return { created, invitation };
      });
      return c.json(
        {
          id: u.created.id,
          code: u.created.code,
          email: u.created.email ?? u.created.shared_email,
          displayName: u.created.display_name,
          role: u.created.role,
          siteId: u.created.site_id,
          ...(u.invitation
            ? {
                invitation: {
                  ...u.invitation,
                  delivery: await sendInvitation(ctx, c, u.created.id, u.invitation),
                },
              }
            : {}),
        },
        201,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/users",
      summary: "The network's staff",
      responses: { 200: json(z.object({ users: z.array(UserOut) })) },
    }),
    async (c) => {
      const users = await listUsers(db, userOf(c).network_id);
      return c.json(
        {
          users: users.map((u) => ({
            id: u.id,
            code: u.code,
            email: u.email ?? u.shared_email,
            displayName: u.display_name,
            role: u.role,
            siteId: u.site_id,
            disabled: u.disabled_at !== null,
          })),
        },
        200,
      );
    },
  );

  return app;
}
