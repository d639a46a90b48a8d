// Who is asking: a staff member (session cookie), a patient (link token, in the path of /api/r/…
// or as `Authorization: Bearer <token>`), or nobody. Plus the route guard and the CSRF check.
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { findAuthSession, findLinkByToken, type FoundSession } from "@attune/db";
import { ApiError } from "../errors.ts";
import { idleMessage, keepAlive } from "./idle.ts";
import type { Actor, AppEnv, Ctx, Principal } from "../context.ts";

export const SESSION_COOKIE = "attune_session";
export const CSRF_HEADER = "x-csrf-token";

export function principalMiddleware(ctx: Ctx): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let p: Principal = { kind: "anonymous" };
    const cookie = getCookie(c, SESSION_COOKIE);
    const auth = c.req.header("authorization");
    if (cookie) {
      const found = await findAuthSession(ctx.store.db, cookie);
      if (found && (await keepAlive(ctx.store.db, cookie, found.session, ctx.config.sessionIdleMs)))
        p = principalOf(found);
      else if (found) p = { kind: "anonymous", signedOut: idleMessage(ctx.config.sessionIdleMs) };
    } else if (auth?.toLowerCase().startsWith("bearer ")) {
      const link = await findLinkByToken(ctx.store.db, auth.slice(7).trim());
      if (!link) throw new ApiError("unauthenticated", "unknown patient link token");
      p = { kind: "link", link };
    }
    c.set("principal", p);
    await next();
  };
}

/**
 * A session's principal: full sessions are users, unless their network now requires a second factor the
 * account has not enrolled (then they may only enrol, at once, without signing in again); half-signed-in
 * sessions are "pending" and pass no route guard (only the second-step and enrolment routes take them).
 *
 * @example
 * principalOf(await findAuthSession(db, cookie));
 */
export function principalOf(found: FoundSession): Principal {
  const { session, user } = found;
  if (session.stage === "second-factor" || session.stage === "enrol")
    return { kind: "pending", user, session, stage: session.stage };
  if (found.networkRequiresTotp && !user.totp_secret)
    return { kind: "pending", user, session, stage: "enrol" };
  return { kind: "user", user, session };
}

/** A patient link found from the `{token}` path parameter becomes the principal. */
export function linkFromPath(ctx: Ctx): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = c.req.param("token") ?? "";
    const link =
      token.length >= 16 && token.length <= 128 ? await findLinkByToken(ctx.store.db, token) : undefined;
    if (!link) throw new ApiError("not-found", "this link is not valid; ask your therapist for a new one");
    c.set("principal", { kind: "link", link });
    await next();
  };
}

export function actorOf(p: Principal): Actor | undefined {
  if (p.kind === "user") return p.user.role;
  if (p.kind === "link") return "patient";
  return undefined;
}

/** Route guard: only the listed actors pass; staff state changes also need the CSRF token. */
export function allow(actors: readonly Actor[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get("principal");
    const actor = actorOf(p);
    if (!actor)
      throw new ApiError(
        "unauthenticated",
        p.kind === "pending"
          ? p.stage === "enrol"
            ? "your network requires two-factor sign-in: set it up first (POST /api/auth/totp/setup)"
            : "enter the code from your authenticator app first (POST /api/auth/login/second-factor)"
          : (p.kind === "anonymous" && p.signedOut) || "sign in first",
      );
    if (!actors.includes(actor)) throw new ApiError("forbidden", `the ${actor} role may not ${describe(c)}`);
    if (p.kind === "user" && !["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || sent !== p.session.csrf_token)
        throw new ApiError("forbidden", `missing or wrong ${CSRF_HEADER} header (CSRF protection)`);
    }
    await next();
  };
}

function describe(c: Context): string {
  return `${c.req.method} ${c.req.routePath}`;
}

export function userOf(c: Context<AppEnv>) {
  const p = c.get("principal");
  if (p.kind !== "user") throw new ApiError("unauthenticated", "sign in first");
  return p.user;
}

export function linkOf(c: Context<AppEnv>) {
  const p = c.get("principal");
  if (p.kind !== "link") throw new ApiError("unauthenticated", "a patient link is required");
  return p.link;
}
