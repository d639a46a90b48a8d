// The network's outcome by name, as the caseload column and the patient's chart both show it.
import { describe, expect, it } from "vitest";
import { staffText } from "../src/staffText.ts";
import { outcomeLabel } from "../src/therapist/dyadCharts.ts";

describe("outcomeLabel", () => {
  it("names well-being, and an instrument with the direction that is better", () => {
    const en = staffText("en");
    expect(outcomeLabel({ id: "wellbeing", higherIsBetter: true }, en)).toBe("Well-being");
    expect(outcomeLabel({ id: "phq-9", higherIsBetter: false }, en)).toBe("PHQ-9 (↓ is better)");
    expect(outcomeLabel({ id: "who-5", higherIsBetter: true }, en)).toBe("WHO-5 (↑ is better)");
  });

  it("speaks French", () => {
    const fr = staffText("fr");
    expect(outcomeLabel({ id: "wellbeing", higherIsBetter: true }, fr)).toBe("Bien-être");
    expect(outcomeLabel({ id: "phq-9", higherIsBetter: false }, fr)).toBe("PHQ-9 (↓ est mieux)");
  });
});
