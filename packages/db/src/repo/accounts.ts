// Staff accounts' lifecycle: ending sessions, voiding invitations, disabling and setting passwords.
// Every change that gives an account a new credential ends its other ways in (issue 12).
import type { Db } from "../open.ts";
import { nowIso } from "../ids.ts";

/**
 * Ends every sign-in session of the account except `keepSessionId` (the caller's own, if any).
 *
 * @example
 * await endSessions(trx, userId); // all of them
 */
export async function endSessions(db: Db, userId: string, keepSessionId?: string): Promise<number> {
  let q = db.deleteFrom("auth_sessions").where("user_id", "=", userId);
  if (keepSessionId) q = q.where("id", "!=", keepSessionId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Voids the account's open invitations except `keepId` (they expire now, so their links answer
 * "expired"). Issuing or using an invitation calls this, so only the newest link ever works.
 *
 * @example
 * await voidInvitations(trx, userId, invitation.id);
 */
export async function voidInvitations(db: Db, userId: string, keepId?: string): Promise<number> {
  const now = nowIso();
  let q = db
    .updateTable("invitations")
    .set({ expires_at: now })
    .where("user_id", "=", userId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now);
  if (keepId) q = q.where("id", "!=", keepId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Sets a new password and ends every other session and open invitation of the account.
 *
 * @example
 * await setPassword(trx, user.id, await hashPassword(pw), mySessionId);
 */
export async function setPassword(
  db: Db,
  userId: string,
  passwordHash: string,
  keepSessionId?: string,
): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
  await endSessions(db, userId, keepSessionId);
  await voidInvitations(db, userId);
}

/**
 * Disables (or re-enables) a staff account; disabling ends its sessions and invitations at once.
 *
 * @example
 * await setDisabled(trx, userId, true);
 */
export async function setDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  await db
    .updateTable("users")
    .set({ disabled_at: disabled ? nowIso() : null })
    .where("id", "=", userId)
    .execute();
  if (disabled) {
    await endSessions(db, userId);
    await voidInvitations(db, userId);
  }
}
