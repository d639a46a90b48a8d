import { dataFrameFromRows } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { preparePrnData } from "./prepare.ts";
import { resolveRoles } from "./roles.ts";
import { runRecipes } from "./run.ts";

const HEAD = [
  "therapist",
  "patient",
  "condition",
  "session",
  "alliance_patient",
  "alliance_therapist",
  "outcome",
];
const ok = [
  ["T1", "P1", "0", "1", "4", "3.8", "3"],
  ["T1", "P1", "0", "2", "4.2", "4", "3.2"],
  ["T2", "P2", "1", "1", "3.5", "3.1", "2.8"],
];
const frame = (rows: string[][], head = HEAD) => dataFrameFromRows(head, rows);
const prepare = (rows: string[][], head = HEAD) => preparePrnData(frame(rows, head), resolveRoles());

describe("preparePrnData: bad input gives a message naming the column, row and value", () => {
  it("accepts good data", () => {
    expect(prepare(ok).nrow).toBe(3);
  });

  it("names a missing column and the columns present", () => {
    expect(() =>
      prepare(
        ok.map((r) => r.slice(0, 6)),
        HEAD.slice(0, 6),
      ),
    ).toThrow(
      /column "outcome" \(role outcome\) not found; the data has columns: therapist, patient.*--outcome/,
    );
  });

  it("names a role mapped to a non-numeric column, with the row and value", () => {
    const rows = ok.map((r) => [...r]);
    rows[1]![4] = "good";
    expect(() => prepare(rows)).toThrow(
      /column "alliance_patient" \(role alliance_patient\) must be numeric, but row 2 \(line 3 of the file\) has "good"/,
    );
  });

  it("names a patient seen by two therapists", () => {
    const rows = [...ok, ["T2", "P1", "1", "3", "4", "4", "3"]];
    expect(() => prepare(rows)).toThrow(
      /patient "P1" is seen by two therapists: "T1" \(row 1 .*\) and "T2" \(row 4/,
    );
  });

  it("names duplicate patient × session rows", () => {
    const rows = [...ok, ["T1", "P1", "0", "2", "4", "4", "3"]];
    expect(() => prepare(rows)).toThrow(/duplicate rows for patient "P1" session 2: row 2 .* and row 4/);
  });

  it("names a condition that varies within a therapist", () => {
    const rows = [...ok, ["T1", "P3", "1", "1", "4", "4", "3"]];
    expect(() => prepare(rows)).toThrow(/therapist "T1" has 0 \(row 1 .*\) and 1 \(row 4/);
  });

  it("names a session number that is not a positive integer", () => {
    const rows = ok.map((r) => [...r]);
    rows[2]![3] = "1.5";
    expect(() => prepare(rows)).toThrow(/must hold 1-based session numbers, but row 3 .* has 1.5/);
  });

  it("names a missing patient id", () => {
    const rows = ok.map((r) => [...r]);
    rows[0]![1] = "";
    expect(() => prepare(rows)).toThrow(/column "patient" \(role patient\) is missing at row 1/);
  });

  it("explains when there are too few sessions for a lag", () => {
    const rows = [
      ["T1", "P1", "0", "1", "4", "3.8", "3"],
      ["T1", "P1", "0", "3", "4", "3.8", "3"],
      ["T2", "P2", "1", "1", "3.5", "3.1", "2.8"],
    ];
    expect(() => runRecipes("lagged", frame(rows), {})).toThrow(
      /needs the outcome \("outcome"\) at the next session: no row has sessions s and s \+ 1 .*\(2 patients, at most 2 sessions each\)/,
    );
  });

  it("rejects an unknown recipe", () => {
    expect(() => runRecipes("nope" as "rsa", frame(ok), {})).toThrow(
      /unknown recipe "nope"; choose one of: congruence, rsa/,
    );
  });
});
