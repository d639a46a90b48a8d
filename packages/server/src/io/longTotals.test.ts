// Form totals in a long file: each cell checked against its form's range as core declares it, hostile
// cells refused by row, column and value, and the carrier responses built from what passes.
import { describe, expect, it } from "vitest";
import {
  FORM_COLUMNS,
  getInstrument,
  importedTotalsUrl,
  scoreResponse,
  storedScores,
  totalsSourceUrl,
  catalogInstruments,
} from "@attune/core";
import { parseCsv } from "./csv.ts";
import { readLongRows } from "./longReader.ts";
import { DEFAULT_COLUMNS, validateRows } from "./longRows.ts";
import { numberCell, readFormTotals, skippedTotalsWarnings, totalsResponses } from "./longTotals.ts";

/** Validates a long CSV's text (header from the given columns) and returns rows and rejections. */
function validate(header: string, lines: string[], columns: object = DEFAULT_COLUMNS) {
  const { table } = parseCsv([header, ...lines].join("\n"), "test");
  const all = { ...DEFAULT_COLUMNS, ...columns };
  return validateRows(readLongRows(table!, all), all);
}

describe("form totals in a long file", () => {
  it("reads every form column within its form's range, empty or NA as missing", () => {
    const header = ["therapist", "patient", "session", ...FORM_COLUMNS.map((c) => c.column)].join(",");
    const max = FORM_COLUMNS.map((c) => String(c.range.max)).join(",");
    const min = FORM_COLUMNS.map((c) => String(c.range.min)).join(",");
    const empty = FORM_COLUMNS.map((_, i) => (i % 2 ? "NA" : "")).join(",");
    const { rows, rejected } = validate(header, [`T1,P1,1,${max}`, `T1,P1,2,${min}`, `T1,P1,3,${empty}`]);
    expect(rejected).toEqual([]);
    expect(Object.keys(rows[0]!.forms).sort()).toEqual(FORM_COLUMNS.map((c) => c.column).sort());
    expect(rows[0]!.forms["phq9"]).toBe(27);
    expect(rows[1]!.forms["who5"]).toBe(0);
    expect(rows[2]!.forms).toEqual({});
  });

  it("refuses values outside the form's range, naming row, column and value; direction comes from core", () => {
    const { rows, rejected } = validate("therapist,patient,session,phq9,gad7,who5,any_rupture", [
      "T1,P1,1,28,21,25,1",
      "T1,P1,2,-1,22,26,2",
    ]);
    expect(rows).toEqual([]);
    expect(rejected).toEqual([
      { row: 2, column: "phq9", message: "28 is outside the PHQ-9 total's range 0–27" },
      { row: 3, column: "phq9", message: "-1 is outside the PHQ-9 total's range 0–27" },
      { row: 3, column: "gad7", message: "22 is outside the GAD-7 total's range 0–21" },
      { row: 3, column: "who5", message: "26 is outside the WHO-5 total's range 0–25" },
      { row: 3, column: "any_rupture", message: expect.stringMatching(/^2 is outside .* 0–1$/) as string },
    ]);
    expect(FORM_COLUMNS.find((c) => c.column === "phq9")?.higherIsBetter).toBe(false);
    expect(FORM_COLUMNS.find((c) => c.column === "who5")?.higherIsBetter).toBe(true);
  });

  it("refuses hostile cells with a clear message (formula text, 1e308, huge numbers, NaN, Infinity)", () => {
    const problems: string[] = [];
    const bad = (col: string, m: string) => problems.push(`${col}: ${m}`);
    for (const v of [
      "=1+1",
      "+cmd|' /C calc'!A0",
      "1e308",
      "99999999999999999999",
      "NaN",
      "Infinity",
      "0x10",
      "1,5",
    ])
      expect(readFormTotals({ phq9: v }, DEFAULT_COLUMNS, bad)).toEqual({});
    expect(problems).toEqual([
      'phq9: "=1+1" is not a number (PHQ-9 total, 0–27)',
      `phq9: "+cmd|' /C calc'!A0" is not a number (PHQ-9 total, 0–27)`,
      "phq9: 1e308 is outside the PHQ-9 total's range 0–27",
      "phq9: 99999999999999999999 is outside the PHQ-9 total's range 0–27",
      'phq9: "NaN" is not a number (PHQ-9 total); leave the cell empty or NA for a missing total',
      'phq9: "Infinity" is not a number (PHQ-9 total, 0–27)',
      'phq9: "0x10" is not a number (PHQ-9 total, 0–27)',
      'phq9: "1,5" is not a number (PHQ-9 total, 0–27)',
    ]);
  });

  it("trims a padded cell like every other column (' 3 ' is 3) and keeps a prorated total", () => {
    const none = (col: string, m: string) => {
      throw new Error(`${col}: ${m}`);
    };
    expect(readFormTotals({ phq9: " 3 ", gad7: "12.375" }, DEFAULT_COLUMNS, none)).toEqual({
      phq9: 3,
      gad7: 12.375,
    });
    // More decimals than a total can need are rounded to six (the carrier's answer scale).
    expect(readFormTotals({ core10: "13.3333333333" }, DEFAULT_COLUMNS, none)).toEqual({ core10: 13.333333 });
  });

  it("takes codes as whole numbers only (0/1 indicators, coded intensities)", () => {
    const problems: string[] = [];
    readFormTotals(
      {
        rupture_withdrawal: "0.5",
        rupture_withdrawal_intensity: "2.5",
        rupture_confrontation_intensity: "3",
      },
      DEFAULT_COLUMNS,
      (col, m) => problems.push(`${col}: ${m}`),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^rupture_withdrawal: 0.5 is not a whole number/);
    expect(problems[1]).toMatch(/^rupture_withdrawal_intensity: 2.5 is not a whole number/);
  });

  it("names the file's column when a mapping renames it (a REDCap field)", () => {
    const { rejected } = validate("therapist,patient,session,phq_total", ["T1,P1,1,30"], {
      phq9: "phq_total",
    });
    expect(rejected).toEqual([
      { row: 2, column: "phq_total", message: "30 is outside the PHQ-9 total's range 0–27" },
    ]);
  });

  it("carries each form's values on its imported-totals form, which stores the form's own score names", () => {
    const built = totalsResponses({ phq9: 12, confidence: 30, confidence_therapist: 14 });
    expect(built.map((b) => b.formId)).toEqual(["phq-9", "treatment-confidence"]);
    const phq = built[0]!;
    expect(phq.qr.questionnaire).toBe(importedTotalsUrl("phq-9"));
    expect(totalsSourceUrl(phq.qr.questionnaire!)).toBe(phq.formUrl);
    // Scored through the same engine as any form: total and percent of maximum, as a PHQ-9 stores them.
    const carrier = catalogInstruments().find((i) => i.id === "imported-totals-phq-9")!;
    const score = scoreResponse(carrier, { total: 12 });
    if (!score.ok) throw new Error("not scored");
    const stored = storedScores(carrier, score);
    expect(stored).toEqual({ total: 12, percent_of_max: (12 * 100) / 27 });
    const real = getInstrument("phq-9");
    expect(carrier.rater).toBe(real.rater);
    expect(carrier.scoring.higherIsBetter).toBe(false);
    // No item-level rules: the carrier has no risk items to pretend it checked.
    expect(carrier.scoring.riskItems ?? []).toEqual([]);
    expect(built[1]!.qr.item?.map((i) => i.linkId)).toEqual(["total", "therapist"]);
  });

  it("says how many totals it skipped per column and why", () => {
    const w = skippedTotalsWarnings([
      { column: "phq9", fileColumn: "phq9", reason: "answered" },
      { column: "phq9", fileColumn: "phq9", reason: "answered" },
      { column: "gad7", fileColumn: "gad_total", reason: "imported" },
    ]);
    expect(w).toEqual([
      "column phq9 (PHQ-9 total): 2 values not imported: their sessions already have PHQ-9 answers, and the answered form wins (its items and scores were kept unchanged)",
      "column gad_total (GAD-7 total): 1 value not imported: its session already has imported GAD-7 totals (imports never overwrite)",
    ]);
  });
});

describe("numberCell (the score and totals cells' one number rule)", () => {
  it("reads plainly written numbers and nothing else", () => {
    expect(["12", "-0.5", "+3", ".5", "7.", "2e3", "-12.5E-1"].map(numberCell)).toEqual([
      12, -0.5, 3, 0.5, 7, 2000, -1.25,
    ]);
    for (const v of ["", "1,5", "0x10", "Infinity", "NaN", "1e999", "1 2", "e5", "-", "1.2.3"])
      expect(numberCell(v), v).toBeUndefined();
  });
  it("gives the long file's score and totals cells the same verdict (their messages differ)", () => {
    const { rejected } = validate("therapist,patient,session,alliance_patient,phq9", [
      "T1,P1,1,0x10,0x10",
      "T1,P1,2,1e999,1e999",
    ]);
    expect(rejected.map((r) => `${r.row} ${r.column}: ${r.message}`)).toEqual([
      expect.stringMatching(/^2 alliance_patient: "0x10" is not a number$/),
      expect.stringMatching(/^2 phq9: "0x10" is not a number \(PHQ-9/),
      expect.stringMatching(/^3 alliance_patient: "1e999" is not a number$/),
      expect.stringMatching(/^3 phq9: "1e999" is not a number \(PHQ-9/),
    ]);
  });
});
