// Staff sign-in sessions; the cookie holds a random token, the table its sha256. A session is "full", or
// half signed in (migration 050): "second-factor" after a right password when a code is due, "enrol" when
// the network requires two-factor sign-in and the account has none yet. Half sessions are short-lived.
import { randomBytes } from "node:crypto";
import type { Db } from "../open.ts";
import { nowIso } from "../ids.ts";
import type { AuthSession, SessionStage, User } from "../schema.ts";
import { hashToken } from "./links.ts";

/**
 * Starts a sign-in session (full unless a stage is given) and answers its cookie token.
 *
 * @example
 * const { token } = await createAuthSession(db, user.id, 8 * 3600_000);
 */
export async function createAuthSession(
  db: Db,
  userId: string,
  ttlMs: number,
  stage: SessionStage = "full",
): Promise<{ token: string; session: AuthSession }> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const session: AuthSession = {
    id: hashToken(token),
    user_id: userId,
    csrf_token: randomBytes(24).toString("base64url"),
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + ttlMs).toISOString(),
    stage,
    attempts: 0,
    last_seen_at: new Date(now).toISOString(),
  };
  await db.insertInto("auth_sessions").values(session).execute();
  return { token, session };
}

/** A live session, its (enabled) user, and whether the user's network requires a second factor. */
export interface FoundSession {
  session: AuthSession;
  user: User;
  networkRequiresTotp: boolean;
}

/**
 * The live session and its (enabled) user for a cookie token.
 *
 * @example
 * const found = await findAuthSession(db, cookie); // undefined when expired, ended or disabled
 */
export async function findAuthSession(db: Db, token: string): Promise<FoundSession | undefined> {
  const session = await db
    .selectFrom("auth_sessions")
    .selectAll()
    .where("id", "=", hashToken(token))
    .where("expires_at", ">", nowIso())
    .executeTakeFirst();
  if (!session) return undefined;
  const row = await db
    .selectFrom("users")
    .innerJoin("networks", "networks.id", "users.network_id")
    .selectAll("users")
    .select("networks.require_totp")
    .where("users.id", "=", session.user_id)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { require_totp, ...user } = row;
  return { session, user, networkRequiresTotp: Number(require_totp) === 1 };
}

export async function deleteAuthSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("auth_sessions").where("id", "=", hashToken(token)).execute();
}

/**
 * Counts one wrong code in a half-signed-in session and answers how many it has had.
 *
 * @example
 * if ((await countWrongCode(db, session.id)) >= 5) await endSessionById(db, session.id);
 */
export async function countWrongCode(db: Db, sessionId: string): Promise<number> {
  await db
    .updateTable("auth_sessions")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("id", "=", sessionId)
    .execute();
  const r = await db
    .selectFrom("auth_sessions")
    .select("attempts")
    .where("id", "=", sessionId)
    .executeTakeFirst();
  return Number(r?.attempts ?? Number.MAX_SAFE_INTEGER);
}

/**
 * Ends one session by its id (the token's hash), e.g. a half-signed-in one that is replaced by a full one.
 *
 * @example
 * await endSessionById(trx, principal.session.id);
 */
export async function endSessionById(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("auth_sessions").where("id", "=", sessionId).execute();
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
