import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsvColumns } from "./csvColumns.ts";
import { readCsvFile } from "./readCsv.ts";

const dir = mkdtempSync(join(tmpdir(), "attune-readcsv-"));
let files = 0;
function file(bytes: Buffer | string): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, bytes);
  return path;
}

/** The cells of every column as plain arrays (numbers and strings), to compare two readings. */
function cells(df: ReturnType<typeof readCsvFile>) {
  return df.names.map((n) => {
    const c = df.columns.get(n);
    return { type: c?.type, values: Array.from((c?.values ?? []) as ArrayLike<unknown>) };
  });
}

describe("readCsvFile (the file's bytes, parsed without decoding the whole file)", () => {
  it("reads UTF-8 text cells (accents, CJK, quoted, trimmed) as the decoded text reads them", () => {
    const text =
      '\uFEFFpatient,thérapeute,y\r\nP1,"Zoë, M.",1.5\r\n\u65E5\u672C, Élodie ,2\r\n"say ""é""",Zoë,-3\r\n';
    const df = readCsvFile(file(text));
    expect(df.names).toEqual(["patient", "thérapeute", "y"]);
    expect(df.columns.get("thérapeute")?.values).toEqual(["Zoë, M.", "Élodie", "Zoë"]);
    expect(df.columns.get("patient")?.values).toEqual(["P1", "\u65E5\u672C", 'say "é"']);
    expect(cells(df)).toEqual(cells(parseCsvColumns(text.slice(1))));
  });

  it("skips the byte order mark a UTF-8 decoding drops, and one more as the text reader does", () => {
    const bom = "\uFEFF";
    expect(readCsvFile(file(`${bom}y,g\n1,é\n`)).names).toEqual(["y", "g"]);
    expect(readCsvFile(file(`${bom}${bom}y,g\n1,é\n`)).names).toEqual(["y", "g"]);
    expect(readCsvFile(file(`${bom}y,g\n1,a\n`)).names).toEqual(["y", "g"]);
  });

  it("refuses bytes that are not UTF-8, and the replacement character an earlier decoding left", () => {
    const latin1 = file(Buffer.concat([Buffer.from("y,g\n1,"), Buffer.from([0xe9]), Buffer.from("\n")]));
    expect(() => readCsvFile(latin1)).toThrow(`${latin1} is not valid UTF-8 text`);
    const mangled = file("y,g\n1,\uFFFD\n");
    expect(() => readCsvFile(mangled)).toThrow(`${mangled}: not valid UTF-8 text`);
  });

  it("reads every row when the file's later lines are shorter than its first 64 KB's (columns grow)", () => {
    // The row count is guessed from the first 64 KB; short lines after long ones pass the guess.
    const lines = ["y,g,note"];
    for (let i = 0; i < 600; i++) lines.push(`${i}.25,G${i % 7},${"x".repeat(120)}${i}`);
    for (let i = 0; i < 30000; i++) lines.push(`${-i},H${i % 3},`);
    const df = readCsvFile(file(`${lines.join("\n")}\n`));
    expect(df.nrow).toBe(30600);
    const y = df.columns.get("y")?.values as Float64Array;
    expect([y[0], y[599], y[600], y[30599]]).toEqual([0.25, 599.25, 0, -29999]);
    const g = df.columns.get("g")?.values as readonly string[];
    expect([g[0], g[599], g[600], g[30599]]).toEqual(["G0", "G4", "H0", "H2"]);
    expect(df.columns.get("note")?.values[30599]).toBeNull();
  });
});
