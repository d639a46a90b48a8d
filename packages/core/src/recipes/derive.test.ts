import { dataFrameFromRows } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { deriveOutcomeNext, deriveTime } from "./derive.ts";
import { preparePrnData } from "./prepare.ts";
import { resolveRoles } from "./roles.ts";

describe("derived variables", () => {
  const df = dataFrameFromRows(
    ["therapist", "patient", "condition", "session", "alliance_patient", "alliance_therapist", "wb", "time"],
    [
      ["T1", "P1", "0", "2", "4", "3", "3.2", "99"],
      ["T1", "P1", "0", "1", "4", "3", "3.0", "99"],
      ["T1", "P1", "0", "4", "4", "3", "3.9", "99"],
      ["T1", "P2", "0", "1", "4", "3", "NA", "99"],
      ["T1", "P2", "0", "2", "4", "3", "2.5", "99"],
    ],
  );
  const data = preparePrnData(df, resolveRoles({ outcome: "wb" }));

  it("time = session − 1, ignoring an input column named time", () => {
    expect(Array.from(deriveTime(data))).toEqual([1, 0, 3, 0, 1]);
  });

  it("outcome_next needs the consecutive session of the same patient", () => {
    expect(Array.from(deriveOutcomeNext(data))).toEqual([NaN, 3.2, NaN, 2.5, NaN]);
  });
});
