// The columns of the table a custom model formula sees (recipes/custom.ts builds it): one contract for
// the recipe, the CLI help and the workspace's list of what a formula may use.

/** A column of the custom model's table and what it holds. */
export interface CustomColumn {
  readonly name: string;
  readonly what: string;
}

/**
 * The columns every custom table has; data read from a CSV add their other columns as they are.
 *
 * @example
 * CUSTOM_COLUMNS.map((c) => c.name).includes("forms_missed"); // true
 */
export const CUSTOM_COLUMNS: readonly CustomColumn[] = [
  { name: "therapist", what: "therapist code (grouping factor)" },
  { name: "patient", what: "patient code (grouping factor; nest as therapist:patient)" },
  { name: "condition", what: "arm of the study" },
  { name: "session", what: "session number (1 = first)" },
  { name: "time", what: "session − 1" },
  { name: "alliance_patient", what: "alliance rated by the patient" },
  { name: "alliance_therapist", what: "alliance rated by the therapist" },
  { name: "outcome", what: "the outcome (well-being) at the session" },
  { name: "outcome_next", what: "the outcome at the patient's session + 1" },
  { name: "alliance_pm", what: "the patient's mean patient-rated alliance (between patients)" },
  { name: "alliance_wp", what: "alliance_patient − alliance_pm (within patient)" },
  {
    name: "forms_missed",
    what: "forms of the session not answered (patient alliance, therapist alliance, outcome): a count 0–3",
  },
];
