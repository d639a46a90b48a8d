// Sign-in, invitations, the signed-in account (`GET /api/me`) and its settings.
import { z } from "zod";
import { STAFF_ROLES } from "@attune/core/records";

export const LoginBody = z.object({
  email: z.string().min(3).max(200),
  password: z.string().min(1).max(200),
});
export const Me = z.object({
  id: z.string(),
  networkId: z.string(),
  role: z.enum(STAFF_ROLES),
  displayName: z.string(),
  csrfToken: z.string(),
  /** The language chosen for the staff pages, or null (the browser's language decides). */
  language: z.enum(["en", "fr"]).nullable(),
});
export const LanguageBody = z.object({ language: z.enum(["en", "fr"]) });
export const AcceptInvitationBody = z.object({
  token: z.string().min(16).max(128),
  password: z.string().min(10, "a password has at least 10 characters").max(200),
});
export const PasswordChangeBody = z.object({
  current: z.string().min(1).max(200),
  password: z.string().min(10, "a password has at least 10 characters").max(200),
});

export type LoginBody = z.input<typeof LoginBody>;
export type Me = z.infer<typeof Me>;
export type LanguageBody = z.input<typeof LanguageBody>;
export type AcceptInvitationBody = z.input<typeof AcceptInvitationBody>;
export type PasswordChangeBody = z.input<typeof PasswordChangeBody>;
