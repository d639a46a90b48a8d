import { dataFrameFromRows } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { nextOf } from "./derive.ts";
import { predictorColumns, splitLevels } from "./levels.ts";
import { preparePrnData } from "./prepare.ts";
import { resolveRoles } from "./roles.ts";
import { timeOf } from "./timeColumn.ts";

// two therapists; T1 has two patients; experience varies by session, years by therapist, site by patient
const HEAD = ["therapist", "patient", "session", "alliance_patient", "experience", "years", "site", "date"];
const ROWS = [
  ["T1", "P1", "3", "4", "1", "10", "a", "2024-01-01"],
  ["T1", "P1", "12", "4.2", "3", "10", "a", "2024-03-04"],
  ["T1", "P2", "3", "3.5", "2", "10", "b", "2024-02-01"],
  ["T1", "P2", "12", "3.7", "6", "10", "b", ""],
  ["T2", "P3", "3", "3", "5", "2", "b", "2024-01-10"],
  ["T2", "P3", "12", "3.3", "7", "2", "b", "2024-01-24"],
];
const data = preparePrnData(dataFrameFromRows(HEAD, ROWS), resolveRoles());
const rows = [0, 1, 2, 3, 4, 5];

describe("splitLevels", () => {
  const cols = predictorColumns(data, ["experience", "years", "site"], "--predictors");
  const lt = splitLevels(data, rows, cols, []);

  it("finds each predictor's level and adds only the parts that vary", () => {
    expect(lt.predictors.map((p) => [p.label, p.level])).toEqual([
      ["experience", "session"],
      ["years", "therapist"],
      ["site=b", "patient"],
    ]);
    expect(lt.terms).toEqual([
      "experience_wp",
      "experience_pb",
      "experience_tm",
      "years_tm",
      "site_b_pb",
      "site_b_tm",
    ]);
  });

  it("splits a session-level value into parts that add back to it minus the mean of therapist means", () => {
    // therapist means: T1 (1+3+2+6)/4 = 3, T2 6; mean of therapist means 4.5
    const c = lt.columns;
    expect(Array.from(c.experience_wp as Float64Array)).toEqual([-1, 1, -2, 2, -1, 1]);
    expect(Array.from(c.experience_pb as Float64Array)).toEqual([-1, -1, 1, 1, 0, 0]);
    expect(Array.from(c.experience_tm as Float64Array)).toEqual([-1.5, -1.5, -1.5, -1.5, 1.5, 1.5]);
    expect(Array.from(c.years_tm as Float64Array)).toEqual([4, 4, 4, 4, -4, -4]);
  });

  it("takes a therapist attribute as moderator and refuses one that varies within a therapist", () => {
    const years = predictorColumns(data, ["years"], "--moderator");
    expect(splitLevels(data, rows, [], years).moderators).toEqual([{ label: "years", column: "years_tm" }]);
    const exp = predictorColumns(data, ["experience"], "--moderator");
    expect(() => splitLevels(data, rows, [], exp)).toThrow(
      /--moderator "experience" must have one value per therapist \(a therapist attribute\), but therapist "T1" has 1 \(row 1 \(line 2 of the file\)\) and 3 \(row 2/,
    );
  });

  it("names a missing predictor column", () => {
    expect(() => predictorColumns(data, ["hours"], "growth --predictors")).toThrow(
      /growth --predictors: column "hours" not found; the data have columns: therapist, patient/,
    );
  });
});

describe("unequally spaced sessions", () => {
  it("takes dates as weeks since the patient's first session, missing dates as missing", () => {
    const t = timeOf(data, "date");
    expect(t[0]).toBe(0);
    expect(t[1]).toBe(9); // 63 days
    expect(Number.isNaN(t[3] as number)).toBe(true);
    expect(t[5]).toBe(2);
    expect(Array.from(timeOf(data))).toEqual([2, 11, 2, 11, 2, 11]);
  });

  it("names a value that is neither a number nor a date", () => {
    expect(() => timeOf(data, "site")).toThrow(
      /--time: column "site" must hold numbers or dates.*row 1.*"a"/,
    );
  });

  it("lags to the next observed session (3 → 12), or to session + 1 only", () => {
    expect(Array.from(nextOf(data, data.alliance_patient, true))).toEqual([4.2, NaN, 3.7, NaN, 3.3, NaN]);
    expect(Array.from(nextOf(data, data.alliance_patient)).every(Number.isNaN)).toBe(true);
  });
});
