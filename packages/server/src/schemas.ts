// Request and response schemas, declared once (zod) and used both to validate and to document.
import { z } from "@hono/zod-openapi";
import { ROLES, RATERS } from "@attune/db";
import {
  CODE_MAX,
  CODE_PATTERN,
  CODE_RULE,
  ISO_DATE_PATTERN,
  isoDateProblem,
  SESSION_MAX,
} from "@attune/core";

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
  .openapi("OperationOutcome");

/** Any FHIR resource (checked in detail by the FHIR layer). */
export const FhirResource = z.looseObject({ resourceType: z.string() }).openapi("Resource");
export const Bundle = z
  .looseObject({ resourceType: z.literal("Bundle"), type: z.string(), entry: z.array(z.any()).optional() })
  .openapi("Bundle");

export const LoginBody = z.object({
  email: z.string().min(3).max(200),
  password: z.string().min(1).max(200),
});
export const Me = z.object({
  id: z.string(),
  networkId: z.string(),
  role: z.enum(ROLES),
  displayName: z.string(),
  csrfToken: z.string(),
  /** The language chosen for the staff pages, or null (the browser's language decides). */
  language: z.enum(["en", "fr"]).nullable(),
});
export const LanguageBody = z.object({ language: z.enum(["en", "fr"]) });

export const SiteBody = z.object({ name: z.string().min(1).max(200) });
export const Site = z.object({ id: z.string(), name: z.string() });

export const UserBody = z.object({
  email: z.email().max(200),
  displayName: z.string().min(1).max(200),
  code: Code,
  role: z.enum(ROLES),
  /** Without a password the account gets an invitation link to set one. */
  password: z.string().min(10, "a password has at least 10 characters").max(200).optional(),
  siteId: Id.optional(),
});
export const InvitationOut = z.object({ token: z.string(), url: z.string(), expiresAt: z.string() });
export const AcceptInvitationBody = z.object({
  token: z.string().min(16).max(128),
  password: z.string().min(10, "a password has at least 10 characters").max(200),
});
export const PasswordChangeBody = z.object({
  current: z.string().min(1).max(200),
  password: z.string().min(10, "a password has at least 10 characters").max(200),
});
export const DisabledBody = z.object({ disabled: z.boolean() });
export const UserOut = z.object({
  id: z.string(),
  code: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  role: z.enum(ROLES),
  siteId: z.string().nullable(),
  /** True when a coordinator disabled the account (it cannot sign in; its sessions ended). */
  disabled: z.boolean().optional(),
});

const SessionList = z.union([z.literal("all"), z.array(SessionNumber).min(1).max(1000)]);
export const StudyBody = z.object({
  name: z.string().min(1).max(200),
  arms: z.array(z.object({ code: Code, name: z.string().min(1).max(200) })).max(20),
  schedule: z
    .array(
      z.object({ questionnaire: z.string().min(1).max(500), rater: z.enum(RATERS), sessions: SessionList }),
    )
    .max(50),
});
export const StudyOut = z.object({
  id: z.string(),
  name: z.string(),
  arms: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  schedule: z.array(z.object({ questionnaire: z.string(), rater: z.enum(RATERS), sessions: SessionList })),
});
export const AllocationBody = z.object({ therapistId: Id, armCode: Code });

export const PatientBody = z.object({
  code: Code,
  siteId: Id.optional(),
  contact: z
    .object({
      name: z.string().max(200).optional(),
      email: z.string().max(200).optional(),
      phone: z.string().max(50).optional(),
    })
    .optional(),
});
export const PatientOut = z.object({ id: z.string(), code: z.string(), siteId: z.string().nullable() });
export const ContactOut = z.object({
  patientId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export const EpisodeBody = z.object({ patientId: Id, therapistId: Id, studyId: Id.optional() });
export const EpisodeOut = z.object({
  id: z.string(),
  patientId: z.string(),
  therapistId: z.string(),
  studyId: z.string().nullable(),
  armId: z.string().nullable(),
});
export const SessionBody = z.object({ number: SessionNumber, date: IsoDate.optional() });
export const SessionOut = z.object({
  id: z.string(),
  episodeId: z.string(),
  number: z.number(),
  date: z.string().nullable(),
});
export const LinkBody = z.object({
  forms: z.array(z.string().min(1).max(500)).min(1).max(10).optional(),
  expiresInHours: z
    .number()
    .min(0.01)
    .max(24 * 90)
    .optional(),
});
export const LinkOut = z.object({
  token: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  forms: z.array(z.string()),
});
export const CoderBody = z.object({ coderId: Id });
export const ErasureBody = z.object({ reason: z.string().min(3).max(500) });
export const ErasureOut = z.object({
  patientId: z.string(),
  responses: z.number(),
  sessions: z.number(),
  episodes: z.number(),
  /** Recorded analysis runs whose CSV had the patient's rows removed (docs/study.md). */
  runsRedacted: z.number(),
  runs: z.array(
    z.object({ runId: z.string(), rowsRemoved: z.number(), before: z.string(), after: z.string() }),
  ),
  /** Audit entries of the patient's links whose IP address and user-agent were removed. */
  auditEntriesRedacted: z.number(),
});

export const LinkFormOut = z.object({
  session: z.number(),
  expiresAt: z.string(),
  submitted: z.boolean(),
  questionnaires: z.array(FhirResource),
  /** Forms of this link the patient declined (POST /api/r/{token}/decline). */
  declined: z.array(z.string()),
});
export const SubmitBody = z
  .object({ responses: z.array(FhirResource).min(1).max(10) })
  .openapi("PatientSubmission", { description: "One QuestionnaireResponse per form of the link" });
export const SubmitOut = z.object({ ids: z.array(z.string()), replayed: z.boolean() });

export const AuditOut = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      actorKind: z.string(),
      actorId: z.string().nullable(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
      ip: z.string().nullable(),
      detail: z.string().nullable(),
    }),
  ),
});

export const ImportReport = z
  .object({
    ok: z.boolean(),
    rows: z.number(),
    created: z.record(z.string(), z.number()),
    rejected: z.array(z.object({ row: z.number(), column: z.string().optional(), message: z.string() })),
    warnings: z.array(z.string()).optional(),
  })
  .openapi("ImportReport");

export const RedcapBody = z.object({
  records: z.string().min(1),
  dictionary: z.string().min(1),
  mapping: z.object({
    therapist: z.string().min(1),
    patient: z.string().min(1),
    session: z.string().min(1),
    condition: z.string().min(1).optional(),
    alliance_patient: z.string().min(1).optional(),
    alliance_therapist: z.string().min(1).optional(),
    wellbeing: z.string().min(1).optional(),
  }),
  study: z.string().min(1).max(200).optional(),
  /** Scales of the mapped score fields as min-max, e.g. {"alliance": "1-7"} (default: the dictionary's ranges). */
  scales: z
    .object({ alliance: z.string().max(40).optional(), wellbeing: z.string().max(40).optional() })
    .optional(),
});

// The dashboard (dashboard/routes.ts): loosely typed alert/feedback payloads come from @attune/core.
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
  .openapi("Caseload");
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
    outcome: z.object({ id: z.string(), higherIsBetter: z.boolean() }).openapi({
      description: "The outcome the series, band and not on track follow (PHQ-9: lower is better)",
    }),
    model: z.object({ source: z.string(), note: z.string() }),
    threshold: z.number(),
  })
  .openapi("EpisodeFeedback");
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
  .openapi("Attunement");
export const CaseloadQuery = z.object({
  therapist: Code.optional().openapi({ description: "a therapist's code (coordinators only)" }),
});
