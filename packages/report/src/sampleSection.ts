import type { SampleDescription } from "@attune/core";
import { fmt } from "./format.ts";
import type { Section } from "./model.ts";

/**
 * The sample description section: therapists, patients, sessions, caseloads, arms, missing values.
 *
 * @example
 * sampleSection(describeSample(data)).title; // "Sample"
 */
export function sampleSection(s: SampleDescription): Section {
  return {
    id: "sample",
    title: "Sample",
    blocks: [
      {
        kind: "text",
        text: `${s.therapists} therapists treated ${s.patients} patients in ${s.rows} sessions (sessions ${s.sessions.min}–${s.sessions.max}; ${fmt(s.patientsPerTherapist.mean, 1)} patients per therapist, range ${s.patientsPerTherapist.min}–${s.patientsPerTherapist.max}; ${fmt(s.sessionsPerPatient.mean, 1)} sessions per patient, range ${s.sessionsPerPatient.min}–${s.sessionsPerPatient.max}). ${s.incompleteRows} session rows miss at least one rating or the outcome.${s.outcome ? ` Outcome: ${s.outcome.column} (${s.outcome.direction === "unknown" ? "direction unknown: say --outcome-higher-is-better or --outcome-lower-is-better" : s.outcome.direction.replace(/-/g, " ")}).` : ""}${s.absentRoles.length ? ` Not in the data: ${s.absentRoles.join(", ")}.` : ""}`,
      },
      {
        kind: "table",
        table: {
          caption: "Arms",
          head: ["condition", "therapists", "patients"],
          rows: s.arms.map((a) => [a.arm, String(a.therapists), String(a.patients)]),
        },
      },
      {
        kind: "table",
        table: {
          caption: "Missing values per role",
          head: ["role", "column", "rows missing"],
          rows: s.missing.map((m) => [m.role, m.column, String(m.rows)]),
        },
      },
    ],
  };
}
