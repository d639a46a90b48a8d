// The network's outcome by name, as the caseload column and the patient's chart both show it. (The page's
// words are passed in: staffText needs a browser; staff-fr.int.test.ts covers the French pages.)
import { describe, expect, it } from "vitest";
import { outcomeLabel } from "../src/therapist/outcomeLabel.ts";

const en = { wellbeing: "Well-being", better: "is better" };

describe("outcomeLabel", () => {
  it("names well-being by the page's word, and an instrument with the direction that is better", () => {
    expect(outcomeLabel({ id: "wellbeing", higherIsBetter: true }, en)).toBe("Well-being");
    expect(outcomeLabel({ id: "phq-9", higherIsBetter: false }, en)).toBe("PHQ-9 (↓ is better)");
    expect(outcomeLabel({ id: "who-5", higherIsBetter: true }, en)).toBe("WHO-5 (↑ is better)");
    expect(
      outcomeLabel({ id: "phq-9", higherIsBetter: false }, { wellbeing: "Bien-être", better: "est mieux" }),
    ).toBe("PHQ-9 (↓ est mieux)");
  });
});
