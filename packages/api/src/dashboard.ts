// The therapist's dashboard: caseload, an episode's feedback, attunement. Alert and feedback payloads
// are loosely typed here; their detail comes from @attune/core.
import { z } from "zod";
import { Code } from "./common.ts";

const Num = z.number().nullable();
export const SeriesPoint = z.object({
  sessionId: z.string(),
  session: z.number(),
  date: z.string().optional(),
  alliancePatient: Num,
  allianceTherapist: Num,
  outcome: Num,
});
export const AlertOut = z.looseObject({ kind: z.string(), session: z.number(), severity: z.string() });
export const CaseloadOut = z
  .object({
    therapist: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
    model: z.object({ source: z.string(), note: z.string() }),
    patients: z.array(
      z.object({
        episodeId: z.string(),
        patientId: z.string(),
        patientCode: z.string(),
        therapistCode: z.string(),
        lastSession: z.number().nullable(),
        last: SeriesPoint.nullable(),
        gap: Num,
        direction: z.string().nullable(),
        awaitingTherapist: z.boolean(),
        alerts: z.array(AlertOut),
        attention: z.number(),
      }),
    ),
  })
  .meta({ id: "Caseload" });
export const EpisodeFeedbackOut = z
  .object({
    episodeId: z.string(),
    patientCode: z.string(),
    therapistCode: z.string(),
    /** Questionnaire urls the episode's study schedule gives each rater (default: the demo forms). */
    forms: z.object({ patient: z.array(z.string()), therapist: z.array(z.string()) }),
    series: z.array(SeriesPoint),
    congruence: z.array(z.looseObject({ session: z.number(), gap: Num })),
    trend: z.looseObject({ label: z.string().nullable() }),
    alerts: z.array(AlertOut),
    openAlerts: z.array(AlertOut),
    band: z.array(z.object({ session: z.number(), mean: z.number(), lower: z.number(), upper: z.number() })),
    model: z.object({ source: z.string(), note: z.string() }),
    threshold: z.number(),
  })
  .meta({ id: "EpisodeFeedback" });
const Interval = z.object({ estimate: z.number(), lower: z.number(), upper: z.number() });
const Attunement = z.object({
  therapist: z.string(),
  directionalBias: Interval,
  truthForce: Interval,
  temporalCongruence: Interval.nullable(),
  window: z.string(),
  sessions: z.number(),
  /** What the directional bias describes: the model's intercept, at this session, for a patient rating at `patientRating`. */
  describes: z.object({ session: z.number(), patientRating: z.number() }).optional(),
  /** The therapist's own sessions with both ratings: their range and who rated higher. */
  observed: z
    .object({
      from: z.number(),
      to: z.number(),
      sessions: z.number(),
      therapistHigher: z.number(),
      patientHigher: z.number(),
      meanGap: z.number(),
    })
    .nullable()
    .optional(),
});
export const AttunementOut = z
  .object({ me: Attunement.nullable(), network: z.array(Attunement) })
  .meta({ id: "Attunement" });
export const CaseloadQuery = z.object({
  therapist: Code.optional().meta({ description: "a therapist's code (coordinators only)" }),
});

export type SeriesPoint = z.infer<typeof SeriesPoint>;
export type AlertOut = z.infer<typeof AlertOut>;
export type CaseloadOut = z.infer<typeof CaseloadOut>;
export type EpisodeFeedbackOut = z.infer<typeof EpisodeFeedbackOut>;
export type AttunementOut = z.infer<typeof AttunementOut>;
export type CaseloadQuery = z.input<typeof CaseloadQuery>;
