import { expect, it } from "vitest";
import { inDomainWords } from "./domainWords.ts";

it("names patients, therapists and sessions instead of rows of a file", () => {
  const rows = [
    { patient: "P1", therapist: "T1", session: 1 },
    { patient: "P1", therapist: "T2", session: 1 },
  ];
  expect(
    inDomainWords(
      'patient "P1" is seen by two therapists: "T1" (row 1 (line 2 of the file)) and "T2" (row 2 (line 3 of the file))',
      rows,
    ),
  ).toBe(
    'patient "P1" is seen by two therapists: "T1" (patient P1 (therapist T1) session 1) and "T2" (patient P1 (therapist T2) session 1)',
  );
  expect(inDomainWords("row 9 (line 10 of the file)", rows)).toBe("row 9 (line 10 of the file)");
});
