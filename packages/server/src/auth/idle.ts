// Idle sign-out: a staff session ends after the configured time without a request. Each request
// records itself (at most every minute, or every tenth of the idle period when that is shorter, so
// a busy page does not write on every call); a request after the idle period ends the session and
// is answered 401 with the reason, which the page shows.
import { deleteAuthSession, touchAuthSession, type AuthSession, type Db } from "@attune/db";

/**
 * What a request finds: the session still `fresh`, due a `touch`, or `expired` by idleness.
 *
 * @example
 * idleState({ ...session, last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }, 30 * 60_000); // "expired"
 */
export function idleState(
  s: Pick<AuthSession, "created_at" | "last_seen_at">,
  idleMs: number,
  now = Date.now(),
): "fresh" | "touch" | "expired" {
  const seen = Date.parse(s.last_seen_at ?? s.created_at);
  const quiet = now - seen;
  if (quiet > idleMs) return "expired";
  return quiet >= Math.min(60_000, idleMs / 10) ? "touch" : "fresh";
}

/**
 * The words of an idle sign-out ("after 30 minutes", or seconds for a period under a minute).
 *
 * @example
 * idleMessage(30 * 60_000); // "signed out after 30 minutes without activity; sign in again"
 */
export function idleMessage(idleMs: number): string {
  const span =
    idleMs % 60_000 === 0
      ? `${idleMs / 60_000} minute${idleMs === 60_000 ? "" : "s"}`
      : `${Math.round(idleMs / 1000)} seconds`;
  return `signed out after ${span} without activity; sign in again`;
}

/**
 * Applies idle sign-out to a found session: false (and the session deleted) when it was idle too long.
 *
 * @example
 * if (!(await keepAlive(db, token, found.session, ctx.config.sessionIdleMs))) principal = signedOut;
 */
export async function keepAlive(db: Db, token: string, s: AuthSession, idleMs: number): Promise<boolean> {
  const state = idleState(s, idleMs);
  if (state === "expired") {
    await deleteAuthSession(db, token);
    return false;
  }
  if (state === "touch") await touchAuthSession(db, s.id);
  return true;
}
