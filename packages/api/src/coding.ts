// Observer coding: the coder's assigned sessions, and a study's sessions with who codes them. Codes
// only: a coder never sees a patient's identity.
import { z } from "zod";

export const CodingSessionOut = z.object({
  sessionId: z.string(),
  number: z.number().int(),
  date: z.string().nullable(),
  patient: z.string().describe("the patient's pseudonymous code"),
  therapist: z.string().describe("the therapist's pseudonymous code"),
  studyId: z.string().nullable(),
  study: z.string().nullable(),
});
export const MySessionOut = CodingSessionOut.extend({
  forms: z.array(z.string()).describe("Questionnaire urls of the observer forms to use"),
  codedAt: z.string().nullable().describe("when this coder first stored a coding of the session"),
  responses: z
    .array(
      z.object({
        id: z.string(),
        questionnaire: z.string(),
        version: z.number().int(),
        submittedAt: z.string(),
      }),
    )
    .describe("this coder's codings of the session, newest versions (to read and correct)"),
});
export const StudyCodingOut = z.object({
  sessions: z.array(CodingSessionOut),
  assignments: z.array(
    z.object({
      sessionId: z.string(),
      coderId: z.string(),
      coder: z.string().describe("the coder's code"),
      codedAt: z.string().nullable(),
    }),
  ),
});
export const MySessionsOut = z.object({ sessions: z.array(MySessionOut) });

export type CodingSessionOut = z.infer<typeof CodingSessionOut>;
export type MySessionOut = z.infer<typeof MySessionOut>;
export type StudyCodingOut = z.infer<typeof StudyCodingOut>;
export type MySessionsOut = z.infer<typeof MySessionsOut>;
