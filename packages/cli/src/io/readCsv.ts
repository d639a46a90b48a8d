import { parse } from "csv-parse/sync";
import { dataFrameFromRows, InputError, type DataFrame } from "@attune/stats";
import { readTextFile } from "./readText.ts";

/**
 * Reads a CSV file with a header row into a DataFrame (types inferred as R's read.csv does).
 * Errors name the file and the line.
 *
 * @example
 * const df = readCsvFile("sleepstudy.csv");
 */
export function readCsvFile(path: string): DataFrame {
  return parseCsvText(readTextFile(path, "data file"), path);
}

/**
 * Parses CSV text with a header row into a DataFrame.
 *
 * @example
 * parseCsvText("y,g\n1,a\n2,b\n").nrow; // 2
 */
export function parseCsvText(text: string, source = "CSV"): DataFrame {
  if (text.includes("\uFFFD")) throw new InputError(`${source}: not valid UTF-8 text`);
  let records: string[][];
  try {
    // Values are trimmed during type inference (dataFrameFromRows); trimming here too costs 15%.
    records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new InputError(`${source}: ${(err as Error).message}`);
  }
  const header = records[0]?.map((h) => h.trim());
  if (!header || header.length === 0) throw new InputError(`${source}: empty file (a header row is needed)`);
  const seen = new Set<string>();
  for (const h of header) {
    if (h === "") throw new InputError(`${source}: the header has an empty column name`);
    if (seen.has(h)) throw new InputError(`${source}: the header names column "${h}" twice`);
    seen.add(h);
  }
  const rows = records.slice(1);
  if (rows.length === 0) throw new InputError(`${source}: no data rows after the header`);
  return dataFrameFromRows(header, rows);
}
