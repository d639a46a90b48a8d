// What a patient's link serves and accepts (`/api/r/{token}`).
import { z } from "zod";
import { FhirResource } from "./common.ts";

export const LinkFormOut = z.object({
  session: z.number(),
  expiresAt: z.string(),
  submitted: z.boolean(),
  /** When the link starts working (a session scheduled ahead); null = at once. Before then: no forms. */
  opensAt: z.string().nullable(),
  /** The session's day and local time ("HH:MM") as scheduled, for "this form opens on …". */
  sessionDate: z.string().nullable(),
  sessionTime: z.string().nullable(),
  questionnaires: z.array(FhirResource),
  /** Forms of this link the patient declined (POST /api/r/{token}/decline). */
  declined: z.array(z.string()),
});
export const SubmitBody = z
  .object({ responses: z.array(FhirResource).min(1).max(10) })
  .meta({ id: "PatientSubmission", description: "One QuestionnaireResponse per form of the link" });
export const SubmitOut = z.object({ ids: z.array(z.string()), replayed: z.boolean() });

export type LinkFormOut = z.infer<typeof LinkFormOut>;
export type SubmitBody = z.input<typeof SubmitBody>;
export type SubmitOut = z.infer<typeof SubmitOut>;

const ProgressScale = z.object({ min: z.number(), max: z.number(), higherIsBetter: z.boolean() });
/**
 * A patient's own progress (GET /api/r/{token}/progress): their well-being and alliance per session, on
 * the forms' own scales. Given only while the network shares progress, and only in the minutes right
 * after the link's answers were sent.
 */
export const PatientProgressOut = z.object({
  outcome: z.string(),
  wellbeing: ProgressScale.nullable(),
  alliance: ProgressScale.nullable(),
  sessions: z.array(
    z.object({
      session: z.number(),
      date: z.string().nullable(),
      wellbeing: z.number().nullable(),
      alliance: z.number().nullable(),
    }),
  ),
  /** Until when this link still shows it (the answer page's window). */
  visibleUntil: z.string(),
});
/** Whether the network shows patients their own progress after they send a form (coordinator). */
export const ProgressSetting = z.object({ shareProgress: z.boolean() }).strict();

export type PatientProgressOut = z.infer<typeof PatientProgressOut>;
export type ProgressSetting = z.infer<typeof ProgressSetting>;
