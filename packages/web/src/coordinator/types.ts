// The shapes the coordinator pages read from the API (see the OpenAPI at /api/openapi.json).
export interface Site {
  id: string;
  name: string;
}
export interface User {
  id: string;
  code: string;
  email: string | null;
  displayName: string;
  role: string;
  siteId: string | null;
  /** Disabled by a coordinator: cannot sign in, sessions ended. */
  disabled?: boolean;
}
export interface Invitation {
  token: string;
  url: string;
  expiresAt: string;
  /** Queued by e-mail (server with SMTP), or null/absent: copy the link by hand. */
  delivery?: { channel: "email" | "sms"; status: "queued" } | null;
}
export interface ScheduleItem {
  questionnaire: string;
  rater: string;
  sessions: "all" | number[];
}
export interface Study {
  id: string;
  name: string;
  arms: { id: string; code: string; name: string }[];
  schedule: ScheduleItem[];
}
export interface Allocation {
  therapistId: string;
  therapistCode: string;
  site: string;
  arm: string;
  block: number;
  position: number;
}
export interface Randomisation {
  id: string;
  algorithm: string;
  seed: number;
  blockSize: number;
  madeBy: string;
  madeAt: string;
  allocations: Allocation[];
  reproduced: boolean;
}
export interface Randomisations {
  randomisations: Randomisation[];
  allocations: {
    therapistCode: string;
    site: string;
    arm: string;
    randomisationId: string | null;
    allocatedBy: string | null;
    allocatedAt: string | null;
  }[];
}
export interface Counts {
  due: number;
  done: number;
  declined: number;
  open: number;
  late: number;
  missed: number;
  rate: number | null;
}
export type Status = "done" | "declined" | "open" | "late" | "missed" | "upcoming";
export interface Completion {
  now: string;
  totals: Counts;
  sites: { site: string; counts: Counts }[];
  therapists: { therapist: string; site: string; counts: Counts }[];
  patients: {
    patientId: string;
    /** The patient's episode in this study and its highest recorded session number. */
    episodeId: string;
    lastSession: number | null;
    patient: string;
    therapist: string;
    site: string;
    counts: Counts;
    forms: { session: number; sessionId: string; questionnaire: string; rater: string; status: Status }[];
  }[];
}
export interface Reminder {
  patientId: string;
  patient: string;
  therapist: string;
  site: string;
  session: number;
  status: "open" | "late";
  forms: string[];
  url: string;
  expiresAt: string;
}
export interface Link {
  token: string;
  url: string;
  expiresAt: string;
  forms: string[];
}
export interface ImportReport {
  ok: boolean;
  rows: number;
  created: Record<string, number>;
  rejected: { row: number; column?: string; message: string }[];
  /** Stored, but worth a look (e.g. undeclared scores beyond the assumed 1–5). */
  warnings?: string[];
}
