import { parse } from "csv-parse/sync";
import { dataFrameFromRows, type DataFrame } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { parseCsvColumns } from "./csvColumns.ts";

/** The reference reading: csv-parse (a separate, well-kept parser) and dataFrameFromRows. */
function reference(text: string): DataFrame {
  const records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  return dataFrameFromRows(
    (records[0] as string[]).map((h) => h.trim()),
    records.slice(1),
  );
}

function plain(df: DataFrame) {
  return {
    nrow: df.nrow,
    names: df.names,
    columns: df.names.map((n) => {
      const c = df.columns.get(n);
      return c ? { type: c.type, values: Array.from(c.values as ArrayLike<unknown>) } : null;
    }),
  };
}

describe("parseCsvColumns", () => {
  it("reads quotes, escaped quotes, line breaks in quotes, CRLF, BOM, blank lines and missing values", () => {
    const text =
      '\uFEFFy,g,note\r\n1.5,"a,b","say ""hi"""\r\n\r\n-2,b,"two\nlines"\r\nNA, c ,\r\n1e3,"",x\r\n';
    const df = parseCsvColumns(text);
    expect(plain(df)).toEqual(plain(reference(text)));
    expect(Array.from(df.columns.get("y")?.values as Float64Array)).toEqual([1.5, -2, NaN, 1000]);
    expect(df.columns.get("g")?.values).toEqual(["a,b", "b", "c", null]);
    expect(df.columns.get("note")?.values).toEqual(['say "hi"', "two\nlines", null, "x"]);
  });

  it("agrees with csv-parse + dataFrameFromRows on random numeric and text cells", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const cells = [
      () => (rand() * 2000 - 1000).toFixed(Math.floor(rand() * 8)),
      () => String(Math.floor(rand() * 100)),
      () => (rand() * 1e-5).toString(),
      () => "0.1234567890123456789",
      () => ["NA", "", " 3 ", "-0", ".5", "5.", "+4", "0x10", "Inf"][Math.floor(rand() * 9)] as string,
      () => `T${Math.floor(rand() * 5)}`,
    ];
    for (let trial = 0; trial < 20; trial++) {
      const kinds = [0, 1, 2, 3, 4, 5].map(() => Math.floor(rand() * (trial % 2 ? 4 : 6)));
      const lines = ["a,b,c,d,e,f"];
      for (let i = 0; i < 50; i++) lines.push(kinds.map((k) => (cells[k] as () => string)()).join(","));
      const text = lines.join("\n") + "\n";
      expect(plain(parseCsvColumns(text))).toEqual(plain(reference(text)));
    }
  });

  it("turns a column categorical at its first text cell, rereading the rows before (blank lines, quotes)", () => {
    // g is numeric for three records (one spanning a line break in a quote, then a blank line),
    // then text; y stays numeric. The codes the reader keeps spell the same cells as the values.
    const text = 'g,y,note\n1,2.5,a\n2,NA,"b\nc"\n\n1,-1,d\nT7,4,e\n 2 ,5,\n,6,f\n';
    const df = parseCsvColumns(text);
    expect(plain(df)).toEqual(plain(reference(text)));
    const g = df.columns.get("g");
    expect(g?.values).toEqual(["1", "2", "1", "T7", "2", null]);
    if (g?.type !== "categorical") throw new Error("g should be categorical");
    expect(Array.from(g.codes ?? [], (c) => (c < 0 ? null : g.dictionary?.[c]))).toEqual(g.values);
    expect(g.dictionary).toEqual(["1", "2", "T7"]);
  });

  it("reads numbers exactly as Number() does on the fast path", () => {
    const values = ["0.1", "19.9812", "-123456.789012345", "999999999999999", "0.000000000000001"];
    const df = parseCsvColumns(`x\n${values.join("\n")}\n`);
    expect(Array.from(df.columns.get("x")?.values as Float64Array)).toEqual(values.map(Number));
  });

  it("names the line of a ragged row, an unclosed quote, and a bad header", () => {
    expect(() => parseCsvColumns("y,g\n1,a\n2,b,3\n", "d.csv")).toThrow(
      /d\.csv: Invalid Record Length: line 3 has 3 fields, the header has 2/,
    );
    expect(() => parseCsvColumns('y,g\n1,a\n2,"b\n', "d.csv")).toThrow(/Quote Not Closed.*line 3/);
    expect(() => parseCsvColumns("y,y\n1,2\n")).toThrow(/names column "y" twice/);
    expect(() => parseCsvColumns("y,\n1,2\n")).toThrow(/empty column name/);
    expect(() => parseCsvColumns("\n\n")).toThrow(/empty file/);
    expect(() => parseCsvColumns("y,g\n")).toThrow(/no data rows/);
  });
  it("reads a French-locale spreadsheet file (';' between fields, decimal commas) as the same data", () => {
    const comma = 'y,x,g,note\n3.5,-1.25,T1,"a;b"\n4,2e-3,T2,ok\n,0.5,T1,"x,y"\n';
    const semicolon = 'y;x;g;note\n3,5;-1,25;T1;"a;b"\n4;2,0e-3;T2;ok\n;0,5;T1;x,y\n';
    const a = plain(parseCsvColumns(comma));
    const b = plain(parseCsvColumns(semicolon));
    expect(b).toEqual(a);
    expect(b.columns[0]).toEqual({ type: "numeric", values: [3.5, 4, Number.NaN] });
    expect(b.columns[1]).toEqual({ type: "numeric", values: [-1.25, 0.002, 0.5] });
    // A code with a comma in a ";" file is text, not a number.
    expect(plain(parseCsvColumns("g;y\nP1,2b;1\n")).columns[0]).toEqual({
      type: "categorical",
      values: ["P1,2b"],
    });
  });

  it("keeps commas as separators when the header has more commas than semicolons", () => {
    const df = plain(parseCsvColumns("a,b;c\n1,2;3\n"));
    expect(df.names).toEqual(["a", "b;c"]);
    expect(df.columns[1]).toEqual({ type: "categorical", values: ["2;3"] });
  });
});
