// Staff sign-in: the password step, then (if the account has two-factor sign-in) a second step with a code
// from the authenticator app or a recovery code, or (if the network requires it and the account has none)
// enrolment. Between the steps the browser holds a half-signed-in session: short-lived, accepted by no
// route but the next step (auth/principal.ts), its wrong codes counted by the sign-in limits.
//
// An address can sign in to accounts in several networks (migration 051): the password is checked against
// every account with that sign-in name, always at least two checks, so the time taken does not tell
// whether a second network has an account for the address (docs/platform.md).
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import {
  claimTotpStep,
  countWrongCode,
  createAuthSession,
  endSessionById,
  listUsersBySignInName,
  recoveryCodesLeft,
  useRecoveryCode,
  type User,
  NetworkRepository,
} from "@attune/db";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import type { AppEnv, Ctx } from "../context.ts";
import { ApiError } from "../errors.ts";
import { verifyPassword } from "./password.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "./principal.ts";
import { attemptKeys, checkAttempt, countFailure, deviceAccounts, signedIn } from "./signInLimits.ts";
import { normaliseRecoveryCode, verifyTotp } from "./totp.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody, PUBLIC } from "../route.ts";
import { LoginBody, Me, SecondFactorBody } from "@attune/api";

/** How long a half-signed-in session lasts: a code is due within minutes; enrolment takes longer. */
const SECOND_FACTOR_TTL_MS = 5 * 60_000;
const ENROL_TTL_MS = 15 * 60_000;
/** Wrong codes a half-signed-in session may give before it ends (the limits count them as well). */
const CODES_PER_SESSION = 5;
/** Password checks made on every sign-in, whatever the number of accounts with the address. */
const MIN_CHECKS = 2;

export const LoginOut = z.union([
  Me,
  z.object({ step: z.enum(["second-factor", "enrol"]), csrfToken: z.string() }),
]);

/**
 * The signed-in staff member as the API shows them.
 *
 * @example
 * c.json(meOf(user, session.csrf_token), 200);
 */
export function meOf(user: User, csrfToken: string): z.infer<typeof Me> {
  const language = user.language === "en" || user.language === "fr" ? user.language : null;
  return {
    id: user.id,
    networkId: user.network_id,
    role: user.role,
    displayName: user.display_name,
    csrfToken,
    language,
  };
}

/**
 * Sets the session cookie (lifetime = the session's).
 *
 * @example
 * setSessionCookie(c, ctx, token, ctx.config.sessionTtlMs);
 */
export function setSessionCookie(c: Context<AppEnv>, ctx: Ctx, token: string, ttlMs: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: ctx.config.secureCookies,
    path: "/",
    maxAge: Math.floor(ttlMs / 1000),
  });
}

/**
 * Starts a full session for the user (a new token: a half session is never promoted in place).
 *
 * @example
 * return c.json(await startFullSession(c, ctx, user, { factor: "totp" }), 200);
 */
export async function startFullSession(
  c: Context<AppEnv>,
  ctx: Ctx,
  user: User,
  detail: Record<string, unknown> = {},
): Promise<z.infer<typeof Me>> {
  const { token, session } = await createAuthSession(ctx.store.db, user.id, ctx.config.sessionTtlMs);
  setSessionCookie(c, ctx, token, ctx.config.sessionTtlMs);
  await audit(ctx.store.db, c, {
    action: "login",
    entity: "user",
    entityId: user.id,
    networkId: user.network_id,
    ...(Object.keys(detail).length ? { detail } : {}),
  });
  return meOf(user, session.csrf_token);
}

export function signInApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    apiRoute(PUBLIC, {
      method: "post",
      path: "/api/auth/login",
      summary:
        "Sign in with email and password; sets an HttpOnly session cookie. With two-factor sign-in the answer is " +
        "{step: second-factor} (then POST /api/auth/login/second-factor) or {step: enrol} (the network requires it)",
      request: jsonBody(LoginBody),
      responses: { 200: json(LoginOut) },
    }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const candidates = (await listUsersBySignInName(db, email)).slice(0, 8);
      const keys = attemptKeys(
        c,
        ctx,
        email,
        candidates.map((u) => u.id),
      );
      checkAttempt(ctx, keys);
      // Every candidate is checked (no early exit), and at least MIN_CHECKS times in all.
      const hashes: (string | null)[] = candidates.map((u) => u.password_hash);
      while (hashes.length < MIN_CHECKS) hashes.push(null);
      const ok: boolean[] = [];
      for (const h of hashes) ok.push(await verifyPassword(password, h));
      const matches = candidates.filter((u, i) => ok[i] && !u.disabled_at);
      const trusted = deviceAccounts(c, ctx);
      const user = matches.find((u) => trusted.includes(u.id)) ?? matches[0];
      if (!user) {
        countFailure(ctx, keys);
        await audit(db, c, {
          action: "login-failed",
          entity: "user",
          entityId: candidates[0]?.id ?? null,
          networkId: candidates[0]?.network_id ?? null,
        });
        throw new ApiError("unauthenticated", "wrong email or password");
      }
      const stage: "full" | "second-factor" | "enrol" = user.totp_secret
        ? "second-factor"
        : (await networkRequiresTotp(ctx, user))
          ? "enrol"
          : "full";
      if (stage === "full") {
        const me = await startFullSession(c, ctx, user);
        signedIn(c, ctx, keys, user.id); // after: the session cookie stays the first one set
        return c.json(me, 200);
      }
      const ttl = stage === "enrol" ? ENROL_TTL_MS : SECOND_FACTOR_TTL_MS;
      const { token, session } = await createAuthSession(db, user.id, ttl, stage);
      setSessionCookie(c, ctx, token, ttl);
      await audit(db, c, {
        action: "login-password",
        entity: "user",
        entityId: user.id,
        networkId: user.network_id,
        detail: { next: stage },
      });
      return c.json({ step: stage, csrfToken: session.csrf_token }, 200);
    },
  );

  app.openapi(
    apiRoute(PUBLIC, {
      method: "post",
      path: "/api/auth/login/second-factor",
      summary:
        "The second sign-in step: a code from the authenticator app, or one of the recovery codes (each works once); " +
        "needs the half-signed-in session of POST /api/auth/login and its x-csrf-token",
      request: jsonBody(SecondFactorBody),
      responses: { 200: json(Me.extend({ recoveryCodesLeft: z.number().optional() })) },
    }),
    async (c) => {
      const p = c.get("principal");
      const sealed = p.kind === "pending" && p.stage === "second-factor" ? p.user.totp_secret : null;
      if (p.kind !== "pending" || !sealed)
        throw new ApiError("unauthenticated", "sign in with your password first");
      if (c.req.header(CSRF_HEADER) !== p.session.csrf_token)
        throw new ApiError("forbidden", `missing or wrong ${CSRF_HEADER} header (CSRF protection)`);
      const user = p.user;
      const keys = attemptKeys(c, ctx, user.email ?? user.shared_email ?? user.id, [user.id]);
      checkAttempt(ctx, keys);
      const body = c.req.valid("json");
      let factor: "totp" | "recovery-code" | undefined;
      let reused = false;
      if (body.code !== undefined) {
        const step = verifyTotp(ctx.box.open(sealed, user.id), body.code, { now: Date.now() });
        if (step !== null) {
          if (await claimTotpStep(db, user.id, step)) factor = "totp";
          else reused = true;
        }
      } else if (body.recoveryCode !== undefined) {
        const hash = ctx.box.codeHash(normaliseRecoveryCode(body.recoveryCode));
        if (await useRecoveryCode(db, user.id, hash)) factor = "recovery-code";
      }
      if (!factor) {
        countFailure(ctx, keys);
        const wrong = await countWrongCode(db, p.session.id);
        if (wrong >= CODES_PER_SESSION) await endSessionById(db, p.session.id);
        await audit(db, c, {
          action: "login-failed",
          entity: "user",
          entityId: user.id,
          networkId: user.network_id,
          detail: { step: "second-factor", reused },
        });
        throw new ApiError(
          "unauthenticated",
          wrong >= CODES_PER_SESSION
            ? "too many wrong codes; sign in again"
            : reused
              ? "this code was already used; wait for the next one"
              : "wrong code",
        );
      }
      await endSessionById(db, p.session.id);
      const me = await startFullSession(c, ctx, user, { factor });
      signedIn(c, ctx, keys, user.id);
      if (factor === "totp") return c.json(me, 200);
      const left = await recoveryCodesLeft(db, user.id);
      await audit(db, c, {
        action: "use-recovery-code",
        entity: "user",
        entityId: user.id,
        networkId: user.network_id,
        detail: { left },
      });
      return c.json({ ...me, recoveryCodesLeft: left }, 200);
    },
  );
  return app;
}

/**
 * Whether the user's network requires two-factor sign-in.
 *
 * @example
 * if (await networkRequiresTotp(ctx, user)) …
 */
export async function networkRequiresTotp(ctx: Ctx, user: User): Promise<boolean> {
  return NetworkRepository.requiresTotp(ctx.store.db, user.network_id);
}
