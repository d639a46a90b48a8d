// Enrolling in, and leaving, two-factor sign-in (TOTP). Setup makes a secret (sealed with the server key)
// and shows it as an otpauth:// QR code and as text; it is switched on only when a current code confirms
// it, which answers ten recovery codes, once (only their keyed hashes are kept). Turning it off needs the
// password and a code. A half-signed-in "enrol" session (the network requires two-factor sign-in) may call
// setup and enable only; enabling then gives it a full session.
import type { MiddlewareHandler } from "hono";
import QRCode from "qrcode";
import {
  disableTotp,
  enableTotp,
  endSessionById,
  recoveryCodesLeft,
  setPendingTotp,
  useRecoveryCode,
  claimTotpStep,
  getUser,
} from "@attune/db";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import { ACTORS, type AppEnv, type Ctx } from "../context.ts";
import { ApiError } from "../errors.ts";
import { CSRF_HEADER, userOf } from "./principal.ts";
import { verifyPassword } from "./password.ts";
import { newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpUri, verifyTotp } from "./totp.ts";
import { attemptKeys, checkAttempt, countFailure, signedIn } from "./signInLimits.ts";
import { meOf, networkRequiresTotp, startFullSession } from "./signIn.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody, PUBLIC } from "../route.ts";
import { Me, TotpCodeBody, TotpDisableBody, TotpSetup, TotpStatus } from "@attune/api";

const STAFF = ACTORS.filter((a) => a !== "patient");
const ISSUER = "attune";

/** Staff with a full session, or a half-signed-in one that must enrol; changes need the CSRF token. */
const enrolGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const p = c.get("principal");
  const ok = p.kind === "user" || (p.kind === "pending" && p.stage === "enrol");
  if (!ok) throw new ApiError("unauthenticated", "sign in first");
  if (c.req.method !== "GET" && c.req.header(CSRF_HEADER) !== p.session.csrf_token)
    throw new ApiError("forbidden", `missing or wrong ${CSRF_HEADER} header (CSRF protection)`);
  await next();
};

/** A route open to staff and to a half-signed-in session that must enrol. */
function enrolRoute<const R extends Parameters<typeof apiRoute>[1]>(r: R) {
  return { ...apiRoute(PUBLIC, r, [enrolGuard]), "x-allowed": [...STAFF, "enrolling"] };
}

function enrollee(c: Parameters<MiddlewareHandler<AppEnv>>[0]) {
  const p = c.get("principal");
  if (p.kind === "user" || p.kind === "pending") return p;
  throw new ApiError("unauthenticated", "sign in first");
}

export function twoFactorApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  app.openapi(
    enrolRoute({
      method: "get",
      path: "/api/auth/totp",
      summary: "Whether your account signs in with a second factor, and how many recovery codes are left",
      responses: { 200: json(TotpStatus) },
    }),
    async (c) => {
      const { user } = enrollee(c);
      return c.json(
        {
          enabled: user.totp_secret !== null,
          enabledAt: user.totp_enabled_at,
          recoveryCodesLeft: user.totp_secret ? await recoveryCodesLeft(db, user.id) : 0,
          requiredByNetwork: await networkRequiresTotp(ctx, user),
        },
        200,
      );
    },
  );

  app.openapi(
    enrolRoute({
      method: "post",
      path: "/api/auth/totp/setup",
      summary:
        "Start enrolling an authenticator app: a new secret as text, as an otpauth:// URI and as a QR code (SVG data " +
        "URL); nothing changes until POST /api/auth/totp/enable confirms it with a code",
      responses: { 200: json(TotpSetup) },
    }),
    async (c) => {
      const { user } = enrollee(c);
      if (user.totp_secret)
        throw new ApiError(
          "conflict",
          "two-factor sign-in is already on; turn it off first to enrol a new app",
        );
      const secret = newTotpSecret();
      await setPendingTotp(db, user.id, ctx.box.seal(secret, user.id));
      const uri = totpUri(secret, user.email ?? user.shared_email ?? user.code, ISSUER);
      const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
      const qrCode = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
      return c.json({ secret, uri, qrCode }, 200);
    },
  );

  app.openapi(
    enrolRoute({
      method: "post",
      path: "/api/auth/totp/enable",
      summary:
        "Confirm enrolment with a current code: two-factor sign-in is on, and the answer carries ten single-use " +
        "recovery codes (shown this once)",
      request: jsonBody(TotpCodeBody),
      responses: { 200: json(z.object({ recoveryCodes: z.array(z.string()), me: Me.optional() })) },
    }),
    async (c) => {
      const p = enrollee(c);
      const user = (await getUser(db, p.user.id)) ?? p.user;
      if (user.totp_secret) throw new ApiError("conflict", "two-factor sign-in is already on");
      if (!user.totp_pending) throw new ApiError("conflict", "start with POST /api/auth/totp/setup");
      const keys = attemptKeys(c, ctx, user.email ?? user.shared_email ?? user.id, [user.id]);
      checkAttempt(ctx, keys);
      const step = verifyTotp(ctx.box.open(user.totp_pending, user.id), c.req.valid("json").code, {
        now: Date.now(),
      });
      if (step === null) {
        countFailure(ctx, keys);
        throw new ApiError("invalid", "wrong code: type the 6 digits your app shows now");
      }
      const codes = newRecoveryCodes();
      const ok = await db.transaction().execute(async (trx) => {
        if (
          !(await enableTotp(
            trx,
            user.id,
            step,
            codes.map((x) => ctx.box.codeHash(x)),
          ))
        )
          return false;
        await audit(trx, c, {
          action: "enable-totp",
          entity: "user",
          entityId: user.id,
          networkId: user.network_id,
        });
        return true;
      });
      if (!ok) throw new ApiError("conflict", "the enrolment changed meanwhile; start again");
      if (p.kind === "pending") {
        // Enrolled from the half-signed-in state: this browser is now fully signed in.
        await endSessionById(db, p.session.id);
        const me = await startFullSession(c, ctx, user, { factor: "totp-enrolment" });
        signedIn(c, ctx, keys, user.id);
        return c.json({ recoveryCodes: codes, me }, 200);
      }
      return c.json({ recoveryCodes: codes, me: meOf(user, p.session.csrf_token) }, 200);
    },
  );

  app.openapi(
    apiRoute(STAFF, {
      method: "post",
      path: "/api/auth/totp/disable",
      summary: "Turn two-factor sign-in off (needs your password and a current code or a recovery code)",
      request: jsonBody(TotpDisableBody),
      responses: { 200: json(z.object({ enabled: z.boolean() })) },
    }),
    async (c) => {
      const me = userOf(c);
      const { password, code } = c.req.valid("json");
      if (!me.totp_secret) return c.json({ enabled: false }, 200);
      if (await networkRequiresTotp(ctx, me))
        throw new ApiError("conflict", "your network requires two-factor sign-in; it cannot be turned off");
      const keys = attemptKeys(c, ctx, me.email ?? me.shared_email ?? me.id, [me.id]);
      checkAttempt(ctx, keys);
      const passwordOk = await verifyPassword(password, me.password_hash);
      const step = verifyTotp(ctx.box.open(me.totp_secret, me.id), code, { now: Date.now() });
      const codeOk = passwordOk
        ? step !== null
          ? await claimTotpStep(db, me.id, step)
          : await useRecoveryCode(db, me.id, ctx.box.codeHash(normaliseRecoveryCode(code)))
        : false;
      if (!passwordOk || !codeOk) {
        countFailure(ctx, keys);
        throw new ApiError("forbidden", "the password or the code is wrong (or the code was already used)");
      }
      await db.transaction().execute(async (trx) => {
        await disableTotp(trx, me.id);
        await audit(trx, c, { action: "disable-totp", entity: "user", entityId: me.id });
      });
      return c.json({ enabled: false }, 200);
    },
  );
  return app;
}
