// One-time patient links: a random 256-bit token, stored only as its sha256, bound to one episode,
// session and set of forms, with an expiry. The first submission claims the link atomically.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { PatientLink } from "../schema.ts";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export interface NewLink {
  networkId: string;
  episodeId: string;
  sessionId: string;
  forms: string[];
  expiresAt: string;
  /** When the link starts working (a session made ahead: the start of its day); absent = at once. */
  opensAt?: string | null;
  createdBy: string;
}

export async function createLink(db: Db, l: NewLink): Promise<{ token: string; link: PatientLink }> {
  const token = newToken();
  const link: PatientLink = {
    id: newId(),
    token_hash: hashToken(token),
    network_id: l.networkId,
    episode_id: l.episodeId,
    session_id: l.sessionId,
    forms: JSON.stringify(l.forms),
    expires_at: l.expiresAt,
    opens_at: l.opensAt ?? null,
    created_by: l.createdBy,
    created_at: nowIso(),
    submitted_at: null,
    submission_hash: null,
    result: null,
  };
  await db.insertInto("patient_links").values(link).execute();
  return { token, link };
}

export async function findLinkByToken(db: Db, token: string): Promise<PatientLink | undefined> {
  return db
    .selectFrom("patient_links")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
}

/**
 * Marks the link used by a submission with this hash and result. Returns false when another
 * submission claimed it first (the caller then re-reads the link and compares hashes).
 * Must run inside the transaction that stores the responses.
 */
export async function claimLink(
  db: Db,
  linkId: string,
  submissionHash: string,
  resultIds: string[],
): Promise<boolean> {
  const r = await db
    .updateTable("patient_links")
    .set({ submitted_at: nowIso(), submission_hash: submissionHash, result: JSON.stringify(resultIds) })
    .where("id", "=", linkId)
    .where("submitted_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
