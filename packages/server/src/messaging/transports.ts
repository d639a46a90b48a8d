// The two ways out: e-mail through SMTP (nodemailer, pooled connections) and SMS through a provider
// behind the SmsProvider interface. Each send resolves when the other side accepted the message and
// rejects with the reason otherwise; retrying is the outbox's job.
import nodemailer, { type Transporter } from "nodemailer";
import type { SmsConfig, SmtpConfig } from "./config.ts";

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface EmailTransport {
  send(m: EmailMessage): Promise<void>;
  close(): void;
}

/**
 * An SMTP transport. `security` maps to nodemailer's implicit TLS (`tls`), required STARTTLS
 * (`starttls`) or neither (`none`, for a relay on the same machine).
 *
 * @example
 * const t = smtpTransport({ host: "smtp.example.org", port: 587, security: "starttls", from: "prn@example.org" });
 * await t.send({ to: "ann@example.org", subject: "Hello", text: "Hi", html: "<p>Hi</p>" });
 */
export function smtpTransport(c: SmtpConfig): EmailTransport {
  const transporter: Transporter = nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.security === "tls",
    requireTLS: c.security === "starttls",
    ignoreTLS: c.security === "none",
    ...(c.user ? { auth: { user: c.user, pass: c.password ?? "" } } : {}),
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(m) {
      await transporter.sendMail({ from: c.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    close: () => transporter.close(),
  };
}

/** An SMS provider: sends one text to one number (E.164 or as the clinic stores it). */
export interface SmsProvider {
  readonly name: string;
  send(m: { to: string; text: string }): Promise<void>;
}

/**
 * The HTTP provider shape: `POST <url>` with `Authorization: Bearer <token>` and the JSON body
 * `{to, from?, text}`; any 2xx answer means accepted, anything else is an error naming the status.
 *
 * @example
 * const sms = httpSmsProvider({ url: "https://sms.example.org/v1/messages", token: "…" });
 * await sms.send({ to: "+41790000000", text: "Your questionnaire: https://…" });
 */
export function httpSmsProvider(c: SmsConfig): SmsProvider {
  return {
    name: "http",
    async send(m) {
      const res = await fetch(c.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${c.token}` },
        body: JSON.stringify({ to: m.to, ...(c.from ? { from: c.from } : {}), text: m.text }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = await res.text().catch(() => "");
      if (!res.ok)
        throw new Error(`SMS provider answered ${res.status}${body ? `: ${body.slice(0, 200)}` : ""}`);
    },
  };
}
