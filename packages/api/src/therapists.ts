// Therapist-level data: the attributes a network declares, each therapist's values, and the
// questionnaires a therapist answers once (at enrolment).
import { z } from "zod";
import { ATTRIBUTE_CODE_PATTERN } from "@attune/core/records";
import { FhirResource } from "./common.ts";

export const TherapistAttributeBody = z.object({
  code: z.string().min(1).max(40).regex(ATTRIBUTE_CODE_PATTERN, "a lower-case name: letters, digits and _"),
  label: z.string().min(1).max(200),
  kind: z.enum(["numeric", "categorical"]),
  levels: z.array(z.string().min(1).max(40)).max(30).optional(),
});
export const TherapistAttributeOut = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string(),
  kind: z.enum(["numeric", "categorical"]),
  levels: z.array(z.string()).optional(),
});
export const TherapistQuestionnaireBody = z.object({ questionnaire: z.string().min(1).max(500) });
/** What the network collects about therapists (GET /api/therapist-attributes). */
export const TherapistAttributesOut = z.object({
  attributes: z.array(TherapistAttributeOut),
  /** Questionnaires every therapist answers once, at enrolment: url and title. */
  questionnaires: z.array(z.object({ url: z.string(), title: z.string() })),
});
/** One therapist's values (numbers as numbers) and once-only answers' scores. */
export const TherapistProfileOut = z.object({
  therapistId: z.string(),
  therapist: z.string(),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  answered: z.array(
    z.object({
      questionnaire: z.string(),
      scores: z.record(z.string(), z.number()),
      submittedAt: z.string(),
    }),
  ),
});
export const TherapistProfilesOut = z.object({ therapists: z.array(TherapistProfileOut) });
/** Values to set; null or "" removes a value; attributes not named are left as they are. */
export const TherapistValuesBody = z.object({
  values: z.record(z.string().max(40), z.union([z.number(), z.string().max(100), z.null()])),
});
export const TherapistResponseBody = FhirResource;

export type TherapistAttributeBody = z.input<typeof TherapistAttributeBody>;
export type TherapistAttributeOut = z.infer<typeof TherapistAttributeOut>;
export type TherapistQuestionnaireBody = z.input<typeof TherapistQuestionnaireBody>;
export type TherapistAttributesOut = z.infer<typeof TherapistAttributesOut>;
export type TherapistProfileOut = z.infer<typeof TherapistProfileOut>;
export type TherapistProfilesOut = z.infer<typeof TherapistProfilesOut>;
export type TherapistValuesBody = z.input<typeof TherapistValuesBody>;
