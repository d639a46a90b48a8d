// The CSV dialect a spreadsheet wrote: "," with decimal points, or ";" with decimal commas.
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.ts";
import { csvDialect, decimalPoint } from "@attune/core/records";

describe("CSV dialect", () => {
  it('takes ";" when the header has more semicolons than commas, outside quotes', () => {
    expect(csvDialect("therapist;patient;session\nT1;P1;1\n")).toEqual({
      delimiter: ";",
      decimalComma: true,
    });
    expect(csvDialect("\uFEFFa;b\r\n1;2\r\n").delimiter).toBe(";");
    expect(csvDialect("therapist,patient,session\n")).toEqual({ delimiter: ",", decimalComma: false });
    expect(csvDialect('"a;b;c",d\n').delimiter).toBe(",");
    expect(csvDialect("").delimiter).toBe(",");
  });

  it("writes a whole-cell decimal comma as a point and leaves codes and text alone", () => {
    expect(decimalPoint("3,5")).toBe("3.5");
    expect(decimalPoint(" -0,25 ")).toBe("-0.25");
    expect(decimalPoint("P1,2b")).toBe("P1,2b");
    expect(decimalPoint("1,2,3")).toBe("1,2,3");
    expect(decimalPoint("12")).toBe("12");
  });

  it("parses a French-locale file into the same cells as its comma twin", () => {
    const fr = parseCsv('therapist;patient;session;alliance_patient\nT1;"P;1";2;4,5\n');
    const en = parseCsv('therapist,patient,session,alliance_patient\nT1,"P;1",2,4.5\n');
    expect(fr.rejected).toEqual([]);
    expect(fr.table?.records).toEqual(en.table?.records);
    expect(fr.table?.dialect.decimalComma).toBe(true);
    expect(en.table?.dialect.decimalComma).toBe(false);
  });
});
