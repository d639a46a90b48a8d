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
export interface StudyTable {
  id: string;
  network_id: string;
  name: string;
  created_at: string;
  /** When a coordinator archived it (migration 085); null = active. */
  archived_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who is randomised to the arms (migration 076): therapists (the default) or patients at enrolment. */
  allocation_level: ColumnType<
    "therapist" | "patient",
    "therapist" | "patient" | undefined,
    "therapist" | "patient"
  >;
  /** A patient-level study's block size (null for therapist-level). */
  block_size: ColumnType<number | null, number | null | undefined, number | null>;
}
/** A patient's arm in a patient-level study: its place in the site's sequence (migration 076). */
export interface PatientAllocationTable {
  id: string;
  study_id: string;
  /** Null once the patient is erased (the place stays taken). */
  patient_id: string | null;
  arm_id: string;
  randomisation_id: string;
  site: string;
  place: number;
  allocated_by: string | null;
  allocated_at: string;
}
export interface ArmTable {
  id: string;
  study_id: string;
  code: string;
  name: string;
}
export interface AllocationTable {
  study_id: string;
  therapist_id: string;
  arm_id: string;
  /** The randomisation that made it (null: allocated by hand or by an import). */
  randomisation_id: ColumnType<string | null, string | null | undefined, never>;
  allocated_by: ColumnType<string | null, string | null | undefined, never>;
  allocated_at: ColumnType<string | null, string | null | undefined, never>;
}
export interface RandomisationTable {
  id: string;
  study_id: string;
  /** Name and version of the procedure (core RANDOMISATION_ALGORITHM). */
  algorithm: string;
  /** The seed, as decimal text. */
  seed: string;
  block_size: number;
  /** JSON: {therapists: [{id, site}], arms: [code]} — everything needed to reproduce the allocation. */
  input: string;
  made_by: string;
  made_at: string;
}
export interface InvitationTable {
  id: string;
  /** sha256 of the invitation token (hex); the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}
/**
 * One revision of the licensed wording a network imported into an instrument shell (append-only).
 * The network's current form is its highest revision, unless that revision is a withdrawal.
 */
export interface LicensedTextTable {
  id: string;
  network_id: string;
  /** Instrument id in @attune/core, e.g. "wai-sr". */
  instrument_id: string;
  /** Canonical url of the shell (without version). */
  questionnaire_url: string;
  /** Version of the shell the wording was merged into. */
  version: string;
  /** 1, 2, ... per (network, questionnaire_url). */
  revision: number;
  action: "import" | "add-language" | "replace" | "withdraw";
  /** JSON array of the languages the form has after this revision (empty after a withdrawal). */
  languages: string;
  /** Language of the file imported by this revision (null for a withdrawal). */
  language: string | null;
  /** The licensed-text file as received (JSON), null for a withdrawal. */
  file: string | null;
  /** SHA-256 (hex) of `file`. */
  file_sha256: string | null;
  /** The merged FHIR Questionnaire (JSON) served to the network, null for a withdrawal. */
  questionnaire: string | null;
  /** The coordinator's statement that the network holds the licence (null for a withdrawal). */
  attestation: string | null;
  created_by: string;
  created_at: string;
}
export interface FormDeclineTable {
  id: string;
  network_id: string;
  episode_id: string;
  session_id: string;
  questionnaire_url: string;
  /** The patient link through which the patient declined (null: recorded by staff). */
  link_id: string | null;
  declined_at: string;
}
export interface AnalysisRunTable {
  id: string;
  network_id: string;
  run_by: string;
  run_at: string;
  attune_version: string;
  /** JSON: {study, from, to, arms, outcome}. */
  selection: string;
  recipe: string;
  rows: number;
  /** sha256 of data_csv: the tidy long CSV the recipes read (pseudonymised codes). */
  data_sha256: string;
  data_csv: string;
  /** JSON: the recipes' JSON contract (recipeJson). */
  results: string;
  /** The run_redactions row data_csv now reflects (null: the CSV as recorded); set only by an erasure. */
  redacted_by: string | null;
}
/** An erased patient's rows removed from a run's CSV (migration 005); append-only. */
export interface RunRedactionTable {
  id: string;
  run_id: string;
  erasure_id: string;
  at: string;
  rows_removed: number;
  /** sha256 of the run's CSV before and after the rows were removed. */
  before_sha256: string;
  after_sha256: string;
}
export interface ScheduleItemTable {
  id: string;
  study_id: string;
  questionnaire_url: string;
  rater: Rater;
  /** "all" or a JSON array of session numbers, e.g. "[3,12,20,40]". */
  sessions: string;
}
export interface QuestionnaireTable {
  id: string;
  url: string;
  version: string;
  title: string;
  status: string;
  /** FHIR R4 Questionnaire JSON. */
  resource: string;
  created_at: string;
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

/** A therapist's acknowledgement of a computed alert (migration 020). */
export interface AlertAckTable {
  id: string;
  network_id: string;
  episode_id: string;
  kind: "rupture" | "not-on-track" | "incongruence";
  session: number;
  acknowledged_by: string;
  at: string;
  note: string | null;
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
/** A therapist attribute a network declares (migration 075). */
export interface TherapistAttributeTable {
  id: string;
  network_id: string;
  /** The analysis-table column (core's attributeCodeProblem). */
  code: string;
  label: string;
  kind: "numeric" | "categorical";
  /** JSON array of categories, null for numeric. */
  levels: string | null;
  created_by: string;
  created_at: string;
}
/** One therapist's value of one attribute (text; numbers as JS prints them). */
export interface TherapistAttributeValueTable {
  therapist_id: string;
  attribute_id: string;
  value: string;
  source: "entered" | "import";
  entered_by: string;
  entered_at: string;
}
/** A questionnaire every therapist of the network answers once, at enrolment. */
export interface TherapistQuestionnaireTable {
  id: string;
  network_id: string;
  questionnaire_url: string;
  timing: "enrolment";
  created_by: string;
  created_at: string;
}
/** A therapist's answer to a once-only therapist questionnaire, with its scale scores (JSON). */
export interface TherapistResponseTable {
  id: string;
  network_id: string;
  therapist_id: string;
  questionnaire_url: string;
  resource: string;
  scores: string;
  author_id: string;
  submitted_at: string;
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
