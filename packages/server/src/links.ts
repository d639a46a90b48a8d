// Issuing a one-time patient link (used by the session's link route and the reminder list).
import type { Context } from "hono";
import { createLink, type Episode, type TherapySession } from "@attune/db";
import type { AppEnv, Ctx } from "./context.ts";
import { userOf } from "./auth/principal.ts";
import { audit } from "./audit/record.ts";
import { invalid } from "./errors.ts";
import { formsWithoutWording } from "./instruments/licensed.ts";

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

/**
 * Refuses (400) a link whose forms include a shell without wording in this network: the patient would
 * see numbered blank questions. The message names each form and says to import the licensed text first.
 *
 * @example
 * await assertFormsHaveWording(ctx, episode.network_id, forms); // throws for the WAI-SR before an import
 */
export async function assertFormsHaveWording(ctx: Ctx, networkId: string, forms: string[]): Promise<void> {
  const blank = await formsWithoutWording(ctx.store.db, ctx.instruments, networkId, forms);
  if (blank.length === 0) return;
  const named = blank.map((u) => {
    const q = ctx.instruments.byUrl(u)?.questionnaire;
    return { url: u, id: q?.id ?? u, title: q?.title ?? u };
  });
  const list = named.map((n) => `"${n.title}" (${n.id})`).join(", ");
  throw invalid(
    `No patient link was made: ${list} ${blank.length === 1 ? "has" : "have"} no wording in this network yet. ` +
      "attune does not ship licensed wording; a coordinator must import the network's licensed text first " +
      "on the Instruments page.",
    named.map((n) => ({
      where: `forms(${n.url})`,
      message: `${n.id} has no wording in this network: import the licensed text first (POST /api/instruments/${n.id}/licensed-text)`,
    })),
  );
}
