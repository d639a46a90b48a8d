// Table types of what the platform tells people: alert acknowledgements and the message log
// (part of schema.ts, which assembles the Database).
import type { ColumnType } from "kysely";

/** A therapist's acknowledgement of a computed alert (migration 020; `form` since 105). */
export interface AlertAckTable {
  id: string;
  network_id: string;
  episode_id: string;
  kind: "rupture" | "not-on-track" | "incongruence";
  session: number;
  acknowledged_by: string;
  at: string;
  note: string | null;
  /** The outcome form of a not-on-track alert (its id); "" for other kinds and for rows stored before 105. */
  form: ColumnType<string, string | undefined, string>;
}
/** The background fit of a network's item-level rupture rule (migration 106); one row per network. */
export interface ItemCalibrationTable {
  network_id: string;
  status: "running" | "ready" | "failed";
  started_at: string;
  finished_at: string | null;
  error: string | null;
  /** Responses the network had when the latest job started. */
  responses: number;
  /** The last good fit as JSON (kept while a newer job runs or after one fails). */
  fit: string | null;
  fit_responses: number | null;
  fitted_at: string | null;
}
/** One e-mail or SMS the platform queued (migration 060): what, to whom, when, and how it went. */
export interface MessageLogTable {
  id: string;
  network_id: string;
  kind: "patient-link" | "patient-reminder" | "therapist-reminder" | "invitation" | "password-reset";
  channel: "email" | "sms";
  /** The e-mail address or phone number; null once the patient was erased. */
  recipient: string | null;
  patient_id: string | null;
  user_id: string | null;
  language: string;
  status: "queued" | "sent" | "failed";
  attempts: ColumnType<number, number | undefined, number>;
  queued_at: string;
  sent_at: string | null;
  /** The last delivery error (the server's words), null when sent. */
  error: string | null;
  /** The staff member whose action queued it (null: a password reset asked for without signing in). */
  queued_by: string | null;
}
