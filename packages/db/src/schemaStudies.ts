// Table types of studies: arms, allocations, randomisations, invitations, licensed texts, schedules,
// questionnaires and analysis runs (part of schema.ts, which assembles the Database).
import type { ColumnType } from "kysely";
import type { RaterKind } from "@attune/core";

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
  rater: RaterKind;
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
