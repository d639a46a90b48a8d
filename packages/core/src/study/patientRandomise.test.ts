import { describe, expect, it } from "vitest";
import { patientArmAt, reproducePatientAllocations, siteSequence } from "./patientRandomise.ts";

describe("patient-level randomisation", () => {
  const s = { arms: ["control", "training"], blockSize: 4, seed: 123456789 };

  it("balances every complete block of a site and depends only on seed and site", () => {
    const seq = siteSequence(s, "Geneva", 40);
    for (let b = 0; b < 10; b++)
      expect(seq.slice(4 * b, 4 * b + 4).filter((a) => a === "training").length).toBe(2);
    // The same place, asked alone or after other sites' allocations, is the same arm.
    siteSequence(s, "Lausanne", 17);
    expect(Array.from({ length: 40 }, (_, i) => patientArmAt(s, "Geneva", i + 1))).toEqual(seq);
    expect(siteSequence({ ...s, seed: 987654321 }, "Geneva", 40)).not.toEqual(seq);
    expect(siteSequence(s, "Bern", 40)).not.toEqual(seq);
  });

  it("reproduces stored allocations and notices one changed or a place used twice", () => {
    const stored = [1, 2, 3, 5].map((place) => ({ site: "A", place, arm: patientArmAt(s, "A", place) }));
    expect(reproducePatientAllocations(s, stored)).toBe(true);
    const flipped = stored.map((a, i) =>
      i === 2 ? { ...a, arm: a.arm === "control" ? "training" : "control" } : a,
    );
    expect(reproducePatientAllocations(s, flipped)).toBe(false);
    expect(reproducePatientAllocations(s, [...stored, stored[0]!])).toBe(false);
  });

  it("refuses a block size that is not a multiple of the arms", () => {
    expect(() => patientArmAt({ ...s, blockSize: 3 }, "A", 1)).toThrow(/multiple of the 2 arms, got 3/);
  });
});
