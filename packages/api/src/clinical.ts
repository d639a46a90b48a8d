// Patients, their contact details, episodes, sessions, patient links, coders and erasure.
import { z } from "zod";
import { END_REASONS, MODALITIES } from "@attune/core/records";
import { Code, Id, IsoDate, SessionNumber } from "./common.ts";
import { DeliveryOut } from "./messaging.ts";

export const PatientBody = z.object({
  code: Code,
  siteId: Id.optional(),
  contact: z
    .object({
      name: z.string().max(200).optional(),
      email: z.string().max(200).optional(),
      phone: z.string().max(50).optional(),
      /** The language of the patient's e-mails and SMS (default English). */
      language: z.enum(["en", "fr"]).optional(),
    })
    .optional(),
});
export const PatientOut = z.object({ id: z.string(), code: z.string(), siteId: z.string().nullable() });
export const ContactOut = z.object({
  patientId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** The language of the patient's e-mails and SMS (null: English). */
  language: z.enum(["en", "fr"]).nullable(),
});
/** PUT /api/patients/{id}/contact: every field replaced; null or "" clears it. */
export const ContactBody = z.object({
  name: z.string().max(200).nullable(),
  email: z.union([z.literal(""), z.email().max(200)]).nullable(),
  phone: z
    .string()
    .max(50)
    .regex(/^[+0-9 ()./-]*$/, "a phone number: digits, spaces, + ( ) . / -")
    .nullable(),
  language: z.enum(["en", "fr"]).nullable(),
});
export const EpisodeBody = z.object({ patientId: Id, therapistId: Id, studyId: Id.optional() });
/** How a session was held (core records/sessionFacts.ts). */
export const Modality = z.enum(MODALITIES as ["in person", "video", "phone"]);
/** Why an episode ended. */
export const EndReason = z.enum(END_REASONS as ["completed", "dropout", "referred", "other"]);
export const EpisodeOut = z.object({
  id: z.string(),
  patientId: z.string(),
  therapistId: z.string(),
  studyId: z.string().nullable(),
  armId: z.string().nullable(),
  /** The day the episode ended (YYYY-MM-DD), null while open. */
  endedAt: z.string().nullable(),
  endReason: EndReason.nullable(),
});
/** PUT /api/episodes/{id}/end: end the episode on a day for a reason (DELETE reopens it). */
export const EpisodeEndBody = z.object({ endedAt: IsoDate, reason: EndReason }).strict();
export const SessionBody = z.object({
  number: SessionNumber,
  date: IsoDate.optional(),
  modality: Modality.optional(),
});
export const SessionOut = z.object({
  id: z.string(),
  episodeId: z.string(),
  number: z.number(),
  date: z.string().nullable(),
  /** How it was held; null when not recorded. */
  modality: Modality.nullable(),
});
/** PUT /api/sessions/{id}/modality: how the session was held (null: not recorded). */
export const SessionModalityBody = z.object({ modality: Modality.nullable() }).strict();
export const LinkBody = z.object({
  forms: z.array(z.string().min(1).max(500)).min(1).max(10).optional(),
  expiresInHours: z
    .number()
    .min(0.01)
    .max(24 * 90)
    .optional(),
  /** Also send it to the patient (e-mail, else SMS) when their contact details and the server allow. */
  send: z.boolean().optional(),
});
export const LinkOut = z.object({
  token: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  forms: z.array(z.string()),
  /** With `send`: how it left (null: no address or number, or nothing configured; copy it by hand). */
  delivery: DeliveryOut.optional(),
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

/** POST /api/episodes/{id}/next-session-link: the session's day (the therapist's today; default: the server's). */
export const NextSessionBody = z.object({
  /** The session's day in the clinic (default today, UTC); a later day schedules it ahead. */
  date: IsoDate.optional(),
  /** The clinic's local time of the session, "HH:MM" (24-hour). */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:MM (24-hour), e.g. 14:30")
    .optional(),
  /** The clinic's IANA time zone ("Europe/Paris"; default UTC): the link opens at the start of the day there. */
  timeZone: z.string().max(64).optional(),
  /** A new link for the latest session, which must have no answers yet (never makes a session). */
  reuse: z.boolean().optional(),
});
export const NextSessionOut = z.object({
  sessionId: z.string(),
  number: z.number(),
  date: z.string().nullable(),
  time: z.string().nullable(),
  /** When the link starts working: the start of the session's day (in the past for a session today). */
  opensAt: z.string().nullable(),
  /** True when the day's unanswered session was reused (a second click), false when a new one was made. */
  reused: z.boolean(),
  url: z.string(),
  expiresAt: z.string(),
  forms: z.array(z.string()),
});

export type PatientBody = z.input<typeof PatientBody>;
export type PatientOut = z.infer<typeof PatientOut>;
export type ContactOut = z.infer<typeof ContactOut>;
export type ContactBody = z.input<typeof ContactBody>;
export type EpisodeBody = z.input<typeof EpisodeBody>;
export type EpisodeOut = z.infer<typeof EpisodeOut>;
export type SessionBody = z.input<typeof SessionBody>;
export type EpisodeEndBody = z.input<typeof EpisodeEndBody>;
export type SessionModalityBody = z.input<typeof SessionModalityBody>;
export type SessionOut = z.infer<typeof SessionOut>;
export type LinkBody = z.input<typeof LinkBody>;
export type LinkOut = z.infer<typeof LinkOut>;
export type CoderBody = z.input<typeof CoderBody>;
export type ErasureBody = z.input<typeof ErasureBody>;
export type ErasureOut = z.infer<typeof ErasureOut>;
export type NextSessionBody = z.input<typeof NextSessionBody>;
export type NextSessionOut = z.infer<typeof NextSessionOut>;

/** The language a patient's messages (e-mailed or texted links, reminders) are written in. */
export const MessageLanguage = z.object({ language: z.enum(["en", "fr"]) }).strict();
export type MessageLanguage = z.infer<typeof MessageLanguage>;
