// Who gets what, by which channel: a patient by e-mail if they have an address and SMTP is set up,
// else by SMS if they have a number and a provider is set up, else not at all (the page keeps the
// copy-the-link flow); staff by e-mail. Each message is logged as queued, then handed to the outbox.
import { getContact, getNetwork, logQueued, type Db, type User } from "@attune/db";
import type { RetryConfig, SmsConfig, SmtpConfig } from "./config.ts";
import { Outbox } from "./outbox.ts";
import { renderMessage, type MessageData, type MessageLang } from "./templates.ts";
import { httpSmsProvider, smtpTransport, type EmailTransport, type SmsProvider } from "./transports.ts";

/** How a message left: its channel and send-log row, or null when there was no way to reach the person. */
export type Delivery = { channel: "email" | "sms"; messageId: string } | null;

export interface MessengerOptions {
  smtp?: SmtpConfig | undefined;
  sms?: SmsConfig | undefined;
  /** Another SMS provider than the HTTP shape (it wins over `sms`). */
  smsProvider?: SmsProvider | undefined;
  retry: RetryConfig;
}

type PatientData = Extract<MessageData, { kind: "patient-link" | "patient-reminder" }>;
type StaffData = Exclude<MessageData, PatientData>;
/** The message without the network's name, which the messenger looks up. */
type Without<T> = T extends unknown ? Omit<T, "network"> : never;

export class Messenger {
  private readonly email: EmailTransport | undefined;
  private readonly sms: SmsProvider | undefined;
  readonly outbox: Outbox;

  constructor(
    private readonly db: Db,
    o: MessengerOptions,
  ) {
    this.email = o.smtp ? smtpTransport(o.smtp) : undefined;
    this.sms = o.smsProvider ?? (o.sms ? httpSmsProvider(o.sms) : undefined);
    this.outbox = new Outbox(db, o.retry);
  }

  /** What is configured (the pages say "e-mail is not configured" otherwise). */
  get channels(): { email: boolean; sms: boolean } {
    return { email: this.email !== undefined, sms: this.sms !== undefined };
  }

  /**
   * Queues a patient's link or reminder by e-mail or SMS, from their contact details.
   *
   * @example
   * const d = await messenger.toPatient({ networkId, patientId, queuedBy: me.id, message: { kind: "patient-link", session: 3, url, expiresAt } });
   */
  async toPatient(o: {
    networkId: string;
    patientId: string;
    queuedBy: string | null;
    message: Without<PatientData>;
  }): Promise<Delivery> {
    const contact = await getContact(this.db, o.patientId);
    const lang = langOf(contact?.language);
    const email = contact?.email?.trim();
    const phone = contact?.phone?.trim();
    const channel = email && this.email ? "email" : phone && this.sms ? "sms" : null;
    if (!channel) return null;
    const data = { ...o.message, network: await this.networkName(o.networkId) } as MessageData;
    const m = renderMessage(data, lang);
    const row = await logQueued(this.db, {
      networkId: o.networkId,
      kind: data.kind,
      channel,
      recipient: channel === "email" ? email! : phone!,
      language: lang,
      patientId: o.patientId,
      queuedBy: o.queuedBy,
    });
    const email_ = this.email;
    const sms = this.sms;
    this.outbox.enqueue(
      row.id,
      channel === "email"
        ? () => email_!.send({ to: email!, subject: m.subject, text: m.text, html: m.html })
        : () => sms!.send({ to: phone!, text: m.sms }),
    );
    return { channel, messageId: row.id };
  }

  /**
   * Queues an e-mail to a staff member (invitation, password reset, rating reminder) in their language.
   *
   * @example
   * await messenger.toStaff({ user, queuedBy: me.id, message: { kind: "invitation", name: user.display_name, url, expiresAt } });
   */
  async toStaff(o: { user: User; queuedBy: string | null; message: Without<StaffData> }): Promise<Delivery> {
    const to = (o.user.email ?? o.user.shared_email)?.trim();
    const transport = this.email;
    if (!to || !transport) return null;
    const lang = langOf(o.user.language);
    const data = { ...o.message, network: await this.networkName(o.user.network_id) } as MessageData;
    const m = renderMessage(data, lang);
    const row = await logQueued(this.db, {
      networkId: o.user.network_id,
      kind: data.kind,
      channel: "email",
      recipient: to,
      language: lang,
      userId: o.user.id,
      queuedBy: o.queuedBy,
    });
    this.outbox.enqueue(row.id, () => transport.send({ to, subject: m.subject, text: m.text, html: m.html }));
    return { channel: "email", messageId: row.id };
  }

  close(): void {
    this.outbox.close();
    this.email?.close();
  }

  private async networkName(id: string): Promise<string> {
    return (await getNetwork(this.db, id))?.name ?? "attune";
  }
}

const langOf = (v: string | null | undefined): MessageLang => (v === "fr" ? "fr" : "en");
