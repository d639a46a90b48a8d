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
/** The second sign-in step: a code from the authenticator app, or a recovery code. */
export const SecondFactorBody = z
  .object({
    code: z.string().min(1).max(20).optional(),
    recoveryCode: z.string().min(1).max(40).optional(),
  })
  .strict()
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: "give either code (from the authenticator app) or recoveryCode",
  });
export const TotpCodeBody = z.object({ code: z.string().min(1).max(20) }).strict();
export const TotpDisableBody = z
  .object({ password: z.string().min(1).max(200), code: z.string().min(1).max(40) })
  .strict();
/** The network's sign-in policy (PUT /api/network/security). */
export const SecurityBody = z.object({ requireTotp: z.boolean() }).strict();

export type LoginBody = z.input<typeof LoginBody>;
export type SecondFactorBody = z.input<typeof SecondFactorBody>;
export type SecurityBody = z.input<typeof SecurityBody>;
export type Me = z.infer<typeof Me>;
export type LanguageBody = z.input<typeof LanguageBody>;
export type AcceptInvitationBody = z.input<typeof AcceptInvitationBody>;
export type PasswordChangeBody = z.input<typeof PasswordChangeBody>;
