// Table types of the attune store (one schema for SQLite and PostgreSQL).
// Conventions: ids are text (time-ordered, see ids.ts); timestamps are ISO-8601 UTC text; JSON is text.
import type { ColumnType, Insertable, Selectable } from "kysely";

// The closed lists are declared once in @attune/core (records/roles.ts).
import {
  RATER_KINDS,
  STAFF_ROLES,
  type EndReason,
  type Modality,
  type RaterKind,
  type StaffRole,
} from "@attune/core";
// The split-off table files: every type re-exported whole, and imported here only for the Database.
export type * from "./schemaStudies.ts";
export type * from "./schemaNotices.ts";
export type * from "./schemaTherapistData.ts";
import type {
  StudyTable,
  PatientAllocationTable,
  ArmTable,
  AllocationTable,
  RandomisationTable,
  InvitationTable,
  LicensedTextTable,
  FormDeclineTable,
  AnalysisRunTable,
  RunRedactionTable,
  ScheduleItemTable,
  QuestionnaireTable,
} from "./schemaStudies.ts";
import type { AlertAckTable, ItemCalibrationTable, MessageLogTable } from "./schemaNotices.ts";
import type {
  TherapistAttributeTable,
  TherapistAttributeValueTable,
  TherapistQuestionnaireTable,
  TherapistResponseTable,
} from "./schemaTherapistData.ts";

export type Role = StaffRole;
export const ROLES: readonly Role[] = STAFF_ROLES;
export type Rater = RaterKind;
export const RATERS: readonly Rater[] = RATER_KINDS;

export interface NetworkTable {
  id: string;
  name: string;
  created_at: string;
  /** 1 = every staff member must sign in with a second factor (TOTP); migration 050. */
  require_totp: ColumnType<number, number | undefined, number>;
  /** 1 = a patient sees their own progress right after sending a form (migration 090); 0 = not. */
  share_progress: ColumnType<number, number | undefined, number>;
  /** The rupture statistic of the network's alerts (migration 106): "mean", "items", null = attune's default. */
  rupture_statistic: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface SiteTable {
  id: string;
  network_id: string;
  name: string;
  created_at: string;
}
export interface UserTable {
  id: string;
  network_id: string;
  site_id: string | null;
  /** Pseudonymous code of the therapist/staff member, unique in the network (what exports show). */
  code: string;
  /** Sign-in name; null for staff created by an import (they cannot sign in until set up). */
  email: string | null;
  display_name: string;
  role: Role;
  /** scrypt hash, `scrypt$N$r$p$salt$hash`; null = cannot sign in (e.g. imported therapist). */
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
  /** The language of their pages ("en" | "fr"), or null when not chosen (the browser's decides). */
  language: ColumnType<string | null, string | null | undefined, string | null>;
  /** The TOTP secret, encrypted with the server's key (auth/secretBox.ts); null = no second factor. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** A secret being enrolled (encrypted), until confirmed with a code. */
  totp_pending: ColumnType<string | null, string | null | undefined, string | null>;
  totp_enabled_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The time step of the last accepted code: a code of this step or an earlier one is refused. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  /**
   * The sign-in name of an account whose address is already `email` of an account in another network
   * (migration 051); at most one per network. Sign-in reads both columns.
   */
  shared_email: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface PatientTable {
  id: string;
  network_id: string;
  site_id: string | null;
  /** Pseudonymous code, unique within the network. */
  code: string;
  created_at: string;
}
export interface PatientContactTable {
  patient_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
  /** The language the patient's messages are written in ("en" | "fr"; migration 060), null = English. */
  language: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface EpisodeTable {
  id: string;
  network_id: string;
  patient_id: string;
  therapist_id: string;
  study_id: string | null;
  arm_id: string | null;
  started_at: string;
  /** The day the episode ended (YYYY-MM-DD), null while open (migration 070). */
  ended_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why it ended (core END_REASONS), null while open. */
  end_reason: ColumnType<EndReason | null, EndReason | null | undefined, EndReason | null>;
}
export interface TherapySessionTable {
  id: string;
  episode_id: string;
  number: number;
  date: string | null;
  /** The clinic's local time of day "HH:MM" of a scheduled session (migration 080); null = not given. */
  time: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  /** How the session was held (core MODALITIES), null when not recorded (migration 070). */
  modality: ColumnType<Modality | null, Modality | null | undefined, Modality | null>;
}
export interface CoderAssignmentTable {
  coder_id: string;
  session_id: string;
}
export interface ResponseTable {
  id: string;
  network_id: string;
  patient_id: string;
  episode_id: string;
  session_id: string;
  questionnaire_url: string;
  rater: Rater;
  author_kind: "link" | "user" | "import";
  author_id: string | null;
  /** 1 for the first answer; a correction is version n+1 and points at version n. */
  version: number;
  supersedes_id: string | null;
  /** FHIR R4 QuestionnaireResponse JSON. */
  resource: string;
  submitted_at: string;
}
export interface ScoreTable {
  response_id: string;
  scale: string;
  value: number;
  /** The scale's range when the import declared it (imported, already-scored data); null otherwise. */
  range_min: ColumnType<number | null, number | null | undefined, never>;
  range_max: ColumnType<number | null, number | null | undefined, never>;
}
export interface PatientLinkTable {
  id: string;
  /** sha256 of the token (hex); the token itself is never stored. */
  token_hash: string;
  network_id: string;
  episode_id: string;
  session_id: string;
  /** JSON array of Questionnaire urls the patient may answer. */
  forms: string;
  expires_at: string;
  /** When the link starts working (migration 080): the start of its session's day; null = at once. */
  opens_at: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: string;
  submitted_at: string | null;
  /** sha256 of the canonical first submission, to tell a retry from a different second submit. */
  submission_hash: string | null;
  /** JSON array of the response ids created by the first submission. */
  result: string | null;
}
export interface AuthSessionTable {
  /** sha256 of the cookie token. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** The session's last request (migration 060), for idle sign-out; null = never since created_at. */
  last_seen_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** "full", or half signed in: "second-factor" (a code is due) or "enrol" (must enrol first). */
  stage: ColumnType<SessionStage, SessionStage | undefined, SessionStage>;
  /** Wrong codes given in this half-signed-in session. */
  attempts: ColumnType<number, number | undefined, number>;
}
export type SessionStage = "full" | "second-factor" | "enrol";
export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  /** HMAC-SHA-256 of the code (codes are random, 50 bits; shown once). */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}
export interface AuditTable {
  id: string;
  at: string;
  network_id: string | null;
  actor_kind: "user" | "patient-link" | "system" | "anonymous";
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: string | null;
}
export interface ErasureTable {
  id: string;
  patient_id: string;
  network_id: string;
  requested_by: string;
  reason: string;
  at: string;
}

export interface Database {
  networks: NetworkTable;
  sites: SiteTable;
  users: UserTable;
  studies: StudyTable;
  arms: ArmTable;
  allocations: AllocationTable;
  schedule_items: ScheduleItemTable;
  questionnaires: QuestionnaireTable;
  patients: PatientTable;
  patient_contacts: PatientContactTable;
  episodes: EpisodeTable;
  therapy_sessions: TherapySessionTable;
  coder_assignments: CoderAssignmentTable;
  responses: ResponseTable;
  scores: ScoreTable;
  patient_links: PatientLinkTable;
  auth_sessions: AuthSessionTable;
  recovery_codes: RecoveryCodeTable;
  audit_log: AuditTable;
  erasures: ErasureTable;
  randomisations: RandomisationTable;
  form_declines: FormDeclineTable;
  analysis_runs: AnalysisRunTable;
  run_redactions: RunRedactionTable;
  invitations: InvitationTable;
  licensed_texts: LicensedTextTable;
  alert_acks: AlertAckTable;
  item_calibrations: ItemCalibrationTable;
  message_log: MessageLogTable;
  therapist_attributes: TherapistAttributeTable;
  therapist_attribute_values: TherapistAttributeValueTable;
  therapist_questionnaires: TherapistQuestionnaireTable;
  therapist_responses: TherapistResponseTable;
  patient_allocations: PatientAllocationTable;
}
export type TherapistAttribute = Selectable<TherapistAttributeTable>;
export type TherapistResponse = Selectable<TherapistResponseTable>;
export type MessageLogEntry = Selectable<MessageLogTable>;
export type AlertAck = Selectable<AlertAckTable>;

export type Network = Selectable<NetworkTable>;
export type Site = Selectable<SiteTable>;
export type User = Selectable<UserTable>;
export type Study = Selectable<StudyTable>;
export type Arm = Selectable<ArmTable>;
export type ScheduleItem = Selectable<ScheduleItemTable>;
export type QuestionnaireRow = Selectable<QuestionnaireTable>;
export type Patient = Selectable<PatientTable>;
export type PatientContact = Selectable<PatientContactTable>;
export type Episode = Selectable<EpisodeTable>;
export type TherapySession = Selectable<TherapySessionTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type NewResponse = Insertable<ResponseTable>;
export type Score = Selectable<ScoreTable>;
export type PatientLink = Selectable<PatientLinkTable>;
export type AuthSession = Selectable<AuthSessionTable>;
export type AuditEntry = Selectable<AuditTable>;
export type Randomisation = Selectable<RandomisationTable>;
export type FormDecline = Selectable<FormDeclineTable>;
export type AnalysisRun = Selectable<AnalysisRunTable>;
export type RunRedaction = Selectable<RunRedactionTable>;
export type Invitation = Selectable<InvitationTable>;
export type LicensedText = Selectable<LicensedTextTable>;
