// Self-service password reset: "Forgot password?" e-mails a one-time link (valid one hour) to the
// account's address. The link is an invitation (db repo/study.ts createInvitation): issuing it voids
// the account's older links, and using it goes through POST /api/auth/invitation, the path that sets
// the password, ends every session of the account and voids its other links. It signs nobody in, so
// the next sign-in asks for everything sign-in asks for (a second factor included).
// The answer is the same, after the same minimum time, whether the address belongs to an account or
// not; requests are limited per client address and per address asked about.
import { createInvitation, listUsersBySignInName } from "@attune/db";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError } from "../errors.ts";
import { RateLimiter } from "./rateLimit.ts";
import { audit, clientAddress } from "../audit/record.ts";
import { apiRoute, json, jsonBody, PUBLIC } from "../route.ts";
import { PASSWORD_RESET_TTL_MS } from "../messaging/config.ts";
import { PasswordResetBody, PasswordResetOut } from "@attune/api";

/** Every answer takes at least this long, so its timing does not tell a known address from an unknown one. */
export const RESET_ANSWER_MS = 400;
const WINDOW_MS = 15 * 60_000;

export const RESET_ANSWER =
  "If an account uses this address, a link to choose a new password is on its way; it works once, for one hour.";

/**
 * POST /api/auth/password-reset.
 *
 * @example
 * app.route("/", passwordResetApi(ctx));
 */
export function passwordResetApi(ctx: Ctx): Api {
  const app = newApi();
  const perAddress = new RateLimiter(10, WINDOW_MS);
  const perAccount = new RateLimiter(3, WINDOW_MS);
  app.openapi(
    apiRoute(PUBLIC, {
      method: "post",
      path: "/api/auth/password-reset",
      summary:
        "Forgot password: e-mails a one-time link (one hour) to the account with this address; the same answer for any address (rate-limited)",
      request: jsonBody(PasswordResetBody),
      responses: { 202: json(PasswordResetOut) },
    }),
    async (c) => {
      const started = Date.now();
      if (!ctx.messenger.channels.email)
        throw new ApiError(
          "conflict",
          "e-mail is not configured on this server, so passwords cannot be reset by e-mail; ask your coordinator for a new invitation link",
        );
      const email = c.req.valid("json").email.trim();
      const addr = clientAddress(c) ?? "unknown";
      const wait = Math.max(perAddress.hit(addr), perAccount.hit(email.toLowerCase()));
      if (wait > 0) throw new ApiError("rate-limited", `too many reset requests; try again in ${wait} s`);
      // One address can sign in to accounts of several networks (migration 051): each gets its own link.
      const users = (await listUsersBySignInName(ctx.store.db, email)).filter((u) => !u.disabled_at);
      for (const user of users) {
        const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS).toISOString();
        const { token } = await ctx.store.db.transaction().execute(async (trx) => {
          const made = await createInvitation(trx, { userId: user.id, createdBy: user.id, expiresAt });
          await audit(trx, c, {
            action: "request-password-reset",
            entity: "user",
            entityId: user.id,
            networkId: user.network_id,
            detail: { invitation: made.invitation.id },
          });
          return made;
        });
        await ctx.messenger.toStaff({
          user,
          queuedBy: null,
          message: {
            kind: "password-reset",
            name: user.display_name,
            url: `${ctx.config.publicBaseUrl}/reset/${token}`,
            expiresAt,
          },
        });
      }
      if (users.length === 0)
        await audit(ctx.store.db, c, { action: "request-password-reset", entity: "user", entityId: null });
      const rest = RESET_ANSWER_MS - (Date.now() - started);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
      return c.json({ status: "queued" as const, message: RESET_ANSWER }, 202);
    },
  );
  return app;
}
