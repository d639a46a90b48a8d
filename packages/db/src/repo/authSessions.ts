// Staff sign-in sessions; the cookie holds a random token, the table its sha256.
import { randomBytes } from "node:crypto";
import type { Db } from "../open.ts";
import { nowIso } from "../ids.ts";
import type { AuthSession, User } from "../schema.ts";
import { hashToken } from "./links.ts";

export async function createAuthSession(
  db: Db,
  userId: string,
  ttlMs: number,
): Promise<{ token: string; session: AuthSession }> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const session: AuthSession = {
    id: hashToken(token),
    user_id: userId,
    csrf_token: randomBytes(24).toString("base64url"),
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + ttlMs).toISOString(),
    last_seen_at: new Date(now).toISOString(),
  };
  await db.insertInto("auth_sessions").values(session).execute();
  return { token, session };
}

/** The live session and its (enabled) user for a cookie token. */
export async function findAuthSession(
  db: Db,
  token: string,
): Promise<{ session: AuthSession; user: User } | undefined> {
  const session = await db
    .selectFrom("auth_sessions")
    .selectAll()
    .where("id", "=", hashToken(token))
    .where("expires_at", ">", nowIso())
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", session.user_id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return user ? { session, user } : undefined;
}

export async function deleteAuthSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("auth_sessions").where("id", "=", hashToken(token)).execute();
}

/**
 * Records a request of the session now, for idle sign-out (migration 060).
 *
 * @example
 * await touchAuthSession(db, session.id);
 */
export async function touchAuthSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable("auth_sessions").set({ last_seen_at: nowIso() }).where("id", "=", sessionId).execute();
}
