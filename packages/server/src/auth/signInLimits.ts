// Who may try to sign in to an account, and how often. Three counters of failures (wrong password, wrong
// or reused code; successes never count), each over the same window:
// - per client address: one address guessing many accounts;
// - per (address, account): one address guessing one account; a success clears it;
// - per account, from every address together: many addresses guessing one account (a botnet). This one
//   would let anyone lock a colleague out by failing on purpose, so it does not apply to a browser that
//   carries the account's *device cookie* (OWASP "device cookies"): a signed, HttpOnly cookie set when the
//   account signed in fully (password and, if on, code) from that browser. The attacker's failures lock out
//   only browsers the account never used; the person's own browsers go on. A device cookie only exempts
//   from this counter: it never skips the password or the code.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv, Ctx } from "../context.ts";
import { ApiError } from "../errors.ts";
import { clientAddress } from "../audit/record.ts";

export const DEVICE_COOKIE = "attune_device";
const DEVICE_TTL_MS = 180 * 24 * 3600_000;
/** A shared clinic computer: the cookie remembers this many accounts, newest first. */
const DEVICE_ACCOUNTS = 5;

/** The three counters' keys for one sign-in attempt (the account by its sign-in name, known or not). */
export interface AttemptKeys {
  address: string;
  pair: string;
  account: string;
  /** The browser carries a valid device cookie of this account. */
  trusted: boolean;
}

/**
 * The keys of an attempt on an account (named by e-mail; for unknown e-mails too, so the limits behave
 * the same whether or not the account exists).
 *
 * @example
 * const keys = attemptKeys(c, ctx, email, candidates.map((u) => u.id));
 */
export function attemptKeys(c: Context<AppEnv>, ctx: Ctx, email: string, userIds: string[]): AttemptKeys {
  const address = clientAddress(c) ?? "unknown";
  const name = email.trim().toLowerCase();
  return {
    address,
    pair: `${address}\u0000${name}`,
    account: name,
    trusted: deviceAccounts(c, ctx).some((id) => userIds.includes(id)),
  };
}

/**
 * Refuses (429) when any counter that applies is used up.
 *
 * @example
 * checkAttempt(ctx, keys); // throws ApiError("rate-limited", …)
 */
export function checkAttempt(ctx: Ctx, k: AttemptKeys): void {
  const wait = Math.max(
    ctx.limits.address.wait(k.address),
    ctx.limits.account.wait(k.pair),
    k.trusted ? 0 : ctx.limits.accountWide.wait(k.account),
  );
  if (wait > 0) throw new ApiError("rate-limited", `too many sign-in attempts; try again in ${wait} s`);
}

/**
 * Counts one failure on every counter that applies.
 *
 * @example
 * countFailure(ctx, keys);
 */
export function countFailure(ctx: Ctx, k: AttemptKeys): void {
  ctx.limits.address.fail(k.address);
  ctx.limits.account.fail(k.pair);
  if (!k.trusted) ctx.limits.accountWide.fail(k.account);
}

/**
 * After a full sign-in: clears the (address, account) counter and remembers this browser for the account.
 *
 * @example
 * signedIn(c, ctx, keys, user.id);
 */
export function signedIn(c: Context<AppEnv>, ctx: Ctx, k: AttemptKeys, userId: string): void {
  ctx.limits.account.reset(k.pair);
  const now = Date.now();
  const entries = [userId, ...deviceAccounts(c, ctx).filter((id) => id !== userId)]
    .slice(0, DEVICE_ACCOUNTS)
    .map((id) => {
      const text = `${id}.${now}`;
      return `${text}.${ctx.box.sign(text)}`;
    });
  setCookie(c, DEVICE_COOKIE, entries.join("~"), {
    httpOnly: true,
    sameSite: "Strict",
    secure: ctx.config.secureCookies,
    path: "/api/auth",
    maxAge: Math.floor(DEVICE_TTL_MS / 1000),
  });
}

/**
 * The accounts whose valid, unexpired device cookie this browser carries.
 *
 * @example
 * deviceAccounts(c, ctx); // ["01J…"]
 */
export function deviceAccounts(c: Context<AppEnv>, ctx: Ctx): string[] {
  const raw = getCookie(c, DEVICE_COOKIE);
  if (!raw || raw.length > 2000) return [];
  const now = Date.now();
  const ids: string[] = [];
  for (const entry of raw.split("~")) {
    const [id, issued, mac] = entry.split(".");
    if (!id || !issued || !mac || !ctx.box.verify(`${id}.${issued}`, mac)) continue;
    if (now - Number(issued) > DEVICE_TTL_MS) continue;
    ids.push(id);
  }
  return ids;
}
