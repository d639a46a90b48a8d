// Table types of therapist-level data: declared attributes, their values, once-only questionnaires
// and their answers (part of schema.ts, which assembles the Database).

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
