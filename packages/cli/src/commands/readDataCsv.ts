import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { dataFrameFromRows, InputError, type DataFrame } from "@attune/stats";

/**
 * Reads a CSV file with a header row into a DataFrame (types inferred as R's read.csv does). Errors name
 * the file and what is wrong with it.
 *
 * @example
 * const df = readDataCsv("prn.csv");
 */
export function readDataCsv(path: string): DataFrame {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT" ? `data file not found: ${path}` : `cannot read ${path}: ${code ?? String(err)}`,
    );
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    throw new InputError(`${path}: ${(err as Error).message}`);
  }
  const header = records[0];
  if (!header || header.length === 0) throw new InputError(`${path}: empty file (a header row is needed)`);
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new InputError(`${path}: the header names column "${h}" twice`);
    seen.add(h);
  }
  if (records.length < 2) throw new InputError(`${path}: no data rows after the header`);
  return dataFrameFromRows(header, records.slice(1));
}
