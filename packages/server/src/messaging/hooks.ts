// The small calls the existing routes make after their own work is committed: send a patient link or
// reminder, send an invitation. Each answers the delivery the route adds to its answer.
import type { Context } from "hono";
import { getUser, type Episode, type TherapySession } from "@attune/db";
import type { AppEnv, Ctx } from "../context.ts";
import { userOf } from "../auth/principal.ts";
import type { Delivery } from "./messenger.ts";

export type DeliveryJson = { channel: "email" | "sms"; status: "queued"; messageId: string } | null;

/**
 * A delivery as the API answers it.
 *
 * @example
 * deliveryJson({ channel: "email", messageId: "01J…" }); // { channel: "email", status: "queued", messageId: "01J…" }
 */
export function deliveryJson(d: Delivery): DeliveryJson {
  return d ? { channel: d.channel, status: "queued", messageId: d.messageId } : null;
}

/**
 * Sends a just-issued patient link (or reminder) to the session's patient, if they can be reached.
 *
 * @example
 * const delivery = await sendPatientLink(ctx, c, { episode, session, link, kind: "patient-link" });
 */
export async function sendPatientLink(
  ctx: Ctx,
  c: Context<AppEnv>,
  o: {
    episode: Pick<Episode, "network_id" | "patient_id">;
    session: Pick<TherapySession, "number">;
    link: { url: string; expiresAt: string };
    kind: "patient-link" | "patient-reminder";
  },
): Promise<DeliveryJson> {
  const d = await ctx.messenger.toPatient({
    networkId: o.episode.network_id,
    patientId: o.episode.patient_id,
    queuedBy: userOf(c).id,
    message: { kind: o.kind, session: o.session.number, url: o.link.url, expiresAt: o.link.expiresAt },
  });
  return deliveryJson(d);
}

/**
 * E-mails a just-made invitation to the staff member (nothing when e-mail is not configured).
 *
 * @example
 * const delivery = await sendInvitation(ctx, c, userId, invitation);
 */
export async function sendInvitation(
  ctx: Ctx,
  c: Context<AppEnv>,
  userId: string,
  inv: { url: string; expiresAt: string },
): Promise<DeliveryJson> {
  const user = await getUser(ctx.store.db, userId);
  if (!user) return null;
  const d = await ctx.messenger.toStaff({
    user,
    queuedBy: userOf(c).id,
    message: { kind: "invitation", name: user.display_name, url: inv.url, expiresAt: inv.expiresAt },
  });
  return deliveryJson(d);
}
