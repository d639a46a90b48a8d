// Two-factor sign-in records (migration 050): an account's TOTP secret (encrypted by the server before it
// gets here), the last accepted time step, recovery codes (hashes), and the network's requirement.
// Every check-and-use is one conditional UPDATE, so two processes never accept the same code twice.
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";

/**
 * Keeps a secret being enrolled (replacing any earlier unfinished enrolment); the active one is untouched.
 *
 * @example
 * await setPendingTotp(db, user.id, sealed);
 */
export async function setPendingTotp(db: Db, userId: string, sealedSecret: string): Promise<void> {
  await db.updateTable("users").set({ totp_pending: sealedSecret }).where("id", "=", userId).execute();
}

/**
 * Switches two-factor sign-in on with the pending secret, remembering the step of the confirming code,
 * and replaces the account's recovery codes by the given hashes. False when nothing was pending.
 *
 * @example
 * await enableTotp(trx, user.id, step, hashes);
 */
export async function enableTotp(
  db: Db,
  userId: string,
  step: number,
  codeHashes: string[],
): Promise<boolean> {
  const user = await db
    .selectFrom("users")
    .select("totp_pending")
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user?.totp_pending) return false;
  const r = await db
    .updateTable("users")
    .set({
      totp_secret: user.totp_pending,
      totp_pending: null,
      totp_enabled_at: nowIso(),
      totp_last_step: step,
    })
    .where("id", "=", userId)
    .where("totp_pending", "=", user.totp_pending)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  const now = nowIso();
  for (const code_hash of codeHashes)
    await db
      .insertInto("recovery_codes")
      .values({ id: newId(), user_id: userId, code_hash, created_at: now, used_at: null })
      .execute();
  return true;
}

/**
 * Switches two-factor sign-in off: the secret, any pending one and the recovery codes go.
 *
 * @example
 * await disableTotp(trx, user.id);
 */
export async function disableTotp(db: Db, userId: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ totp_secret: null, totp_pending: null, totp_enabled_at: null, totp_last_step: null })
    .where("id", "=", userId)
    .execute();
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
}

/**
 * Claims a time step for the account: true only if no code of this step or a later one was accepted
 * before (so a code, once used, is refused for the rest of its window, also by another process).
 *
 * @example
 * if (!(await claimTotpStep(db, user.id, step))) throw conflict("this code was already used");
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable("users")
    .set({ totp_last_step: step })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Uses one recovery code of the account (by its hash): true the first time, false ever after.
 *
 * @example
 * await useRecoveryCode(db, user.id, hashRecoveryCode(key, "abcde-fghij"));
 */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const r = await db
    .updateTable("recovery_codes")
    .set({ used_at: nowIso() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * How many unused recovery codes the account has left.
 *
 * @example
 * await recoveryCodesLeft(db, user.id); // 10 after enrolment
 */
export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Sets whether the network requires every staff member to sign in with a second factor.
 *
 * @example
 * await setNetworkRequiresTotp(trx, me.network_id, true);
 */
export async function setNetworkRequiresTotp(db: Db, networkId: string, required: boolean): Promise<void> {
  await db
    .updateTable("networks")
    .set({ require_totp: required ? 1 : 0 })
    .where("id", "=", networkId)
    .execute();
}
