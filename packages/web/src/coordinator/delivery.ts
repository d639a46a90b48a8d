// The coordinator pages' words for messages the server sends: how one link left ("e-mailed", "SMS",
// or nothing: copy it), and the therapists' rating reminders of a study.
import { html, nothing, type TemplateResult } from "lit-html";
import type { DeliveryOut, TherapistRemindersOut } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";

/**
 * "E-mailed (queued)" / "SMS (queued)" beside a link, or nothing when it was not sent.
 *
 * @example
 * html`${copyField(...)} ${deliveryLabel(r.delivery)}`
 */
export function deliveryLabel(d: DeliveryOut | undefined): TemplateResult | typeof nothing {
  if (d === undefined) return nothing;
  if (d === null) return html`<span class="small muted">not sent: no contact details — copy it</span>`;
  return html`<span class="small">${d.channel === "email" ? "e-mailed" : "SMS"} (queued)</span>`;
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
  const sent = r.reminders.filter((x) => x.delivery);
  const unsent = r.reminders.filter((x) => !x.delivery).map((x) => x.therapist);
  if (!r.reminders.length) return "No therapist has an open or late rating: nobody was reminded.";
  return (
    `${sent.length} therapist${sent.length === 1 ? "" : "s"} reminded by e-mail` +
    (sent.length ? ` (${sent.map((x) => `${x.therapist}: ${x.sessions.length}`).join(", ")})` : "") +
    (unsent.length
      ? `; not reached (no e-mail address or e-mail not configured): ${unsent.join(", ")}`
      : "") +
    "."
  );
}
