// Studies: their arms and schedule, allocating a therapist to an arm, randomisation, the completion
// monitor and reminders.
import { z } from "zod";
import { RATER_KINDS } from "@attune/core/records";
import { Code, Id, IsoDate, SessionNumber } from "./common.ts";
import { DeliveryOut } from "./messaging.ts";

const SessionList = z.union([z.literal("all"), z.array(SessionNumber).min(1).max(1000)]);
export const StudyBody = z.object({
  name: z.string().min(1).max(200),
  arms: z.array(z.object({ code: Code, name: z.string().min(1).max(200) })).max(20),
  schedule: z
    .array(
      z.object({
        questionnaire: z.string().min(1).max(500),
        rater: z.enum(RATER_KINDS),
        sessions: SessionList,
      }),
    )
    .max(50),
  /** Who is randomised to the arms: therapists (allocated or randomised later) or patients, at enrolment. */
  allocation: z.enum(["therapist", "patient"]).optional(),
  /** Patient-level: the permuted blocks' size, a multiple of the arms [2 × arms]. */
  blockSize: z.number().int().min(2).max(24).optional(),
});
export const StudyOut = z.object({
  id: z.string(),
  name: z.string(),
  allocation: z.enum(["therapist", "patient"]),
  /** When a coordinator archived the study (null: active; an archived study takes no new enrolments). */
  archivedAt: z.string().nullable(),
  arms: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  schedule: z.array(
    z.object({ questionnaire: z.string(), rater: z.enum(RATER_KINDS), sessions: SessionList }),
  ),
});
/** PUT /api/studies/{id}/arms: the study's arms, replaced while no therapist is allocated or patient enrolled. */
export const ArmsBody = StudyBody.pick({ arms: true });
/** PUT /api/studies/{id}/archived. */
export const ArchiveBody = z.object({ archived: z.boolean() });
export const AllocationBody = z.object({ therapistId: Id, armCode: Code });

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
/** A study's randomisations and every allocation's provenance (GET /api/studies/{id}/randomisations). */
/** A patient-level study's sequence and the places its patients took (seed shown to researchers only). */
export const PatientRandomisationOut = z.object({
  algorithm: z.string(),
  blockSize: z.number(),
  /** Concealed (null) from coordinators and therapists, who enrol; shown to researchers. */
  seed: z.number().nullable(),
  madeAt: z.string(),
  madeBy: z.string(),
  /** Every stored allocation is the arm at its place of its site's sequence, re-derived from the seed. */
  reproduced: z.boolean(),
  allocations: z.array(
    z.object({
      patient: z.string().nullable(),
      site: z.string(),
      place: z.number(),
      arm: z.string(),
      allocatedBy: z.string().nullable(),
      allocatedAt: z.string(),
    }),
  ),
});
export const RandomisationsOut = z.object({
  /** Patient-level studies: the sequence, once the first patient is enrolled. */
  patientLevel: PatientRandomisationOut.nullable().optional(),
  randomisations: z.array(RandomisationOut),
  allocations: z.array(
    z.object({
      therapistCode: z.string(),
      site: z.string(),
      arm: z.string(),
      randomisationId: z.string().nullable(),
      allocatedBy: z.string().nullable(),
      allocatedAt: z.string().nullable(),
    }),
  ),
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

export type StudyBody = z.input<typeof StudyBody>;
export type StudyOut = z.infer<typeof StudyOut>;
export type AllocationBody = z.input<typeof AllocationBody>;
export type ArmsBody = z.input<typeof ArmsBody>;
export type ArchiveBody = z.input<typeof ArchiveBody>;
export type RandomiseBody = z.input<typeof RandomiseBody>;
export type AllocationOut = z.infer<typeof AllocationOut>;
export type RandomisationOut = z.infer<typeof RandomisationOut>;
export type RandomisationsOut = z.infer<typeof RandomisationsOut>;
export type PatientRandomisationOut = z.infer<typeof PatientRandomisationOut>;
export type CompletionQuery = z.input<typeof CompletionQuery>;
export type Counts = z.infer<typeof Counts>;
export type FormOut = z.infer<typeof FormOut>;
export type CompletionOut = z.infer<typeof CompletionOut>;
export type RemindersBody = z.input<typeof RemindersBody>;
export type ReminderOut = z.infer<typeof ReminderOut>;
