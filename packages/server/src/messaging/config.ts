// How the server reaches people: SMTP for e-mail, an HTTP SMS provider, and how hard it tries.
// Unset = not configured: links, invitations and reminders are copied by hand as before.

/** SMTP: `tls` = implicit TLS (port 465), `starttls` = upgrade required (587), `none` = a local relay only. */
export interface SmtpConfig {
  host: string;
  port: number;
  security: "tls" | "starttls" | "none";
  user?: string;
  password?: string;
  /** The From address, e.g. `"North PRN" <prn@clinic.example>`. */
  from: string;
}

/** The HTTP SMS provider shape (docs/web.md): POST JSON `{to, from?, text}` with a bearer token. */
export interface SmsConfig {
  url: string;
  token: string;
  from?: string;
}

export interface RetryConfig {
  /** Delivery attempts per message (the first included). */
  attempts: number;
  /** Wait before the second attempt; doubled before each further one. */
  baseDelayMs: number;
}

/** A reset link is short-lived: one hour. */
export const PASSWORD_RESET_TTL_MS = 3600_000;
