// Invitations, sign-out, who am I, language and password (sign-in itself: auth/signIn.ts).
import {
  acceptInvitation,
  deleteAuthSession,
  findInvitation,
  getUser,
  setPassword,
  UserRepository,
} from "@attune/db";
import { deleteCookie, getCookie } from "hono/cookie";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError } from "../errors.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { SESSION_COOKIE, userOf } from "../auth/principal.ts";
import { audit, clientAddress } from "../audit/record.ts";
import { apiRoute, json, jsonBody, PUBLIC } from "../route.ts";
import { AcceptInvitationBody, LanguageBody, Me, PasswordChangeBody } from "@attune/api";
import { meOf } from "./signIn.ts";
import { ACTORS } from "../context.ts";

const STAFF = ACTORS.filter((a) => a !== "patient");

export function authApi(ctx: Ctx): Api {
  const app = newApi();
  app.openapi(
    apiRoute(PUBLIC, {
      method: "post",
      path: "/api/auth/invitation",
      summary: "Accept a staff invitation: set your password (the token in the body is the credential; once)",
      request: jsonBody(AcceptInvitationBody),
      responses: { 200: json(z.object({ email: z.string() })) },
    }),
    async (c) => {
      const { token, password } = c.req.valid("json");
      const addr = clientAddress(c) ?? "unknown";
      const wait = ctx.limits.address.wait(addr);
      if (wait > 0) throw new ApiError("rate-limited", `too many attempts; try again in ${wait} s`);
      const db = ctx.store.db;
      const inv = await findInvitation(db, token);
      const user = inv ? await getUser(db, inv.user_id) : undefined;
      if (!inv || !user || user.disabled_at) {
        ctx.limits.address.fail(addr);
        throw new ApiError("not-found", "this invitation is not valid");
      }
      if (inv.accepted_at)
        throw new ApiError("conflict", "this invitation was already used; ask for a new one");
      if (Date.parse(inv.expires_at) <= Date.now())
        throw new ApiError("gone", "this invitation has expired; ask your coordinator for a new one");
      const hash = await hashPassword(password);
      const ok = await db.transaction().execute(async (trx) => {
        if (!(await acceptInvitation(trx, inv, hash))) return false;
        await audit(trx, c, {
          action: "accept-invitation",
          entity: "user",
          entityId: user.id,
          networkId: user.network_id,
        });
        return true;
      });
      if (!ok) throw new ApiError("conflict", "this invitation was already used; ask for a new one");
      return c.json({ email: user.email ?? user.shared_email ?? "" }, 200);
    },
  );

  app.openapi(
    apiRoute(STAFF, {
      method: "post",
      path: "/api/auth/logout",
      summary: "Sign out (ends the session)",
      responses: { 200: json(z.object({ ok: z.boolean() })) },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteAuthSession(ctx.store.db, token);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(
    apiRoute(STAFF, {
      method: "get",
      path: "/api/auth/me",
      summary: "The signed-in staff member and the CSRF token to send on changes",
      responses: { 200: json(Me) },
    }),
    async (c) => {
      const user = userOf(c);
      const p = c.get("principal");
      return c.json(meOf(user, p.kind === "user" ? p.session.csrf_token : ""), 200);
    },
  );

  app.openapi(
    apiRoute(STAFF, {
      method: "put",
      path: "/api/auth/me/language",
      summary: "Choose the language of your pages (en or fr); kept with your account",
      request: jsonBody(LanguageBody),
      responses: { 200: json(LanguageBody) },
    }),
    async (c) => {
      const { language } = c.req.valid("json");
      await UserRepository.setLanguage(ctx.store.db, userOf(c).id, language);
      return c.json({ language }, 200);
    },
  );

  registerPasswordRoute(app, ctx);
  return app;
}

/** Password change for the signed-in staff member (the current password proves it is them). */
function registerPasswordRoute(app: Api, ctx: Ctx): void {
  app.openapi(
    apiRoute(STAFF, {
      method: "put",
      path: "/api/auth/me/password",
      summary:
        "Change your password (give the current one); ends your other sessions and voids open invitations",
      request: jsonBody(PasswordChangeBody),
      responses: { 200: json(z.object({ ok: z.boolean(), sessionsEnded: z.number() })) },
    }),
    async (c) => {
      const { current, password } = c.req.valid("json");
      const me = userOf(c);
      const p = c.get("principal");
      const key = `${clientAddress(c) ?? "unknown"}\u0000id:${me.id}`;
      const wait = ctx.limits.account.wait(key);
      if (wait > 0) throw new ApiError("rate-limited", `too many attempts; try again in ${wait} s`);
      if (!(await verifyPassword(current, me.password_hash))) {
        ctx.limits.account.fail(key);
        throw new ApiError("forbidden", "the current password is wrong");
      }
      const hash = await hashPassword(password);
      const keep = p.kind === "user" ? p.session.id : undefined;
      const ended = await ctx.store.db.transaction().execute(async (trx) => {
        const before = await UserRepository.signedInCount(trx, me.id);
        await setPassword(trx, me.id, hash, keep);
        await audit(trx, c, { action: "change-password", entity: "user", entityId: me.id });
        return before - (keep ? 1 : 0);
      });
      return c.json({ ok: true, sessionsEnded: ended }, 200);
    },
  );
}
