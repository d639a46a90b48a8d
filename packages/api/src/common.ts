// The building blocks every capability's schemas share: ids, codes, dates, session numbers, and the
// OperationOutcome every error is. Plain zod (no OpenAPI extension), so the package stays browser-safe;
// `.meta({ id })` names a component of /api/openapi.json as `.openapi(name)` did.
import { z } from "zod";
import {
  CODE_MAX,
  CODE_PATTERN,
  CODE_RULE,
  ISO_DATE_PATTERN,
  isoDateProblem,
  SESSION_MAX,
} from "@attune/core/records";

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ids are letters, digits, _ and -");
/** A code (therapist, patient, staff, arm): the alphabet of @attune/core records/code.ts. */
export const Code = z.string().min(1).max(CODE_MAX).regex(CODE_PATTERN, `codes are ${CODE_RULE}`);
/** A real calendar date, ISO 8601 (records/date.ts). */
export const IsoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, "an ISO 8601 date")
  .refine((v) => isoDateProblem(v) === undefined, { message: "not a day of the calendar" });
/** A session number 1..1000 (records/session.ts). */
export const SessionNumber = z.number().int().min(1).max(SESSION_MAX);

export const OperationOutcomeSchema = z
  .object({
    resourceType: z.literal("OperationOutcome"),
    issue: z.array(z.object({ severity: z.string(), code: z.string(), diagnostics: z.string().optional() })),
  })
  .meta({ id: "OperationOutcome" });
export type OperationOutcome = z.infer<typeof OperationOutcomeSchema>;

/** Any FHIR resource (checked in detail by the FHIR layer). */
export const FhirResource = z.looseObject({ resourceType: z.string() }).meta({ id: "Resource" });
export const Bundle = z
  .looseObject({ resourceType: z.literal("Bundle"), type: z.string(), entry: z.array(z.any()).optional() })
  .meta({ id: "Bundle" });
