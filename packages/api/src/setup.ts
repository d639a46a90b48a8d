// Network set-up: sites and staff accounts.
import { z } from "zod";
import { STAFF_ROLES } from "@attune/core/records";
import { Code, Id } from "./common.ts";
import { DeliveryOut } from "./messaging.ts";

export const SiteBody = z.object({ name: z.string().min(1).max(200) });
export const Site = z.object({ id: z.string(), name: z.string() });

export const UserBody = z.object({
  email: z.email().max(200),
  displayName: z.string().min(1).max(200),
  code: Code,
  role: z.enum(STAFF_ROLES),
  /** Without a password the account gets an invitation link to set one. */
  password: z.string().min(10, "a password has at least 10 characters").max(200).optional(),
  siteId: Id.optional(),
});
export const InvitationOut = z.object({
  token: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  /** E-mailed (server with SMTP), or null/absent: the coordinator sends the link by hand. */
  delivery: DeliveryOut.optional(),
});
export const DisabledBody = z.object({ disabled: z.boolean() });
export const UserOut = z.object({
  id: z.string(),
  code: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
  siteId: z.string().nullable(),
  /** True when a coordinator disabled the account (it cannot sign in; its sessions ended). */
  disabled: z.boolean().optional(),
});

export type SiteBody = z.input<typeof SiteBody>;
export type Site = z.infer<typeof Site>;
export type UserBody = z.input<typeof UserBody>;
export type InvitationOut = z.infer<typeof InvitationOut>;
export type DisabledBody = z.input<typeof DisabledBody>;
export type UserOut = z.infer<typeof UserOut>;
