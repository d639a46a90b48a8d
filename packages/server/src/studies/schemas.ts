// The request and response shapes of a study's randomisation, completion monitor and reminders.
import { z } from "@hono/zod-openapi";
import { DeliveryOut, Id, IsoDate } from "../schemas.ts";

export const idParam = { params: z.object({ id: Id }) };
/** The site shown for a therapist without one. */
export const NO_SITE = "(no site)";

export const RandomiseBody = z.object({
  blockSize: z.number().int().min(2).max(24),
  /** Which therapists; default: every therapist of the network not yet allocated in the study. */
  therapistIds: z.array(Id).min(1).max(5000).optional(),
});
export const AllocationOut = z.object({
  therapistId: z.string(),
  therapistCode: z.string(),
  site: z.string(),
  arm: z.string(),
  block: z.number(),
  position: z.number(),
});
export const RandomisationOut = z.object({
  id: z.string(),
  studyId: z.string(),
  algorithm: z.string(),
  seed: z.number(),
  blockSize: z.number(),
  madeBy: z.string(),
  madeAt: z.string(),
  allocations: z.array(AllocationOut),
  reproduced: z.boolean(),
});
export const CompletionQuery = z.object({
  now: IsoDate.optional(),
  lateAfterDays: z.coerce.number().min(0).max(365).optional(),
  missedAfterDays: z.coerce.number().min(0).max(3650).optional(),
});
export const Counts = z.object({
  due: z.number(),
  done: z.number(),
  declined: z.number(),
  open: z.number(),
  late: z.number(),
  missed: z.number(),
  rate: z.number().nullable(),
});
export const FormOut = z.object({
  session: z.number(),
  sessionId: z.string(),
  questionnaire: z.string(),
  rater: z.string(),
  status: z.enum(["done", "declined", "open", "late", "missed", "upcoming"]),
});
export const CompletionOut = z.object({
  now: z.string(),
  totals: Counts,
  sites: z.array(z.object({ site: z.string(), counts: Counts })),
  therapists: z.array(z.object({ therapist: z.string(), site: z.string(), counts: Counts })),
  patients: z.array(
    z.object({
      patientId: z.string(),
      episodeId: z.string(),
      lastSession: z.number().nullable(),
      patient: z.string(),
      therapist: z.string(),
      site: z.string(),
      counts: Counts,
      forms: z.array(FormOut),
    }),
  ),
});
export const RemindersBody = z.object({
  now: IsoDate.optional(),
  lateAfterDays: z.number().min(0).max(365).optional(),
  missedAfterDays: z.number().min(0).max(3650).optional(),
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  /** Also send each link to its patient (e-mail, else SMS) where contact details and the server allow. */
  send: z.boolean().optional(),
});
export const ReminderOut = z.object({
  patientId: z.string(),
  patient: z.string(),
  therapist: z.string(),
  site: z.string(),
  session: z.number(),
  status: z.enum(["open", "late"]),
  forms: z.array(z.string()),
  url: z.string(),
  expiresAt: z.string(),
  delivery: DeliveryOut.optional(),
});
