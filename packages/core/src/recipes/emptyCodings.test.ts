// Data whose sessions nobody has coded for ruptures or modality (the columns are there, as in every long
// table, but empty): each recipe says what is missing instead of failing on "no rows left to fit".
import { dataFrameFromRows } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { preparePrnData } from "./prepare.ts";
import { resolveRoles } from "./roles.ts";
import { ruptures } from "./ruptures.ts";
import { modality } from "./modality.ts";

const HEAD = [
  "therapist",
  "patient",
  "session",
  "alliance_patient",
  "outcome",
  "rupture_withdrawal",
  "modality",
];
const rows = (withdrawal: string, mode: (i: number) => string) =>
  Array.from({ length: 12 }, (_, i) => [
    `T${i % 3}`,
    `P${i % 6}`,
    String(1 + Math.floor(i / 6)),
    String(3 + (i % 4) / 4),
    String(2 + (i % 5) / 5),
    withdrawal,
    mode(i),
  ]);
const data = (r: string[][]) => preparePrnData(dataFrameFromRows(HEAD, r), resolveRoles());

describe("ruptures and modality on data without codings", () => {
  it("ruptures names the empty columns and where codings come from", () => {
    expect(() => ruptures(data(rows("", () => "video")), {})).toThrow(
      /^ruptures: no session in the chosen data has a rupture coding \(columns rupture_withdrawal all empty\); code sessions with the observer rupture form/,
    );
  });
  it("modality says no session has a modality, and one modality is still refused as such", () => {
    expect(() => modality(data(rows("0", () => "")), {})).toThrow(
      /^modality: no session in the chosen data has a modality \(column "modality" is empty\)/,
    );
    expect(() => modality(data(rows("0", () => "video")), {})).toThrow(
      /needs at least two modalities, found 1 \(video\)/,
    );
  });
});
