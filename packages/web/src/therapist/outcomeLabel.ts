// The network's outcome by name, for the caseload's column and the patient's chart alike.

/**
 * The network's outcome by name: well-being, or an instrument such as PHQ-9 with its direction
 * (`words`: the page's words for "Well-being" and "is better", e.g. `t.patient`).
 *
 * @example
 * outcomeLabel({ id: "phq-9", higherIsBetter: false }, t.patient); // "PHQ-9 (↓ is better)"
 */
export function outcomeLabel(
  outcome: { id: string; higherIsBetter: boolean },
  words: { wellbeing: string; better: string },
): string {
  return outcome.id === "wellbeing"
    ? words.wellbeing
    : `${outcome.id.toUpperCase()} (${outcome.higherIsBetter ? "↑" : "↓"} ${words.better})`;
}
