// The replay command reads a network the same whatever its rows' order (the item rule's simulated bar
// walks the dyads in turn), and a form left empty carries no item answers (as the evaluation's histories).
import { describe, expect, it } from "vitest";
import { byDyadCode, replayHistories } from "./replayInput.ts";

const SCALES = {
  alliance_patient: { min: 1, max: 5, from: "--alliance-scale" },
  alliance_therapist: { min: 1, max: 5, from: "--therapist-alliance-scale" },
  outcome: { min: 0, max: 4, from: "--outcome-scale" },
};
const HEADER = [
  "therapist",
  "patient",
  "session",
  "alliance_patient",
  "alliance_therapist",
  "outcome",
  "alliance_patient_item1",
  "alliance_patient_item2",
];
const ROWS = [
  ["T2", "P9", "1", "4", "4", "2", "4", "4"],
  ["T1", "P3", "1", "5", "4", "3", "5", "5"],
  ["T1", "P10", "1", "3", "4", "2", "3", "3"],
  ["T2", "P9", "2", "", "4", "2", "", ""],
  ["T1", "P3", "2", "4.5", "4", "3", "4", "5"],
];

describe("replayHistories for the item rule", () => {
  it("orders the dyads by therapist and patient code whatever the rows' order", () => {
    const a = replayHistories(HEADER, ROWS, SCALES);
    const b = replayHistories(HEADER, [...ROWS].reverse(), SCALES);
    expect(a.map((d) => `${d.therapist}/${d.patient}`)).toEqual(["T1/P10", "T1/P3", "T2/P9"]);
    expect(b).toEqual(a);
    expect(byDyadCode({ therapist: "T1", patient: "P3" }, { therapist: "T1", patient: "P10" })).toBe(1);
  });

  it("gives a form left empty no item answers, and a filled one its answers", () => {
    const p9 = replayHistories(HEADER, ROWS, SCALES).find((d) => d.patient === "P9")!;
    expect(p9.sessions[0]!.items?.alliancePatient).toEqual([4, 4]);
    expect(p9.sessions[1]!.items).toBeUndefined();
  });
});
