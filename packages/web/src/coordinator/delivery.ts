// The coordinator pages' words for messages the server sends: how one link left ("e-mailed", "SMS",
// or nothing: copy it), and the therapists' rating reminders of a study.
import { html, nothing, type TemplateResult } from "lit-html";
import type { DeliveryOut, TherapistRemindersOut } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import type { Lang } from "../lang.ts";
import { completionText } from "./completionText.ts";

/**
 * "E-mailed (queued)" / "SMS (queued)" beside a link, or nothing when it was not sent.
 *
 * @example
 * html`${copyField(...)} ${deliveryLabel(r.delivery, ctx.lang)}`
 */
export function deliveryLabel(
  d: DeliveryOut | undefined,
  lang: Lang = "en",
): TemplateResult | typeof nothing {
  const w = completionText(lang).delivery;
  if (d === undefined) return nothing;
  if (d === null) return html`<span class="small muted">${w.notSent}</span>`;
  return html`<span class="small">${w.sent(d.channel === "email" ? "email" : "sms")}</span>`;
}

/**
 * E-mails each therapist of the study the ratings they owe; answers the sentence to show.
 *
 * @example
 * notice = await remindTherapists(ctx, studyId, { lateAfterDays: 3 });
 */
export async function remindTherapists(
  ctx: StaffContext,
  studyId: string,
  o: { lateAfterDays: number; missedAfterDays: number },
): Promise<string> {
  const r = await call<TherapistRemindersOut>(
    ctx,
    "POST",
    `/api/studies/${encodeURIComponent(studyId)}/therapist-reminders`,
    o,
  );
  const w = completionText(ctx.lang).delivery;
  const sent = r.reminders.filter((x) => x.delivery);
  const unsent = r.reminders.filter((x) => !x.delivery).map((x) => x.therapist);
  if (!r.reminders.length) return w.noTherapist;
  return (
    w.reminded(sent.length, sent.map((x) => `${x.therapist}: ${x.sessions.length}`).join(", ")) +
    (unsent.length ? w.unreached(unsent.join(", ")) : "") +
    "."
  );
}
