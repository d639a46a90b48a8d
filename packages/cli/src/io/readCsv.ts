import { InputError, type DataFrame } from "@attune/stats";
import { parseCsvColumns } from "./csvColumns.ts";
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
  return parseCsvColumns(text, source);
}
