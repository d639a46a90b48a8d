// E-mail and SMS (server messaging/): how a link, reminder or invitation left, the send log, the
// therapists' rating reminders, what the server offers before sign-in, and the password reset request.
import { z } from "zod";
import { Id } from "./common.ts";

/** How a link, reminder or invitation left: queued on a channel, or null = no way to reach the person. */
export const DeliveryOut = z
  .object({ channel: z.enum(["email", "sms"]), status: z.literal("queued"), messageId: z.string() })
  .nullable();
export const MessageOut = z.object({
  id: z.string(),
  kind: z.string(),
  channel: z.enum(["email", "sms"]),
  /** The address or number; null once the patient was erased. */
  recipient: z.string().nullable(),
  patientId: z.string().nullable(),
  userId: z.string().nullable(),
  language: z.string(),
  status: z.enum(["queued", "sent", "failed"]),
  attempts: z.number(),
  queuedAt: z.string(),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
});
export const MessagesQuery = z.object({
  patientId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(2000).optional(),
});
export const MessagesOut = z.object({ email: z.boolean(), sms: z.boolean(), messages: z.array(MessageOut) });
export const TherapistRemindersBody = z.object({
  now: z.string().datetime({ offset: true }).optional(),
  lateAfterDays: z.number().min(0).max(365).optional(),
  missedAfterDays: z.number().min(0).max(3650).optional(),
});
export const TherapistRemindersOut = z.object({
  reminders: z.array(
    z.object({
      therapistId: z.string(),
      therapist: z.string(),
      sessions: z.array(z.object({ patient: z.string(), session: z.number(), late: z.boolean() })),
      delivery: DeliveryOut,
    }),
  ),
});
/** A patient link made earlier, to send to its patient (POST /api/links/send). */
export const SendLinkBody = z.object({ token: z.string().min(16).max(128) });
export const ServerOptionsOut = z.object({
  email: z.boolean(),
  sms: z.boolean(),
  passwordReset: z.boolean(),
  idleSeconds: z.number(),
});
export const PasswordResetBody = z.object({ email: z.string().min(3).max(200) });
export const PasswordResetOut = z.object({ status: z.literal("queued"), message: z.string() });

export type DeliveryOut = z.infer<typeof DeliveryOut>;
export type MessageOut = z.infer<typeof MessageOut>;
export type MessagesOut = z.infer<typeof MessagesOut>;
export type TherapistRemindersBody = z.input<typeof TherapistRemindersBody>;
export type TherapistRemindersOut = z.infer<typeof TherapistRemindersOut>;
export type SendLinkBody = z.input<typeof SendLinkBody>;
export type ServerOptionsOut = z.infer<typeof ServerOptionsOut>;
export type PasswordResetBody = z.input<typeof PasswordResetBody>;
export type PasswordResetOut = z.infer<typeof PasswordResetOut>;
