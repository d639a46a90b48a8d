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
/** The network's sign-in policy and how many staff have no second factor yet (GET and PUT /api/network/security). */
export const NetworkSecurity = z.object({
  requireTotp: z.boolean(),
  /** Staff who can sign in (not disabled, with an e-mail) and have no second factor yet. */
  staffWithoutTotp: z.number(),
});
/** Whether the account signs in with a second factor, and how many recovery codes are left (GET /api/auth/totp). */
export const TotpStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  recoveryCodesLeft: z.number(),
  requiredByNetwork: z.boolean(),
});
/** A new authenticator secret (POST /api/auth/totp/setup): as text, as an otpauth:// URI, as a QR code (SVG data URL). */
export const TotpSetup = z.object({ secret: z.string(), uri: z.string(), qrCode: z.string() });

export type LoginBody = z.input<typeof LoginBody>;
export type SecondFactorBody = z.input<typeof SecondFactorBody>;
export type SecurityBody = z.input<typeof SecurityBody>;
export type NetworkSecurity = z.infer<typeof NetworkSecurity>;
export type TotpStatus = z.infer<typeof TotpStatus>;
export type TotpSetup = z.infer<typeof TotpSetup>;
export type Me = z.infer<typeof Me>;
export type LanguageBody = z.input<typeof LanguageBody>;
export type AcceptInvitationBody = z.input<typeof AcceptInvitationBody>;
export type PasswordChangeBody = z.input<typeof PasswordChangeBody>;
