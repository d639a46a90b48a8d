// Issuing a one-time patient link (used by the session's link route and the reminder list).
import type { Context } from "hono";
import { createLink, type Episode, type TherapySession } from "@attune/db";
import type { AppEnv, Ctx } from "./context.ts";
import { userOf } from "./auth/principal.ts";
import { audit } from "./audit.ts";

export interface IssuedLink {
  token: string;
  url: string;
  expiresAt: string;
  forms: string[];
}

/** Creates a link for a session's forms (stored as the token's hash) and audits it, in one transaction. */
export async function issueLink(
  ctx: Ctx,
  c: Context<AppEnv>,
  l: { episode: Episode; session: TherapySession; forms: string[]; expiresAt: Date },
): Promise<IssuedLink> {
  const { token } = await ctx.store.db.transaction().execute(async (trx) => {
    const made = await createLink(trx, {
      networkId: l.episode.network_id,
      episodeId: l.episode.id,
      sessionId: l.session.id,
      forms: l.forms,
      expiresAt: l.expiresAt.toISOString(),
      createdBy: userOf(c).id,
    });
    await audit(trx, c, { action: "create", entity: "patient_link", entityId: made.link.id });
    return made;
  });
  return {
    token,
    url: `${ctx.config.publicBaseUrl}/r/${token}`,
    expiresAt: l.expiresAt.toISOString(),
    forms: l.forms,
  };
}
